// Remembered devices through Cognito's own clients, unchanged: amazon-cognito-identity-js (its own
// storage) confirms the device a sign-in made, remembers it, and then signs in with DEVICE_SRP_AUTH
// without MFA; the AWS SDK covers ConfirmDevice, ListDevices, GetDevice, UpdateDeviceStatus,
// ForgetDevice, the Admin* device operations and REFRESH_TOKEN_AUTH with DEVICE_KEY, with their errors.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CognitoUserSession } from "amazon-cognito-identity-js";
import {
  AdminForgetDeviceCommand, AdminGetDeviceCommand, AdminListDevicesCommand, AdminUpdateDeviceStatusCommand, ConfirmDeviceCommand,
  ForgetDeviceCommand, GetDeviceCommand, InitiateAuthCommand, ListDevicesCommand, UpdateDeviceStatusCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, refusal, sdkClient } from "../support/cognito-api.ts";
import { nextTotpCode, payloadOf } from "../support/cognito-clients.ts";
import { ADMIN_ENV, createSigningKey } from "../support/cognito-admin.ts";
import { createVerifier } from "../../lib/security/srp.ts";
import {
  ALWAYS_POOL, API_DEVICE_POOL as DEVICE_POOL, TRACK_POOL, devicesConfig, jsAuthenticate as authenticate, jsBrowser, jsCall as nodeCall, jsSendTotp as sendTotp, setUpTotp, signInWithTotp,
} from "../support/devices.ts";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: devicesConfig(), env: ADMIN_ENV });
  cognito = sdkClient(server);
});
after(async () => {
  await server?.stop();
});

describe("amazon-cognito-identity-js remembers a device", () => {
  test("MFA, ConfirmDevice, setDeviceStatusRemembered; then DEVICE_SRP_AUTH signs in without MFA, device_key in the access token; after forgetDevice MFA again", async () => {
    const secret = await setUpTotp(cognito, "dana");
    const app = jsBrowser(server, DEVICE_POOL, "devices-spa");

    // First sign-in on this browser: TOTP; the library confirms the new device (USER_OPT_IN: the user must opt in).
    const first = app.user("dana");
    assert.equal((await authenticate(first)).kind, "totpRequired");
    const signedIn = await sendTotp(first, await nextTotpCode(secret));
    assert.equal(signedIn.userConfirmationNecessary, true);
    const deviceKey = app.deviceKey("dana");
    assert.match(deviceKey ?? "", /^local_[0-9a-f-]{36}$/);
    assert.equal(signedIn.session.getAccessToken().decodePayload().device_key, deviceKey);

    // Tracked but not remembered: the next sign-in still asks for MFA.
    // Tracked but not remembered: the next sign-in still asks for MFA.
    const notYet = app.user("dana");
    assert.equal((await authenticate(notYet)).kind, "totpRequired");

    await nodeCall<string>((cb) => first.setDeviceStatusRemembered(cb));
    const device = await nodeCall<{ Device: { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] } }>((cb) => first.getDevice(cb as never));
    assert.equal(device.Device.DeviceKey, deviceKey);
    assert.ok(device.Device.DeviceAttributes.some((a) => a.Name === "dev:device_remembered_status" && a.Value === "remembered"));

    // Remembered: the library answers DEVICE_SRP_AUTH with the device's secret and gets tokens, no MFA.
    const again = app.user("dana");
    const outcome = await authenticate(again);
    assert.equal(outcome.kind, "success", JSON.stringify(outcome));
    const access = (outcome as { session: CognitoUserSession }).session.getAccessToken().decodePayload();
    assert.equal(access.device_key, deviceKey);
    assert.equal(access.username, "dana");

    // A refresh with the device keeps device_key.
    const refreshed = await cognito.send(new InitiateAuthCommand({
      AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: "devices-spa",
      AuthParameters: { REFRESH_TOKEN: (outcome as { session: CognitoUserSession }).session.getRefreshToken().getToken(), DEVICE_KEY: deviceKey! },
    }));
    assert.equal(payloadOf(refreshed.AuthenticationResult!.AccessToken!).device_key, deviceKey);

    // Forgotten: MFA again.
    await nodeCall<string>((cb) => again.forgetDevice(cb));
    assert.equal(app.deviceKey("dana"), null);
    const afterForget = app.user("dana");
    assert.equal((await authenticate(afterForget)).kind, "totpRequired");
  });

  test("a tracked device that is not remembered proves itself (DEVICE_SRP_AUTH) in a sign-in without MFA, and the token names it", async () => {
    const app = jsBrowser(server, TRACK_POOL, "track-spa");
    const first = await authenticate(app.user("ned"));
    assert.equal(first.kind, "success");
    assert.equal((first as { userConfirmationNecessary?: boolean }).userConfirmationNecessary, true);
    const key = app.deviceKey("ned");
    assert.ok(key);
    const again = await authenticate(app.user("ned"));
    assert.equal(again.kind, "success");
    assert.equal((again as { userConfirmationNecessary?: boolean }).userConfirmationNecessary, undefined, "no new device");
    assert.equal((again as { session: CognitoUserSession }).session.getAccessToken().decodePayload().device_key, key);
    // A device key the library holds for a device this pool does not know gets a new device, as Cognito does.
    app.setDevice("ned", { deviceKey: "local_00000000-0000-0000-0000-000000000000" });
    const unknown = await authenticate(app.user("ned"));
    assert.equal(unknown.kind, "success");
    assert.notEqual(app.deviceKey("ned"), key);
  });

  test("a pool that remembers ALWAYS: ConfirmDevice answers UserConfirmationNecessary false and the device is remembered", async () => {
    const app = jsBrowser(server, ALWAYS_POOL, "always-spa");
    const outcome = await authenticate(app.user("al"));
    assert.equal(outcome.kind, "success");
    assert.equal((outcome as { userConfirmationNecessary?: boolean }).userConfirmationNecessary, undefined);
    const key = app.deviceKey("al");
    assert.ok(key);
    const listed = await cognito.send(new ListDevicesCommand({ AccessToken: (outcome as { session: CognitoUserSession }).session.getAccessToken().getJwtToken() }));
    assert.deepEqual(listed.Devices?.map((d) => d.DeviceKey), [key]);
    assert.equal(listed.Devices?.[0]?.DeviceAttributes?.find((a) => a.Name === "dev:device_remembered_status")?.Value, "remembered");

    // Two more browsers, two more devices: ListDevices pages through them, newest first.
    for (let i = 0; i < 2; i++) assert.equal((await authenticate(jsBrowser(server, ALWAYS_POOL, "always-spa").user("al"))).kind, "success");
    const AccessToken = (outcome as { session: CognitoUserSession }).session.getAccessToken().getJwtToken();
    const first = await cognito.send(new ListDevicesCommand({ AccessToken, Limit: 2 }));
    assert.equal(first.Devices?.length, 2);
    assert.ok(first.PaginationToken);
    const rest = await cognito.send(new ListDevicesCommand({ AccessToken, Limit: 2, PaginationToken: first.PaginationToken }));
    assert.equal(rest.PaginationToken, undefined);
    const keys = [...first.Devices, ...rest.Devices!].map((d) => d.DeviceKey);
    assert.equal(new Set(keys).size, 3);
    assert.equal(keys.at(-1), key);
  });
});

describe("the AWS SDK's device operations", () => {
  test("ConfirmDevice, ListDevices, GetDevice, UpdateDeviceStatus, ForgetDevice, with their errors", async () => {
    const secret = await setUpTotp(cognito, "sdk");
    const result = await signInWithTotp(cognito, "sdk", secret);
    const meta = result.NewDeviceMetadata!;
    assert.match(meta.DeviceKey!, /^local_[0-9a-f-]{36}$/);
    assert.match(meta.DeviceGroupKey!, /^-[A-Za-z0-9]{9}$/);
    const AccessToken = result.AccessToken!;
    assert.equal(payloadOf(AccessToken).device_key, meta.DeviceKey);

    // Unconfirmed devices are not listed, nor found.
    assert.deepEqual((await cognito.send(new ListDevicesCommand({ AccessToken }))).Devices, []);
    assert.equal((await refusal(cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey: meta.DeviceKey! })))).name, "ResourceNotFoundException");

    const verifier = createVerifier({ poolId: DEVICE_POOL, poolName: meta.DeviceGroupKey!, username: meta.DeviceKey!, password: "device-secret" });
    const config = { PasswordVerifier: Buffer.from(verifier.verifier, "hex").toString("base64"), Salt: Buffer.from(verifier.salt, "hex").toString("base64") };
    const noVerifier = await refusal(cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: meta.DeviceKey!, DeviceSecretVerifierConfig: {} })));
    assert.equal(noVerifier.name, "InvalidParameterException");
    const unknown = await refusal(cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: "local_00000000-0000-0000-0000-000000000000", DeviceSecretVerifierConfig: config })));
    assert.equal(unknown.name, "ResourceNotFoundException");
    const confirmed = await cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: meta.DeviceKey!, DeviceSecretVerifierConfig: config, DeviceName: "Laptop" }));
    assert.equal(confirmed.UserConfirmationNecessary, true);
    const twice = await refusal(cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: meta.DeviceKey!, DeviceSecretVerifierConfig: config })));
    assert.equal(twice.name, "InvalidParameterException");

    const listed = await cognito.send(new ListDevicesCommand({ AccessToken, Limit: 10 }));
    assert.equal(listed.Devices?.length, 1);
    const device = listed.Devices[0]!;
    assert.equal(device.DeviceKey, meta.DeviceKey);
    assert.ok(device.DeviceCreateDate instanceof Date && device.DeviceLastModifiedDate instanceof Date && device.DeviceLastAuthenticatedDate instanceof Date);
    const attributes = Object.fromEntries(device.DeviceAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.device_name, "Laptop");
    assert.equal(attributes["dev:device_remembered_status"], "not_remembered");

    await cognito.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: meta.DeviceKey!, DeviceRememberedStatus: "remembered" }));
    const got = await cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey: meta.DeviceKey! }));
    assert.equal(got.Device?.DeviceAttributes?.find((a) => a.Name === "dev:device_remembered_status")?.Value, "remembered");
    const badStatus = await refusal(cognito.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: meta.DeviceKey!, DeviceRememberedStatus: "sometimes" as never })));
    assert.equal(badStatus.name, "InvalidParameterException");

    // A sign-in naming the remembered device is asked to prove it instead of MFA.
    const started = await cognito.send(new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH", ClientId: "devices-spa", AuthParameters: { USERNAME: "sdk", PASSWORD: API_PASSWORD, DEVICE_KEY: meta.DeviceKey! },
    }));
    assert.equal(started.ChallengeName, "DEVICE_SRP_AUTH");

    // A refresh naming a device that is not the user's is refused.
    const wrongDevice = await refusal(cognito.send(new InitiateAuthCommand({
      AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: "devices-spa", AuthParameters: { REFRESH_TOKEN: result.RefreshToken!, DEVICE_KEY: "local_00000000-0000-0000-0000-000000000000" },
    })));
    assert.equal(wrongDevice.name, "ResourceNotFoundException");

    await cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: meta.DeviceKey! }));
    assert.deepEqual((await cognito.send(new ListDevicesCommand({ AccessToken }))).Devices, []);
    assert.equal((await refusal(cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: meta.DeviceKey! })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(cognito.send(new ListDevicesCommand({ AccessToken: "not-a-token" })))).name, "NotAuthorizedException");
  });

  test("AdminListDevices, AdminGetDevice, AdminUpdateDeviceStatus, AdminForgetDevice, with their errors", async () => {
    const admin = (await createSigningKey(server, "devices")).cognito;
    const secret = await setUpTotp(cognito, "admin-target");
    const result = await signInWithTotp(cognito, "admin-target", secret);
    const key = result.NewDeviceMetadata!.DeviceKey!;
    const verifier = createVerifier({ poolId: DEVICE_POOL, poolName: result.NewDeviceMetadata!.DeviceGroupKey!, username: key, password: "s" });
    await cognito.send(new ConfirmDeviceCommand({
      AccessToken: result.AccessToken!, DeviceKey: key,
      DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from(verifier.verifier, "hex").toString("base64"), Salt: Buffer.from(verifier.salt, "hex").toString("base64") },
    }));
    const who = { UserPoolId: DEVICE_POOL, Username: "admin-target" };
    const listed = await admin.send(new AdminListDevicesCommand(who));
    assert.deepEqual(listed.Devices?.map((d) => d.DeviceKey), [key]);
    await admin.send(new AdminUpdateDeviceStatusCommand({ ...who, DeviceKey: key, DeviceRememberedStatus: "remembered" }));
    const got = await admin.send(new AdminGetDeviceCommand({ ...who, DeviceKey: key }));
    assert.equal(got.Device?.DeviceAttributes?.find((a) => a.Name === "dev:device_remembered_status")?.Value, "remembered");
    // Another user's device is not found under this one.
    assert.equal((await refusal(admin.send(new AdminGetDeviceCommand({ UserPoolId: DEVICE_POOL, Username: "eve", DeviceKey: key })))).name, "ResourceNotFoundException");
    assert.equal((await refusal(admin.send(new AdminListDevicesCommand({ UserPoolId: DEVICE_POOL, Username: "nobody" })))).name, "UserNotFoundException");
    // Unsigned calls are refused.
    assert.notEqual((await refusal(cognito.send(new AdminListDevicesCommand(who)))).name, "");
    await admin.send(new AdminForgetDeviceCommand({ ...who, DeviceKey: key }));
    assert.deepEqual((await admin.send(new AdminListDevicesCommand(who))).Devices, []);
    assert.equal((await refusal(admin.send(new AdminForgetDeviceCommand({ ...who, DeviceKey: key })))).name, "ResourceNotFoundException");
  });
});
