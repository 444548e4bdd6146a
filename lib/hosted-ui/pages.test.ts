import { test } from "node:test";
import assert from "node:assert/strict";
import { ENTRY_PAGES, isPage, PAGE_OF_STEP, PAGES, pageAllowed, pageOf, STEPS, type Page } from "./pages.ts";
import { RECOVERY_CODE_STEPS, type Step } from "../auth-flow/contract.ts";

test("hosted UI: the entry pages (sign in, sign up, forgot password) can be opened at any step", () => {
  assert.deepEqual([...ENTRY_PAGES].sort(), ["forgot-password", "login", "signup"]);
  for (const page of ["login", "signup", "forgot-password"] as const) {
    for (const step of STEPS) assert.equal(pageAllowed(page, step), true, `${page} at ${step}`);
  }
});

test("hosted UI: a step's page is accepted only at that step, so no challenge can be skipped", () => {
  assert.equal(pageAllowed("mfa", "SOFTWARE_TOKEN_MFA"), true);
  assert.equal(pageAllowed("mfa", "PASSWORD_VERIFIER"), false);
  assert.equal(pageAllowed("mfa", "MFA_SETUP"), false);
  assert.equal(pageAllowed("mfa-setup", "MFA_SETUP"), true);
  assert.equal(pageAllowed("mfa-setup", "SOFTWARE_TOKEN_MFA"), false);
  assert.equal(pageAllowed("new-password", "NEW_PASSWORD_REQUIRED"), true);
  assert.equal(pageAllowed("new-password", "PASSWORD_VERIFIER"), false);
  assert.equal(pageAllowed("confirm", "ConfirmSignUp"), true);
  assert.equal(pageAllowed("confirm", "PASSWORD_VERIFIER"), false);
  assert.equal(pageAllowed("reset-password", "ConfirmForgotPassword"), true);
  assert.equal(pageAllowed("reset-password", "ConfirmSignUp"), false);
});

test("hosted UI: once a sign-in is done, only the entry pages remain", () => {
  const open = PAGES.filter((page) => pageAllowed(page, "DONE"));
  // …and the offer to add a passkey, which the flow's signedIn guards (view.ts).
  assert.deepEqual(open, ["login", "signup", "forgot-password", "add-passkey"]);
  assert.equal(pageOf("DONE"), "login");
});

test("hosted UI: every non-entry page belongs to exactly one step; a recovery code to the second-factor steps", () => {
  const allowed: [Page, Step][] = [];
  for (const page of PAGES) for (const step of STEPS) if (pageAllowed(page, step)) allowed.push([page, step]);
  const recovery = allowed.filter(([page]) => page === "recovery-code").map(([, step]) => step);
  assert.deepEqual(recovery, STEPS.filter((step) => (RECOVERY_CODE_STEPS as readonly string[]).includes(step)));
  assert.ok(recovery.includes("SOFTWARE_TOKEN_MFA"));
  // The page of new recovery codes is no step's: only a flow finished with codes to show has it (view.ts).
  assert.equal(allowed.some(([page]) => page === "recovery-codes"), false);
  const others = allowed.filter(([page]) => !ENTRY_PAGES.includes(page) && page !== "recovery-code");
  assert.equal(allowed.length, 3 * STEPS.length + others.length + recovery.length);
  // The sign-in page serves SELECT_CHALLENGE, PASSWORD and PASSWORD_SRP; add-passkey comes once the sign-in is DONE.
  assert.deepEqual(others.sort(), [
    ["add-passkey", "DONE"], ["confirm", "ConfirmSignUp"], ["mfa", "SOFTWARE_TOKEN_MFA"], ["mfa-code", "EMAIL_OTP"], ["mfa-code", "SMS_MFA"],
    ["mfa-select", "SELECT_MFA_TYPE"], ["mfa-setup", "MFA_SETUP"], ["new-password", "NEW_PASSWORD_REQUIRED"], ["passkey", "WEB_AUTHN"],
    ["reset-password", "ConfirmForgotPassword"], ["sms-code", "SMS_OTP"],
  ]);
});

test("hosted UI: every step the engine can wait for has a page, keyed by Cognito's names", () => {
  assert.deepEqual(Object.keys(PAGE_OF_STEP).sort(), STEPS.filter((s) => s !== "DONE").sort());
  assert.equal(PAGE_OF_STEP.PASSWORD_VERIFIER, "login");
  assert.equal(PAGE_OF_STEP.SOFTWARE_TOKEN_MFA, "mfa");
});

test("hosted UI: a passwordless email code has its own page, and no recovery code stands in for it", () => {
  assert.equal(pageOf("EMAIL_OTP"), "mfa-code");
  assert.equal(pageOf("EMAIL_OTP", true), "email-code");
  assert.equal(pageAllowed("email-code", "EMAIL_OTP", true), true);
  assert.equal(pageAllowed("email-code", "EMAIL_OTP", false), false);
  assert.equal(pageAllowed("mfa-code", "EMAIL_OTP", true), false);
  assert.equal(pageAllowed("recovery-code", "EMAIL_OTP", true), false);
});

test("hosted UI: only known page names are pages", () => {
  for (const page of PAGES) assert.equal(isPage(page), true);
  for (const other of ["", "admin", "Login", "login/", "mfa-setup2", "__proto__", "constructor"]) assert.equal(isPage(other), false, other);
});
