// What a username may be, in one place for self sign-up, admin create (console and admin API), the
// config file and pool import. As in Cognito, where email (phone) is a sign-in alias a username
// shaped like an email (phone number) is refused: it would capture sign-in and password resets
// meant for the person whose address it is. The sign-in lookup (find-user.ts) uses the same
// shapes, so a name of that shape is only ever looked up as the alias.
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { E164 } from "./validate-attributes.ts";

/** Cognito's username characters: letters, marks, symbols, digits and punctuation, no spaces. */
const USERNAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

type Aliases = Pick<Pool, "signInAliases">;

/** Any "@" counts: every email address has one, so nothing with one is safe as a username there. */
export function looksLikeEmail(value: string): boolean {
  return value.includes("@");
}

/** The phone_number attribute's own format (E.164), so no phone number can be missed. */
export function looksLikePhone(value: string): boolean {
  return E164.test(value);
}

/** The alias a sign-in name can only be in this pool, by its shape; null when it is a username. */
export function aliasShape(pool: Aliases, value: string): "email" | "phone" | null {
  if (pool.signInAliases.includes("email") && looksLikeEmail(value)) return "email";
  if (pool.signInAliases.includes("phone") && looksLikePhone(value)) return "phone";
  return null;
}

/** Why `username` cannot be a username in this pool, or null when it can. */
export function usernameProblem(pool: Aliases, username: string): string | null {
  if (!USERNAME_PATTERN.test(username)) return "Choose a username of 1-128 characters without spaces.";
  switch (aliasShape(pool, username)) {
    case "email":
      return "Username cannot be of email format, since user pool is configured for email alias.";
    case "phone":
      return "Username cannot be of phone number format, since user pool is configured for phone number alias.";
    case null:
      return null;
  }
}

/** The trimmed username, or InvalidParameterException on the username field. */
export function assertUsernameAllowed(pool: Aliases, raw: string | undefined): string {
  const username = (raw ?? "").trim();
  const problem = usernameProblem(pool, username);
  if (problem) throw new AppError("InvalidParameterException", problem, { field: "username" });
  return username;
}

/**
 * The name the console puts in a user's URLs: the username, or the sub when the username has an
 * email's or phone number's shape. Such a name may also be another user's address (a row from
 * before those usernames were refused), and the admin API refuses to guess which user it means.
 */
export function consoleUserKey(user: { username: string; sub: string }): string {
  return looksLikeEmail(user.username) || looksLikePhone(user.username) ? user.sub : user.username;
}
