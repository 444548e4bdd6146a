import { test } from "node:test";
import assert from "node:assert/strict";
import { RECOVERY_CODE_STEPS, type Step } from "./contract.ts";
import { accepts, isResponseName, newFlowState } from "./engine.ts";

test("a recovery code answers the second-factor steps and nothing else", () => {
  assert.equal(isResponseName("RecoveryCode"), true);
  const at = (step: string) => ({ ...newFlowState({ poolId: "local_Test00001", clientId: "web" }), step: step as Step });
  for (const step of RECOVERY_CODE_STEPS) assert.equal(accepts(at(step), "RecoveryCode"), true, step);
  for (const step of ["PASSWORD_VERIFIER", "NEW_PASSWORD_REQUIRED", "MFA_SETUP", "CUSTOM_CHALLENGE", "ConfirmSignUp", "ConfirmForgotPassword", "DONE"]) {
    assert.equal(accepts(at(step), "RecoveryCode"), false, step);
  }
  // The TOTP step still takes its own answer too.
  assert.equal(accepts(at("SOFTWARE_TOKEN_MFA"), "SOFTWARE_TOKEN_MFA"), true);
});

test("a recovery code is never a first factor: a passwordless email code takes no recovery code and no resend", () => {
  const passwordless = { ...newFlowState({ poolId: "local_Test00001", clientId: "web" }), step: "EMAIL_OTP" as Step, passwordless: { channel: "EMAIL" as const } };
  assert.equal(accepts(passwordless, "RecoveryCode"), false);
  assert.equal(accepts(passwordless, "ResendSignInCode"), false);
  assert.equal(accepts(passwordless, "EMAIL_OTP"), true);
  for (const step of ["WEB_AUTHN", "SMS_OTP", "SELECT_CHALLENGE", "PASSWORD", "PASSWORD_SRP"]) {
    assert.equal(accepts({ ...passwordless, step: step as Step }, "RecoveryCode"), false, step);
  }
});
