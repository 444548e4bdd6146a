// Forgetting a device (AdminForgetDevice here; ForgetDevice in tests/cognito-api/devices.test.ts)
// ends what it skipped: the hosted UI's device cookie and the API's DEVICE_SRP_AUTH both lead to
// MFA again.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AdminForgetDeviceCommand, AdminListDevicesCommand, InitiateAuthCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser } from "../support/browser.ts";
import { API_PASSWORD, sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey } from "../support/cognito-admin.ts";
import { DEVICE_POOL } from "../support/fixtures.ts";
import {
  API_DEVICE_POOL, allDevicePoolsConfig, atCallback, DEVICE_COOKIE, deviceCookieOf, hostedPassword, rememberDeviceWithSdk, setUpAndRemember, setUpTotp,
} from "../support/devices.ts";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;
let admin: CognitoIdentityProviderClient;
before(async () => {
  server = await startServer({ config: allDevicePoolsConfig(), env: ADMIN_ENV });
  cognito = sdkClient(server);
  admin = (await createSigningKey(server, "forget")).cognito;
});
after(async () => {
  await server?.stop();
});

test("a forgotten device asks for MFA again (hosted UI cookie)", async () => {
  const first = new TestBrowser(server.url);
  await setUpAndRemember(server, "rita@example.com", first);
  const cookie = deviceCookieOf(first);
  assert.ok(cookie, "the sign-in that ticked 'Remember this device' sets the device cookie");

  const remembered = new TestBrowser(server.url);
  remembered.setCookie(DEVICE_COOKIE, cookie);
  const skipped = await hostedPassword(server, "rita@example.com", remembered);
  assert.ok(atCallback(skipped.page), `the remembered device skips MFA: ${skipped.page.url}`);

  const listed = await admin.send(new AdminListDevicesCommand({ UserPoolId: DEVICE_POOL, Username: "rita" }));
  assert.equal(listed.Devices?.length, 1);
  assert.equal(listed.Devices[0]!.DeviceKey, cookie.split(".")[0]);
  await admin.send(new AdminForgetDeviceCommand({ UserPoolId: DEVICE_POOL, Username: "rita", DeviceKey: listed.Devices[0]!.DeviceKey! }));

  const forgotten = new TestBrowser(server.url);
  forgotten.setCookie(DEVICE_COOKIE, cookie);
  const asked = await hostedPassword(server, "rita@example.com", forgotten);
  assert.match(asked.page.url, /\/mfa$/);
});

test("a forgotten device asks for MFA again (DEVICE_SRP_AUTH)", async () => {
  const device = await rememberDeviceWithSdk(cognito, "fay", await setUpTotp(cognito, "fay"));
  const signIn = () => cognito.send(new InitiateAuthCommand({
    AuthFlow: "USER_PASSWORD_AUTH", ClientId: "devices-spa", AuthParameters: { USERNAME: "fay", PASSWORD: API_PASSWORD, DEVICE_KEY: device.deviceKey },
  }));
  assert.equal((await signIn()).ChallengeName, "DEVICE_SRP_AUTH");
  await admin.send(new AdminForgetDeviceCommand({ UserPoolId: API_DEVICE_POOL, Username: "fay", DeviceKey: device.deviceKey }));
  assert.equal((await signIn()).ChallengeName, "SOFTWARE_TOKEN_MFA");
});
