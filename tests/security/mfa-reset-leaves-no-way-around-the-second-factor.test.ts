// Rule: after an admin's "Reset MFA" nothing the user had stands in for a second factor. A
// remembered device (the hosted UI's cookie, or the API's DEVICE_SRP_AUTH) no longer skips MFA,
// and the old recovery codes no longer answer an MFA challenge, even once a new authenticator is
// set up. Before the reset, each of them did get past MFA (so the test can fail).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser } from "../support/browser.ts";
import { API_PASSWORD, sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV } from "../support/cognito-admin.ts";
import { apiClient, createApiKey } from "../support/console.ts";
import { DEVICE_POOL } from "../support/fixtures.ts";
import {
  API_DEVICE_POOL, allDevicePoolsConfig, atCallback, DEVICE_COOKIE, deviceCookieOf, hostedPassword, rememberDeviceWithSdk, setUpTotp,
} from "../support/devices.ts";
import { codesOn } from "../support/recovery.ts";
import { generate } from "otplib";
import { giveCodesAndPasskey } from "../support/user-factors.ts";
import { nextTotpCode } from "../support/cognito-clients.ts";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;
let api: ReturnType<typeof apiClient>;
before(async () => {
  server = await startServer({ config: allDevicePoolsConfig(), env: ADMIN_ENV });
  cognito = sdkClient(server);
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await server?.stop();
});

test("after Reset MFA, the hosted UI's remembered-device cookie no longer skips MFA", async () => {
  // The first sign-in: TOTP set-up with "Remember this device", then the page of recovery codes.
  const { browser: first, page: setup } = await hostedPassword(server, "rex@example.com");
  assert.match(setup.url, /\/mfa-setup$/);
  const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(setup.html)![1]!.replace(/\s+/g, "");
  const shown = await first.submit(setup, { code: await generate({ secret }), remember_device: "on" });
  assert.match(shown.url, /\/recovery-codes$/);
  assert.equal(codesOn(shown).length, 10);
  assert.ok(atCallback(await first.submit(shown, {})));
  const cookie = deviceCookieOf(first);
  assert.ok(cookie);
  const remembered = new TestBrowser(server.url);
  remembered.setCookie(DEVICE_COOKIE, cookie);
  assert.ok(atCallback((await hostedPassword(server, "rex@example.com", remembered)).page), "before the reset, the device skips MFA");

  const reset = await api("POST", `/pools/${DEVICE_POOL}/users/rex/mfa/reset`);
  assert.equal(reset.status, 200);
  assert.deepEqual({ devices: reset.body.removed.devices, recoveryCodes: reset.body.removed.recoveryCodes }, { devices: 1, recoveryCodes: 10 });

  const again = new TestBrowser(server.url);
  again.setCookie(DEVICE_COOKIE, cookie);
  const { page } = await hostedPassword(server, "rex@example.com", again);
  assert.ok(!atCallback(page), "the old device cookie does not sign in without a second factor");
  assert.match(page.url, /\/mfa-setup$/, "the pool requires MFA: the user sets up a new second factor");
});

test("after Reset MFA, neither the API's remembered device nor an old recovery code gets past MFA", async () => {
  const signIn = (deviceKey?: string) => cognito.send(new InitiateAuthCommand({
    AuthFlow: "USER_PASSWORD_AUTH", ClientId: "devices-spa", AuthParameters: { USERNAME: "mallory", PASSWORD: API_PASSWORD, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
  }));
  const withRecoveryCode = (session: string, code: string) => cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "devices-spa", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: session, ChallengeResponses: { USERNAME: "mallory", RECOVERY_CODE: code },
  }));

  const device = await rememberDeviceWithSdk(cognito, "mallory", await setUpTotp(cognito, "mallory"));
  const { codes } = await giveCodesAndPasskey(server, "mallory");
  // Before the reset: the device answers instead of MFA, and so does a recovery code.
  assert.equal((await signIn(device.deviceKey)).ChallengeName, "DEVICE_SRP_AUTH");
  const atMfa = await signIn();
  assert.equal(atMfa.ChallengeName, "SOFTWARE_TOKEN_MFA");
  assert.ok((await withRecoveryCode(atMfa.Session!, codes[0]!)).AuthenticationResult, "before the reset, a recovery code gets past MFA");

  const reset = await api("POST", `/pools/${API_DEVICE_POOL}/users/mallory/mfa/reset`);
  assert.equal(reset.status, 200);
  assert.deepEqual({ devices: reset.body.removed.devices, recoveryCodes: reset.body.removed.recoveryCodes }, { devices: 1, recoveryCodes: 9 }, "the nine unused codes");

  // The device is unknown now: the sign-in asks for a second factor to be set up.
  assert.equal((await signIn(device.deviceKey)).ChallengeName, "MFA_SETUP");
  // With a new authenticator, the old recovery codes (used or not) answer nothing.
  const secret = await setUpTotp(cognito, "mallory");
  for (const code of [codes[1]!, codes[9]!]) {
    const challenged = await signIn(device.deviceKey);
    assert.equal(challenged.ChallengeName, "SOFTWARE_TOKEN_MFA", "the forgotten device is not offered DEVICE_SRP_AUTH");
    await assert.rejects(withRecoveryCode(challenged.Session!, code), { name: "CodeMismatchException" });
  }
  // The new authenticator does work (the refusals above were about the codes).
  const challenged = await signIn();
  const done = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "devices-spa", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: challenged.Session!,
    ChallengeResponses: { USERNAME: "mallory", SOFTWARE_TOKEN_MFA_CODE: await nextTotpCode(secret) },
  }));
  assert.ok(done.AuthenticationResult?.AccessToken);
});
