// A user's second factors through the admin API: what an admin sees (factors on, the preferred
// one, recovery codes left, passkeys, devices), what they change (AdminSetUserMFAPreference's
// rules, deleting a passkey, forgetting a device), and "Reset MFA", which leaves no second factor
// and keeps passkeys. Every change is in the audit log.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "./support/server.ts";
import { sdkClient } from "./support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey } from "./support/cognito-admin.ts";
import { apiClient, createApiKey } from "./support/console.ts";
import { rememberDeviceWithSdk } from "./support/devices.ts";
import { FACTORS_POOL, factorsConfig, giveCodesAndPasskey, setUpTotpOptional } from "./support/user-factors.ts";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let cognito: CognitoIdentityProviderClient;
let adminSdk: CognitoIdentityProviderClient;
before(async () => {
  server = await startServer({ config: factorsConfig(), env: ADMIN_ENV });
  api = apiClient(server.url, await createApiKey(server.url));
  cognito = sdkClient(server);
  adminSdk = (await createSigningKey(server, "factors")).cognito;
});
after(async () => {
  await server?.stop();
});

const user = (name: string) => `/pools/${FACTORS_POOL}/users/${name}`;

async function auditOf(type: string, target: string) {
  const { body } = await api("GET", `/audit-events?type=${type}&poolId=${FACTORS_POOL}&target=${target}`);
  return body.events as { type: string; target: string; details: Record<string, unknown> }[];
}

test("an admin sees a user's second factors and changes them under AdminSetUserMFAPreference's rules", async () => {
  const none = await api("GET", `${user("dana")}/mfa`);
  assert.equal(none.status, 200);
  assert.deepEqual(none.body.enabled, []);
  assert.equal(none.body.preferred, null);
  assert.equal(none.body.mfa, "OPTIONAL");
  assert.deepEqual(none.body.factors.map((f: { factor: string; offered: boolean; enabled: boolean; ready: boolean }) => [f.factor, f.offered, f.enabled, f.ready]), [
    ["SOFTWARE_TOKEN_MFA", true, false, false], ["SMS_MFA", true, false, true], ["EMAIL_OTP", true, false, true],
  ]);

  const secret = await setUpTotpOptional(cognito, "dana");
  await rememberDeviceWithSdk(cognito, "dana", secret);
  await giveCodesAndPasskey(server, "dana");
  const set = await api("GET", `${user("dana")}/mfa`);
  assert.deepEqual(set.body.enabled, ["SOFTWARE_TOKEN_MFA"]);
  assert.equal(set.body.preferred, "SOFTWARE_TOKEN_MFA", "a single factor is the preferred one");
  assert.deepEqual(set.body.recoveryCodes, { remaining: 10, total: 10 });
  assert.equal(set.body.passkeys, 1);
  assert.equal(set.body.devices, 1);

  const changed = await api("PUT", `${user("dana")}/mfa`, { SMS_MFA: { enabled: true }, EMAIL_OTP: { enabled: true, preferred: true } });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(changed.body.enabled, ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]);
  assert.equal(changed.body.preferred, "EMAIL_OTP");
  // The same settings as Cognito reports them to the user's apps.
  const got = await adminSdk.send(new AdminGetUserCommand({ UserPoolId: FACTORS_POOL, Username: "dana" }));
  assert.deepEqual(got.UserMFASettingList, ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]);
  assert.equal(got.PreferredMfaSetting, "EMAIL_OTP");
  assert.deepEqual((await api("GET", user("dana"))).body.mfa, ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"], "the user list and page show every factor on");

  // Cognito's rules: one preferred factor; a factor the user cannot receive is refused.
  const two = await api("PUT", `${user("dana")}/mfa`, { SMS_MFA: { preferred: true }, EMAIL_OTP: { preferred: true } });
  assert.equal(two.status, 400);
  assert.equal(two.body.error.code, "InvalidParameterException");
  assert.equal((await api("PUT", `${user("fay")}/mfa`, { SOFTWARE_TOKEN_MFA: { enabled: true } })).body.error.message, "User has not set up software token mfa");
  assert.equal((await api("PUT", `${user("dana")}/mfa`, { WEBAUTHN: { enabled: true } })).status, 400, "only the three factors");
  assert.equal((await api("GET", `${user("nobody")}/mfa`)).body.error.code, "UserNotFoundException");

  const off = await api("PUT", `${user("dana")}/mfa`, { EMAIL_OTP: { enabled: false } });
  assert.deepEqual(off.body.enabled, ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]);
  assert.equal(off.body.preferred, null, "turning the preferred factor off clears the preference");
  const audited = await auditOf("admin.setUserMfaPreference", "dana");
  assert.equal(audited.length, 2, "each change is audited (refusals are not changes)");
  assert.deepEqual(audited[0]!.details.request, { EMAIL_OTP: { enabled: false } });
});

test("an admin lists and deletes a user's passkeys, and lists and forgets their devices, each audited", async () => {
  const secret = await setUpTotpOptional(cognito, "gus");
  const device = await rememberDeviceWithSdk(cognito, "gus", secret);
  const { credentialId } = await giveCodesAndPasskey(server, "gus");

  const passkeys = await api("GET", `${user("gus")}/passkeys`);
  assert.equal(passkeys.status, 200);
  assert.equal(passkeys.body.passkeys.length, 1);
  const [passkey] = passkeys.body.passkeys;
  assert.equal(passkey.credentialId, credentialId);
  assert.equal(passkey.friendlyName, "gus's laptop");
  assert.equal(passkey.backedUp, true);
  assert.equal(passkey.publicKey, undefined, "never the public key");
  // Another user's passkey is not found under this user.
  assert.equal((await api("DELETE", `${user("dana")}/passkeys/${encodeURIComponent(credentialId)}`)).status, 404);
  const deleted = await api("DELETE", `${user("gus")}/passkeys/${encodeURIComponent(credentialId)}`);
  assert.equal(deleted.status, 200);
  assert.deepEqual(deleted.body.passkeys, []);
  assert.equal((await api("DELETE", `${user("gus")}/passkeys/${encodeURIComponent(credentialId)}`)).body.error.code, "ResourceNotFoundException");
  assert.deepEqual((await auditOf("admin.deletePasskey", "gus")).map((e) => e.details), [{ credentialId }]);

  const devices = await api("GET", `${user("gus")}/devices`);
  assert.equal(devices.status, 200);
  assert.equal(devices.body.devices.length, 1);
  assert.equal(devices.body.devices[0].deviceKey, device.deviceKey);
  assert.equal(devices.body.devices[0].remembered, true);
  assert.ok(devices.body.devices[0].lastAuthenticatedAt);
  assert.equal((await api("DELETE", `${user("dana")}/devices/${device.deviceKey}`)).status, 404, "another user's device is not found");
  const forgotten = await api("DELETE", `${user("gus")}/devices/${device.deviceKey}`);
  assert.equal(forgotten.status, 200);
  assert.deepEqual(forgotten.body.devices, []);
  assert.equal((await api("GET", `${user("gus")}/mfa`)).body.devices, 0);
  assert.deepEqual((await auditOf("admin.forgetDevice", "gus")).map((e) => e.details), [{ deviceKey: device.deviceKey }]);
});

test("Reset MFA leaves no second factor (authenticator, SMS, email, preference, recovery codes, devices) and keeps passkeys", async () => {
  const secret = await setUpTotpOptional(cognito, "eve");
  await rememberDeviceWithSdk(cognito, "eve", secret);
  await giveCodesAndPasskey(server, "eve");
  assert.equal((await api("PUT", `${user("eve")}/mfa`, { SMS_MFA: { preferred: true }, EMAIL_OTP: { enabled: true } })).status, 200);

  const reset = await api("POST", `${user("eve")}/mfa/reset`);
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  assert.deepEqual(reset.body.mfa, []);
  assert.equal(reset.body.username, "eve");
  const removed = { authenticator: true, factors: ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"], preferred: "SMS_MFA", recoveryCodes: 10, devices: 1 };
  assert.deepEqual(reset.body.removed, removed);

  const after = await api("GET", `${user("eve")}/mfa`);
  assert.deepEqual(after.body.enabled, []);
  assert.equal(after.body.preferred, null);
  assert.deepEqual(after.body.recoveryCodes, { remaining: 0, total: 10 });
  assert.equal(after.body.devices, 0);
  assert.equal(after.body.passkeys, 1, "passkeys stay: the admin deletes them one by one");
  assert.deepEqual((await api("GET", `${user("eve")}/devices`)).body.devices, []);
  const got = await adminSdk.send(new AdminGetUserCommand({ UserPoolId: FACTORS_POOL, Username: "eve" }));
  assert.deepEqual(got.UserMFASettingList ?? [], []);
  assert.equal(got.PreferredMfaSetting, undefined);

  // The audit log says what went.
  const [event] = await auditOf("admin.resetUserMfa", "eve");
  assert.deepEqual(event!.details, { removed });

  // A second reset removes nothing, and says so.
  const again = await api("POST", `${user("eve")}/mfa/reset`);
  assert.deepEqual(again.body.removed, { authenticator: false, factors: [], preferred: null, recoveryCodes: 0, devices: 0 });
});

test("the OpenAPI document describes the second-factor endpoints from the same schemas", async () => {
  const doc = (await (await fetch(`${server.url}/api/admin/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
  const at = (path: string, method: string) => doc.paths[path]?.[method]?.operationId;
  assert.equal(at("/pools/{poolId}/users/{username}/mfa", "get"), "getUserMfa");
  assert.equal(at("/pools/{poolId}/users/{username}/mfa", "put"), "setUserMfaPreference");
  assert.equal(at("/pools/{poolId}/users/{username}/mfa/reset", "post"), "resetUserMfa");
  assert.equal(at("/pools/{poolId}/users/{username}/passkeys", "get"), "listUserPasskeys");
  assert.equal(at("/pools/{poolId}/users/{username}/passkeys/{credentialId}", "delete"), "deletePasskey");
  assert.equal(at("/pools/{poolId}/users/{username}/devices", "get"), "listUserDevices");
  assert.equal(at("/pools/{poolId}/users/{username}/devices/{deviceKey}", "delete"), "forgetDevice");
});
