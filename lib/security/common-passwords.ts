// Passwords people pick first and attackers try first: the password list of zxcvbn-ts's common
// dictionary (@zxcvbn-ts/language-common, ~49,000 entries from leaked-password corpora, ranked by
// frequency). A password is refused when, lower-cased, it is an entry of the list: the check of
// Django's CommonPasswordValidator and Keycloak's password blacklist. Nothing is stripped or
// rewritten first: "Passw0rd" is on the list, "Passw0rd!" is not, and the pool's own policy (length,
// character classes) does the rest. The set is built on the first check and kept.
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((entry) => entry.toLowerCase()));
  return common;
}

/** Whether `password` is a common or leaked password (case-insensitive, exact entry). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** How many entries the list holds (the README and the tests cite it). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

export const COMMON_PASSWORD_MESSAGE = "This password is too common; it appears in lists of leaked passwords. Choose another.";
