import { test } from "node:test";
import assert from "node:assert/strict";
import { ENTRY_PAGES, isPage, PAGE_OF_STEP, PAGES, pageAllowed, pageOf, STEPS, type Page } from "./pages.ts";
import type { Step } from "../auth-flow/contract.ts";

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
  // …and the offer to add a passkey, which the flow's passkeyOffer guards (view.ts).
  assert.deepEqual(open, ["login", "signup", "forgot-password", "add-passkey"]);
  assert.equal(pageOf("DONE"), "login");
});

test("hosted UI: every non-entry page belongs to exactly one step", () => {
  const allowed: [Page, Step][] = [];
  for (const page of PAGES) for (const step of STEPS) if (pageAllowed(page, step)) allowed.push([page, step]);
  // 3 entry pages × 13 steps, plus each of the 9 other pages at its own step (the sign-in page
  // serves SELECT_CHALLENGE, PASSWORD and PASSWORD_SRP; add-passkey comes once the sign-in is DONE).
  assert.equal(allowed.length, 3 * 13 + 9);
  const others = allowed.filter(([page]) => !ENTRY_PAGES.includes(page));
  assert.deepEqual(others.sort(), [
    ["add-passkey", "DONE"], ["confirm", "ConfirmSignUp"], ["email-code", "EMAIL_OTP"], ["mfa", "SOFTWARE_TOKEN_MFA"], ["mfa-setup", "MFA_SETUP"],
    ["new-password", "NEW_PASSWORD_REQUIRED"], ["passkey", "WEB_AUTHN"], ["reset-password", "ConfirmForgotPassword"], ["sms-code", "SMS_OTP"],
  ]);
});

test("hosted UI: every step the engine can wait for has a page, keyed by Cognito's names", () => {
  assert.deepEqual(Object.keys(PAGE_OF_STEP).sort(), STEPS.filter((s) => s !== "DONE").sort());
  assert.equal(PAGE_OF_STEP.PASSWORD_VERIFIER, "login");
  assert.equal(PAGE_OF_STEP.SOFTWARE_TOKEN_MFA, "mfa");
});

test("hosted UI: only known page names are pages", () => {
  for (const page of PAGES) assert.equal(isPage(page), true);
  for (const other of ["", "admin", "Login", "login/", "mfa-setup2", "__proto__", "constructor"]) assert.equal(isPage(other), false, other);
});
