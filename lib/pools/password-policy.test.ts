import { test } from "node:test";
import assert from "node:assert/strict";
import { PasswordPolicySchema, type PasswordPolicy } from "./config-schema.ts";
import { passwordRules, unmetPasswordRules } from "./password-policy.ts";

const DEFAULT: PasswordPolicy = PasswordPolicySchema.parse({});
const STRICT: PasswordPolicy = { ...DEFAULT, minLength: 10, requireSymbols: true };
const LOOSE: PasswordPolicy = { ...DEFAULT, minLength: 6, requireLowercase: false, requireUppercase: false, requireNumbers: false };

test("the default policy is Cognito's: 8 characters, lower, upper, number, no symbol", () => {
  assert.deepEqual(DEFAULT, {
    minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: 7,
  });
  assert.deepEqual(passwordRules(DEFAULT).map((r) => r.id), ["length", "lower", "upper", "number"]);
  assert.deepEqual(passwordRules(STRICT).map((r) => r.id), ["length", "lower", "upper", "number", "symbol"]);
  assert.deepEqual(passwordRules(LOOSE).map((r) => r.id), ["length"]);
  assert.equal(passwordRules(STRICT)[0]!.label, "At least 10 characters");
});

test("password policy: a password meeting every rule has no unmet rules", () => {
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Passw0rd"), []);
  assert.deepEqual(unmetPasswordRules(STRICT, "Passw0rd!xy"), []);
});

test("password policy: each missing character class is reported by its label", () => {
  assert.deepEqual(unmetPasswordRules(DEFAULT, "password1"), ["An uppercase letter"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "PASSWORD1"), ["A lowercase letter"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Password"), ["A number"]);
  assert.deepEqual(unmetPasswordRules(STRICT, "Password12"), ["A symbol"]);
  assert.deepEqual(unmetPasswordRules(STRICT, "short"), [
    "At least 10 characters", "An uppercase letter", "A number", "A symbol",
  ]);
});

test("password policy: upper and lower case are recognised in any script, not only ASCII", () => {
  // É (Lu) and ß, é (Ll) are cased letters; Greek and Cyrillic too.
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Éclair99"), []);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "ßtraße99"), ["An uppercase letter"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "ΣΟΦΙΑ123"), ["A lowercase letter"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Пароль77"), []);
  // Letters without case (Chinese) satisfy neither case rule.
  assert.deepEqual(unmetPasswordRules(DEFAULT, "密码密码密码12"), ["A lowercase letter", "An uppercase letter"]);
});

test("password policy: length counts characters (code points), not UTF-16 units", () => {
  // Seven emoji are 14 UTF-16 code units but 7 characters: too short for 8.
  const sevenEmoji = "😀".repeat(7);
  assert.equal(sevenEmoji.length, 14);
  assert.deepEqual(unmetPasswordRules({ ...LOOSE, minLength: 8 }, sevenEmoji), ["At least 8 characters"]);
  assert.deepEqual(unmetPasswordRules({ ...LOOSE, minLength: 8 }, "😀".repeat(8)), []);
  // The 256-character cap counts the same way.
  assert.deepEqual(unmetPasswordRules(LOOSE, "😀".repeat(256)), []);
  assert.deepEqual(unmetPasswordRules(LOOSE, "😀".repeat(257)), ["At most 256 characters"]);
  assert.deepEqual(unmetPasswordRules(LOOSE, "a".repeat(257)), ["At most 256 characters"]);
});

test("password policy: every symbol in Cognito's set counts as a symbol, others do not", () => {
  const symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
  for (const symbol of symbols) {
    // The space goes in the middle: a leading or trailing space is a separate rule.
    const password = `Pass${symbol}word1`;
    assert.deepEqual(unmetPasswordRules(STRICT, password), [], `symbol ${JSON.stringify(symbol)} should count`);
  }
  for (const notSymbol of ["€", "§", "£", "¿", "é"]) {
    assert.deepEqual(unmetPasswordRules(STRICT, `Pass${notSymbol}word12`), ["A symbol"], `${notSymbol} is not in Cognito's set`);
  }
});

test("password policy: leading or trailing whitespace is refused", () => {
  assert.deepEqual(unmetPasswordRules(DEFAULT, " Passw0rd"), ["No leading or trailing spaces"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Passw0rd "), ["No leading or trailing spaces"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Passw0rd\t"), ["No leading or trailing spaces"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Pass w0rd"), []);
});

test("password policy: the minimum length is checked exactly at the boundary", () => {
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Passw0r"), ["At least 8 characters"]);
  assert.deepEqual(unmetPasswordRules(DEFAULT, "Passw0rd"), []);
  assert.deepEqual(unmetPasswordRules(DEFAULT, ""), ["At least 8 characters", "A lowercase letter", "An uppercase letter", "A number"]);
});
