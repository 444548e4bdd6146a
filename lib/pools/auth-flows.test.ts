// Which InitiateAuth flows an app client's explicitAuthFlows allow, legacy names included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AUTH_FLOWS, DEFAULT_EXPLICIT_AUTH_FLOWS, EXPLICIT_AUTH_FLOWS, ExplicitAuthFlowsSchema, authFlowAllowed, type AuthFlow } from "./auth-flows.ts";

const allowed = (explicitAuthFlows: readonly string[]) => AUTH_FLOWS.filter((flow) => authFlowAllowed({ explicitAuthFlows }, flow));

test("auth flows: Cognito's default allows SRP, custom auth and refresh tokens, nothing else", () => {
  assert.deepEqual([...DEFAULT_EXPLICIT_AUTH_FLOWS], ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
  assert.deepEqual(allowed(DEFAULT_EXPLICIT_AUTH_FLOWS), ["USER_SRP_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"]);
  assert.deepEqual(ExplicitAuthFlowsSchema.parse(undefined), DEFAULT_EXPLICIT_AUTH_FLOWS);
});

test("auth flows: each setting allows its own flow and its legacy spelling only", () => {
  const expected: Record<string, AuthFlow[]> = {
    ALLOW_USER_SRP_AUTH: ["USER_SRP_AUTH"],
    ALLOW_USER_PASSWORD_AUTH: ["USER_PASSWORD_AUTH"],
    ALLOW_ADMIN_USER_PASSWORD_AUTH: ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"],
    ALLOW_CUSTOM_AUTH: ["CUSTOM_AUTH"],
    ALLOW_REFRESH_TOKEN_AUTH: ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"],
    ALLOW_USER_AUTH: ["USER_AUTH"],
  };
  for (const setting of EXPLICIT_AUTH_FLOWS) assert.deepEqual(allowed([setting]), expected[setting], setting);
});

test("auth flows: an empty list allows no flow, and every flow needs some setting", () => {
  assert.deepEqual(allowed([]), []);
  assert.deepEqual(allowed(EXPLICIT_AUTH_FLOWS), [...AUTH_FLOWS]);
});

test("auth flows: the default is a fresh copy each time, so one client's list cannot change another's", () => {
  const first = ExplicitAuthFlowsSchema.parse(undefined);
  first.push("ALLOW_USER_PASSWORD_AUTH");
  assert.deepEqual(ExplicitAuthFlowsSchema.parse(undefined), DEFAULT_EXPLICIT_AUTH_FLOWS);
});

test("auth flows: an unknown value is refused naming the value and the valid ones", () => {
  const result = ExplicitAuthFlowsSchema.safeParse(["ALLOW_USER_SRP_AUTH", "USER_PASSWORD_AUTH"]);
  assert.equal(result.success, false);
  const issue = result.error.issues[0]!;
  assert.deepEqual(issue.path, [1]);
  assert.match(issue.message, /unknown auth flow "USER_PASSWORD_AUTH"; use ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH/);
});
