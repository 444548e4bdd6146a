// Who may be created, decided in one place for every way a user comes to exist: self sign-up,
// admin create (console and admin API, and the first admin), and the config file. Pure rules; the
// queries that apply them are in insert-user.ts.
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { assertUsernameAllowed } from "./username-rules.ts";
import type { SplitAttributes } from "./validate-attributes.ts";

/** Who is creating the user: their clash rules and wording differ, as in Cognito. */
export type UserCreator = "sign-up" | "admin" | "config" | "federation";

type Attrs = Pick<SplitAttributes, "email" | "phoneNumber">;

/**
 * The new user's username. Where users sign in by username it is the one asked for, of the
 * allowed shape (username-rules.ts); in email/phone pools it is the generated `id`, as in Cognito,
 * and the user needs an address to sign in with. A config file always names its users.
 */
export function newUsername(pool: Pick<Pool, "signInAliases">, options: { creator: UserCreator; requested: string | undefined; id: string; attributes: Attrs }): string {
  const { attributes } = options;
  if (options.creator === "config" || pool.signInAliases.includes("username")) return assertUsernameAllowed(pool, options.requested);
  if (options.creator === "sign-up") {
    if (pool.signInAliases.includes("email") && !attributes.email && !attributes.phoneNumber)
      throw new AppError("InvalidParameterException", "Email is required.", { field: "email" });
  } else if (!attributes.email && !attributes.phoneNumber) {
    throw new AppError("InvalidParameterException", "This pool signs users in by email or phone: give one.", { field: pool.signInAliases.includes("email") ? "email" : "phone_number" });
  }
  return options.id;
}

export type ClashField = "username" | "email" | "phone_number";

/** One name the new user may not share with an existing user of the pool. */
export type ClashRule = {
  field: ClashField;
  code: "UsernameExistsException" | "AliasExistsException";
  message: string;
  /** Only a verified address counts as taken (an unverified one cannot be signed in with). */
  verifiedOnly: boolean;
};

/**
 * The names checked before a user is inserted, in order. Usernames are always unique. An email or
 * phone number is checked where it is a sign-in alias: at sign-up (where Cognito answers
 * UsernameExistsException, and only verified addresses count when users also have usernames) and
 * at admin create (AliasExistsException, any address). A config file is applied as written: its
 * users are matched by username, and their addresses are not checked against other users.
 */
export function clashRules(pool: Pick<Pool, "signInAliases">, creator: UserCreator): ClashRule[] {
  const aliases = pool.signInAliases;
  if (creator === "sign-up") {
    const verifiedOnly = aliases.includes("username");
    return [
      { field: "username", code: "UsernameExistsException", message: "An account with this username already exists.", verifiedOnly: false },
      ...(aliases.includes("email") ? [{ field: "email", code: "UsernameExistsException", message: "An account with this email already exists.", verifiedOnly } as const] : []),
      ...(aliases.includes("phone") ? [{ field: "phone_number", code: "UsernameExistsException", message: "An account with this phone number already exists.", verifiedOnly } as const] : []),
    ];
  }
  const username: ClashRule = { field: "username", code: "UsernameExistsException", message: "A user with this username already exists.", verifiedOnly: false };
  // A config file is applied as written; a federated user's addresses are the IdP's, which Cognito
  // does not check against the pool's other users (linking is how two accounts become one).
  if (creator === "config" || creator === "federation") return [username];
  return [
    username,
    ...(aliases.includes("email") ? [{ field: "email", code: "AliasExistsException", message: "A user with this email already exists.", verifiedOnly: false } as const] : []),
    ...(aliases.includes("phone") ? [{ field: "phone_number", code: "AliasExistsException", message: "A user with this phone number already exists.", verifiedOnly: false } as const] : []),
  ];
}

/**
 * An admin changing a user's email or phone number: the new address must not be another user's
 * where it is a sign-in alias (Cognito's AliasExistsException), verified or not.
 */
export function aliasChangeRules(pool: Pick<Pool, "signInAliases">): ClashRule[] {
  return [
    ...(pool.signInAliases.includes("email") ? [{ field: "email", code: "AliasExistsException", message: "Another user has this email.", verifiedOnly: false } as const] : []),
    ...(pool.signInAliases.includes("phone") ? [{ field: "phone_number", code: "AliasExistsException", message: "Another user has this phone number.", verifiedOnly: false } as const] : []),
  ];
}

/**
 * A user verifying an address they have: only another user's verified address stands in the way
 * (an unverified one signs nobody in), as Cognito's AliasExistsException at verification.
 */
export function aliasVerifyRules(pool: Pick<Pool, "signInAliases">): ClashRule[] {
  return aliasChangeRules(pool).map((rule) => ({ ...rule, verifiedOnly: true }));
}

/**
 * The advisory locks an insert (or a change of address) takes so two racing requests for the same
 * username, email or phone number cannot both pass the clash checks: one per name, sorted so that two inserts sharing
 * several names take them in the same order and cannot deadlock.
 */
export function insertLockKeys(poolId: string, names: { username: string | null } & Attrs): string[] {
  const keys = names.username ? [`${poolId}:username:${names.username.toLowerCase()}`] : [];
  if (names.email) keys.push(`${poolId}:email:${names.email.toLowerCase()}`);
  if (names.phoneNumber) keys.push(`${poolId}:phone:${names.phoneNumber}`);
  return keys.sort();
}
