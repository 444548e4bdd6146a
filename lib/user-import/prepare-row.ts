// Cognito's rules for one row of a user-import CSV, checked before anything is written: a
// cognito:username; email_verified, phone_number_verified and cognito:mfa_enabled true or false;
// an address behind each "true"; MFA only with a verified phone; the pool's required attributes
// and attribute rules (validate-attributes.ts) and username rules (new-user-rules.ts). A user
// imported without a password is RESET_REQUIRED, as in Cognito, so they need a verified address
// of the kind the pool sends codes to. Gatehouse's `passwordHash` column (another system's hash,
// password-hashes.ts) makes the user CONFIRMED with their old password instead.
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { parsePasswordHashText } from "../security/password-hashes.ts";
import { newUsername } from "../users/new-user-rules.ts";
import { validateAttributes, type SplitAttributes } from "../users/validate-attributes.ts";
import { MFA_COLUMN, PASSWORD_HASH_COLUMN, USERNAME_COLUMN } from "./csv-header.ts";
import type { CsvRow } from "./parse-file.ts";

export type PreparedRow = {
  /** The user's sub (and username in email/phone pools). */
  id: string;
  username: string;
  attributes: SplitAttributes;
  smsMfa: boolean;
  /** The stored form of the row's passwordHash (null: RESET_REQUIRED). */
  passwordHash: string | null;
};

const FLAGS = ["email_verified", "phone_number_verified", MFA_COLUMN] as const;

/** The username a row is reported under (its cognito:username cell). */
export function rowUsername(row: CsvRow): string {
  return (row.values[USERNAME_COLUMN] ?? "").trim();
}

/** Checks a row; throws AppError (InvalidParameterException and the like) with the first problem. */
export function prepareRow(pool: Pool, row: CsvRow, id: string): PreparedRow {
  if (row.problem) throw new AppError("InvalidParameterException", row.problem);
  const requested = rowUsername(row);
  if (!requested) throw new AppError("InvalidParameterException", `${USERNAME_COLUMN} is required.`, { field: USERNAME_COLUMN });
  const flags: Record<string, boolean> = {};
  for (const name of FLAGS) {
    const value = (row.values[name] ?? "").trim().toLowerCase();
    if (value !== "" && value !== "true" && value !== "false") throw new AppError("InvalidParameterException", `${name} must be true or false.`, { field: name });
    flags[name] = value === "true";
  }
  const input: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.values)) {
    if (name === USERNAME_COLUMN || name === MFA_COLUMN || name === PASSWORD_HASH_COLUMN || value.trim() === "") continue;
    input[name] = (FLAGS as readonly string[]).includes(name) ? String(flags[name]) : value;
  }
  const attributes = validateAttributes(pool, input, { enforceRequired: true });
  if (attributes.emailVerified && !attributes.email) throw new AppError("InvalidParameterException", "email_verified is true but email is empty.", { field: "email" });
  if (attributes.phoneVerified && !attributes.phoneNumber) throw new AppError("InvalidParameterException", "phone_number_verified is true but phone_number is empty.", { field: "phone_number" });
  const smsMfa = flags[MFA_COLUMN] ?? false;
  if (smsMfa && !(attributes.phoneNumber && attributes.phoneVerified))
    throw new AppError("InvalidParameterException", `${MFA_COLUMN} is true: the user needs a phone_number with phone_number_verified true.`, { field: MFA_COLUMN });

  const hashText = (row.values[PASSWORD_HASH_COLUMN] ?? "").trim();
  let passwordHash: string | null = null;
  if (hashText) {
    const parsed = parsePasswordHashText(hashText);
    if (!parsed.success) throw new AppError("InvalidParameterException", `passwordHash: ${parsed.error.issues[0]?.message ?? "is not a recognised password hash"}`, { field: PASSWORD_HASH_COLUMN });
    passwordHash = parsed.data;
  } else {
    // A RESET_REQUIRED user sets a password with a code sent to a verified address the pool verifies.
    const reachable = pool.autoVerifiedAttributes.some((a) => (a === "email" ? attributes.email && attributes.emailVerified : a === "phone_number" ? attributes.phoneNumber && attributes.phoneVerified : false));
    if (pool.autoVerifiedAttributes.length && !reachable) {
      const names = pool.autoVerifiedAttributes.map((a) => `${a}_verified`).join(" or ");
      throw new AppError("InvalidParameterException", `The user must reset their password, so they need a verified address: set ${names} to true (or give a passwordHash).`);
    }
  }
  const username = newUsername(pool, { creator: "admin", requested, id, attributes });
  return { id, username, attributes, smsMfa, passwordHash };
}
