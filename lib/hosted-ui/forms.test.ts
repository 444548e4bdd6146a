import { test } from "node:test";
import assert from "node:assert/strict";
import { engineCallOf, FORM_SCHEMAS, keptValues } from "./forms.ts";

test("hosted forms: passwords, codes and the CSRF token are never put back into a form", () => {
  const submitted = { login: "alice@example.com", password: "Passw0rd!", confirmPassword: "Passw0rd!", code: "123456", csrf: "token", given_name: "Alice" };
  assert.deepEqual(keptValues("login", submitted), { login: "alice@example.com", given_name: "Alice" });
  assert.deepEqual(keptValues("signup", submitted), { login: "alice@example.com", given_name: "Alice" });
  assert.deepEqual(keptValues("forgot-password", submitted), { login: "alice@example.com", given_name: "Alice" });
});

test("hosted forms: challenge pages keep nothing, and kept values are cut to 256 characters", () => {
  for (const page of ["confirm", "reset-password", "new-password", "mfa-setup", "mfa"] as const) {
    assert.deepEqual(keptValues(page, { login: "alice", code: "123456" }), {}, page);
  }
  assert.equal(keptValues("login", { login: "x".repeat(1000) }).login!.length, 256);
  assert.deepEqual(keptValues("login", { login: 42, other: null }), {});
});

test("hosted forms: fields are bounded and required fields explain themselves", () => {
  const login = FORM_SCHEMAS.login.safeParse({ login: "  ", password: "" });
  assert.equal(login.success, false);
  assert.deepEqual(login.error.issues.map((i) => i.message), ["Enter your sign-in name.", "Enter your password."]);
  assert.equal(FORM_SCHEMAS.login.safeParse({ login: "a", password: "x".repeat(257) }).success, false);
  assert.equal(FORM_SCHEMAS.mfa.safeParse({ code: "1".repeat(17) }).success, false);
  assert.deepEqual(FORM_SCHEMAS.mfa.parse({ code: " 123456 " }), { code: "123456" });
  assert.deepEqual(FORM_SCHEMAS.confirm.parse({}), { intent: "confirm" });
  assert.equal(FORM_SCHEMAS.signup.safeParse({ password: "P", given_name: "x".repeat(2049) }).success, false);
});

test("hosted forms: each form asks the engine in Cognito's names; mismatched passwords never reach it", () => {
  assert.deepEqual(engineCallOf("login", { login: "alice", password: "P", intent: "password" }), { kind: "start", flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: "alice", PASSWORD: "P" } });
  assert.deepEqual(engineCallOf("login", { login: "alice", intent: "email-code" }),
    { kind: "start", flow: "USER_AUTH", parameters: { USERNAME: "alice", PREFERRED_CHALLENGE: "EMAIL_OTP", preventUserExistenceErrors: true } });
  assert.deepEqual(engineCallOf("login", { login: "alice", intent: "password" }), { kind: "invalid", message: "Enter your password.", field: "password" });
  assert.deepEqual(engineCallOf("passkey", { credential: "{}" }), { kind: "respond", name: "WEB_AUTHN", answers: { CREDENTIAL: "{}" } });
  assert.deepEqual(engineCallOf("signup", { password: "P", email: "a@example.com" }), { kind: "start", flow: "SignUp", parameters: { USERNAME: undefined, PASSWORD: "P", userAttributes: { email: "a@example.com" } } });
  assert.deepEqual(engineCallOf("confirm", { intent: "resend" }), { kind: "respond", name: "ResendConfirmationCode", answers: {} });
  assert.deepEqual(engineCallOf("confirm", { intent: "confirm" }), { kind: "invalid", message: "Enter the code we sent you.", field: "code" });
  assert.deepEqual(engineCallOf("reset-password", { code: "1", password: "P" }), { kind: "respond", name: "ConfirmForgotPassword", answers: { CONFIRMATION_CODE: "1", PASSWORD: "P" } });
  assert.deepEqual(engineCallOf("new-password", { password: "P", confirmPassword: "Q" }), { kind: "invalid", message: "The passwords do not match.", field: "confirmPassword" });
  assert.deepEqual(engineCallOf("mfa", { code: "123456" }), { kind: "respond", name: "SOFTWARE_TOKEN_MFA", answers: { SOFTWARE_TOKEN_MFA_CODE: "123456" } });
  // The hosted UI shows the recovery codes issued with an enrolment, so it asks for them.
  assert.deepEqual(engineCallOf("mfa-setup", { code: "123456" }), { kind: "respond", name: "MFA_SETUP", answers: { SOFTWARE_TOKEN_MFA_CODE: "123456", recoveryCodes: true } });
  assert.deepEqual(engineCallOf("recovery-code", { code: "7k2mq-4hx9d" }), { kind: "respond", name: "RecoveryCode", answers: { RECOVERY_CODE: "7k2mq-4hx9d" } });
  assert.deepEqual(engineCallOf("recovery-codes", {}), { kind: "finish" });
});
