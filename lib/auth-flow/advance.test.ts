import { test } from "node:test";
import assert from "node:assert/strict";
import { FORM_SCHEMAS, keptValues } from "./advance.ts";

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
  assert.deepEqual(login.error!.issues.map((i) => i.message), ["Enter your sign-in name.", "Enter your password."]);
  assert.equal(FORM_SCHEMAS.login.safeParse({ login: "a", password: "x".repeat(257) }).success, false);
  assert.equal(FORM_SCHEMAS.mfa.safeParse({ code: "1".repeat(17) }).success, false);
  assert.deepEqual(FORM_SCHEMAS.mfa.parse({ code: " 123456 " }), { code: "123456" });
  assert.deepEqual(FORM_SCHEMAS.confirm.parse({}), { intent: "confirm" });
  assert.equal(FORM_SCHEMAS.signup.safeParse({ password: "P", given_name: "x".repeat(2049) }).success, false);
});
