import assert from "node:assert/strict";
import { test } from "node:test";
import { IdentityPoolSchema } from "./config.ts";
import type { VerifiedLogin } from "./logins.ts";
import { chooseRole, ruleMatches } from "./roles.ts";

const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const base = {
  id: "local:7c9a4d2e-5b1f-4e8a-9f3d-2a6b8c0d1e4f", name: "app", allowUnauthenticatedIdentities: true,
  providers: [{ poolId: "local_Demo12345", clientId: "demo-web" }],
  roles: { authenticated: ROLE("AppUser"), unauthenticated: ROLE("AppGuest") },
};
const pool = (extra: object = {}) => ({ ...IdentityPoolSchema.parse({ ...base, ...extra }), createdAt: new Date(), updatedAt: new Date() });
const login = (claims: Record<string, unknown>): VerifiedLogin => ({ kind: "user-pool", provider: "localhost:3000/local_Demo12345", subject: "u1", poolId: "local_Demo12345", clientId: "demo-web", claims });
const rules = (rules: object[], ambiguousRoleResolution = "AuthenticatedRole") => ({ roleMappings: { "local_Demo12345:demo-web": { type: "Rules", ambiguousRoleResolution, rules } } });

test("guests get the unauthenticated role, signed-in users the authenticated one", () => {
  assert.deepEqual(chooseRole(pool(), []), { roleArn: ROLE("AppGuest"), authenticated: false });
  assert.deepEqual(chooseRole(pool(), [login({})]), { roleArn: ROLE("AppUser"), authenticated: true });
});

test("a pool without the role it needs is misconfigured, as Cognito says", () => {
  assert.throws(() => chooseRole(pool({ roles: { authenticated: ROLE("AppUser") } }), []), { code: "InvalidIdentityPoolConfigurationException" });
});

test("rules: the first match wins, and each match type means what Cognito's does", () => {
  const p = pool(rules([
    { claim: "custom:dept", matchType: "Equals", value: "eng", roleArn: ROLE("Eng") },
    { claim: "cognito:groups", matchType: "Contains", value: "admin", roleArn: ROLE("Admin") },
    { claim: "email", matchType: "StartsWith", value: "ops@", roleArn: ROLE("Ops") },
  ]));
  assert.equal(chooseRole(p, [login({ "custom:dept": "eng", "cognito:groups": ["admins"] })]).roleArn, ROLE("Eng"));
  assert.equal(chooseRole(p, [login({ "custom:dept": "sales", "cognito:groups": ["admins"] })]).roleArn, ROLE("Admin"));
  assert.equal(chooseRole(p, [login({ email: "ops@example.com" })]).roleArn, ROLE("Ops"));
  assert.equal(chooseRole(p, [login({ email: "me@example.com" })]).roleArn, ROLE("AppUser"), "no match: the authenticated role");
  assert.equal(ruleMatches({ claim: "x", matchType: "NotEqual", value: "a" }, { x: "b" }), true);
  assert.equal(ruleMatches({ claim: "x", matchType: "NotEqual", value: "a" }, { x: "a" }), false);
  assert.equal(ruleMatches({ claim: "x", matchType: "Equals", value: "a" }, {}), false);
});

test("an ambiguous mapping with Deny refuses", () => {
  const p = pool(rules([{ claim: "custom:dept", matchType: "Equals", value: "eng", roleArn: ROLE("Eng") }], "Deny"));
  assert.throws(() => chooseRole(p, [login({ "custom:dept": "sales" })]), { code: "NotAuthorizedException", message: /ambiguous role mapping/ });
});

test("Token mappings: the preferred role, or a custom role only when the token lists it", () => {
  const p = pool({ roleMappings: { "local_Demo12345:demo-web": { type: "Token", ambiguousRoleResolution: "Deny" } } });
  const claims = { "cognito:roles": [ROLE("A"), ROLE("B")], "cognito:preferred_role": ROLE("A") };
  assert.equal(chooseRole(p, [login(claims)]).roleArn, ROLE("A"));
  assert.equal(chooseRole(p, [login(claims)], ROLE("B")).roleArn, ROLE("B"));
  assert.throws(() => chooseRole(p, [login(claims)], ROLE("C")), { code: "NotAuthorizedException" });
  assert.throws(() => chooseRole(p, [login({})]), { code: "NotAuthorizedException", message: /ambiguous/ });
});

test("a custom role outside a Token mapping must be the authenticated role", () => {
  assert.equal(chooseRole(pool(), [login({})], ROLE("AppUser")).roleArn, ROLE("AppUser"));
  assert.throws(() => chooseRole(pool(), [login({})], ROLE("Admin")), { code: "NotAuthorizedException" });
});

test("role mappings must name one of the providers", () => {
  const parsed = IdentityPoolSchema.safeParse({ ...base, roleMappings: { "local_Other1234:web": { type: "Token" } } });
  assert.equal(parsed.success, false);
});

test("a customRoleArn is the role or a refusal of the role (field: role), never quietly replaced", () => {
  const p = pool(rules([{ claim: "custom:dept", matchType: "Equals", value: "eng", roleArn: ROLE("Eng") }]));
  assert.deepEqual(chooseRole(p, [login({ "custom:dept": "eng" })], ROLE("Eng")), { roleArn: ROLE("Eng"), authenticated: true });
  assert.throws(() => chooseRole(p, [login({ "custom:dept": "eng" })], ROLE("AppGuest")), { code: "NotAuthorizedException", field: "role" });
  assert.throws(() => chooseRole(p, [], ROLE("AppUser")), { code: "NotAuthorizedException", field: "role" });
  assert.deepEqual(chooseRole(p, [], ROLE("AppGuest")), { roleArn: ROLE("AppGuest"), authenticated: false });
});
