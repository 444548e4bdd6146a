// The header of a pool's user-import CSV, as Cognito's GetCSVHeader gives it: the standard
// attributes in Cognito's order, the pool's custom:* attributes, then cognito:mfa_enabled and
// cognito:username. Gatehouse also reads an optional `passwordHash` column (not in the header,
// so a Cognito-made file and template stay as Cognito writes them).
import type { Pool } from "../pools/pool.ts";

/** Cognito's order (GetCSVHeader's sample response in the developer guide). */
export const STANDARD_COLUMNS = [
  "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
  "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at",
] as const;

export const USERNAME_COLUMN = "cognito:username";
export const MFA_COLUMN = "cognito:mfa_enabled";
/** Gatehouse's addition: another system's password hash (lib/security/password-hashes.ts). */
export const PASSWORD_HASH_COLUMN = "passwordHash";

export function csvHeaderOf(pool: Pick<Pool, "customAttributes">): string[] {
  return [...STANDARD_COLUMNS, ...pool.customAttributes.map((a) => `custom:${a.name}`), MFA_COLUMN, USERNAME_COLUMN];
}

/** The columns a file may have: the header's and passwordHash. */
export function allowedColumns(pool: Pick<Pool, "customAttributes">): Set<string> {
  return new Set([...csvHeaderOf(pool), PASSWORD_HASH_COLUMN]);
}
