// The pool's password rules, shared by the server check and the hosted UI's as-you-type list.
import type { PasswordPolicy } from "./config-schema.ts";

export type PasswordRule = { id: string; label: string; met: (password: string) => boolean };

// Cognito's symbol set.
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

export function passwordRules(policy: PasswordPolicy): PasswordRule[] {
  const rules: PasswordRule[] = [
    { id: "length", label: `At least ${policy.minLength} characters`, met: (p) => [...p].length >= policy.minLength },
  ];
  if (policy.requireLowercase) rules.push({ id: "lower", label: "A lowercase letter", met: (p) => /\p{Ll}/u.test(p) });
  if (policy.requireUppercase) rules.push({ id: "upper", label: "An uppercase letter", met: (p) => /\p{Lu}/u.test(p) });
  if (policy.requireNumbers) rules.push({ id: "number", label: "A number", met: (p) => /\d/.test(p) });
  if (policy.requireSymbols) rules.push({ id: "symbol", label: "A symbol", met: (p) => SYMBOLS.test(p) });
  return rules;
}

/** The labels of the rules a password fails; empty when it is acceptable. */
export function unmetPasswordRules(policy: PasswordPolicy, password: string): string[] {
  const unmet = passwordRules(policy).filter((rule) => !rule.met(password)).map((rule) => rule.label);
  if ([...password].length > 256) unmet.push("At most 256 characters");
  if (password !== password.trim()) unmet.push("No leading or trailing spaces");
  return unmet;
}
