// What the remembered-device tests share: the hosted UI's TOTP sign-in with "Remember this device"
// over HTTP (TestBrowser), and amazon-cognito-identity-js's sign-in with its own storage.
import assert from "node:assert/strict";
import { generate } from "otplib";
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from "amazon-cognito-identity-js";
import { TestBrowser, flashOf, type Page } from "./browser.ts";
import { CALLBACK, DEVICE_POOL, PASSWORD, testConfig } from "./fixtures.ts";
import { pkceAuthorizeRequest } from "./oauth.ts";
import { MapStorage } from "./cognito-clients.ts";
import type { RunningServer } from "./server.ts";
import {
  AssociateSoftwareTokenCommand, ConfirmDeviceCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, UpdateDeviceStatusCommand, VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { API_PASSWORD } from "./cognito-api.ts";
import { nextTotpCode, totpCode } from "./cognito-clients.ts";
import { createVerifier } from "../../lib/security/srp.ts";

export const DEVICE_CLIENT = "remember-web";
export const DEVICE_COOKIE = `gh_device_${DEVICE_POOL}`;

export const atCallback = (page: Page) => page.url.startsWith(CALLBACK) && new URL(page.url).searchParams.has("code");

/** The code of the next 30-second step, so sign-ins in a row never reuse one. */
export function freshCode(secret: string, ahead = 1): Promise<string> {
  return generate({ secret, epoch: (Math.floor(Date.now() / 30_000) + ahead) * 30 });
}

/** A hosted sign-in up to the page after the password. */
export async function hostedPassword(server: RunningServer, email: string, browser = new TestBrowser(server.url)): Promise<{ browser: TestBrowser; page: Page }> {
  const login = await browser.request(pkceAuthorizeRequest(server.url, { pool: DEVICE_POOL, clientId: DEVICE_CLIENT }).url);
  assert.match(login.url, /\/login$/);
  return { browser, page: await browser.submit(login, { login: email, password: PASSWORD }) };
}

/** First hosted sign-in of a user of the device pool: TOTP set-up, ticking "Remember this device" when asked. Returns the TOTP secret. */
export async function setUpAndRemember(server: RunningServer, email: string, browser: TestBrowser, remember = true): Promise<string> {
  const { page } = await hostedPassword(server, email, browser);
  assert.match(page.url, /\/mfa-setup$/);
  assert.match(page.html, /Remember this device/);
  const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(page.html)![1]!.replace(/\s+/g, "");
  let done = await browser.submit(page, { code: await generate({ secret }), ...(remember ? { remember_device: "on" } : {}) });
  // MFA enrolment shows the recovery codes once ("Continue") before going back to the app.
  if (done.url.endsWith("/recovery-codes")) done = await browser.submit(done, {});
  assert.ok(atCallback(done), flashOf(done) ?? done.url);
  return secret;
}

/** The value of the device cookie a browser holds, or null. */
export function deviceCookieOf(browser: TestBrowser): string | null {
  const m = new RegExp(`(?:^|; )${DEVICE_COOKIE}=([^;]+)`).exec(browser.cookieHeader());
  return m ? m[1]! : null;
}

export type JsOutcome = { kind: "success"; session: CognitoUserSession; userConfirmationNecessary?: boolean } | { kind: "mfaSetup" | "totpRequired" };

/** amazon-cognito-identity-js as one browser of an app: its own storage, a user object per sign-in. */
export function jsBrowser(server: RunningServer, poolId: string, clientId: string) {
  const storage = new MapStorage();
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: server.url, Storage: storage });
  const prefix = (username: string) => `CognitoIdentityServiceProvider.${clientId}.${username}`;
  return {
    storage,
    user: (username: string) => new CognitoUser({ Username: username, Pool: pool, Storage: storage }),
    deviceKey: (username: string) => storage.getItem(`${prefix(username)}.deviceKey`),
    /** The device this browser remembers for `username`: its key, group key and secret (what the library keeps). */
    device: (username: string) => ({
      deviceKey: storage.getItem(`${prefix(username)}.deviceKey`), deviceGroupKey: storage.getItem(`${prefix(username)}.deviceGroupKey`),
      randomPasswordKey: storage.getItem(`${prefix(username)}.randomPasswordKey`),
    }),
    setDevice: (username: string, device: Record<string, string | null>) => {
      for (const [name, value] of Object.entries(device)) if (value) storage.setItem(`${prefix(username)}.${name}`, value);
    },
  };
}

export function jsAuthenticate(user: CognitoUser, password = PASSWORD): Promise<JsOutcome> {
  return new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
    onSuccess: (session, userConfirmationNecessary) => resolve({ kind: "success", session, ...(userConfirmationNecessary !== undefined ? { userConfirmationNecessary } : {}) }),
    onFailure: reject,
    mfaSetup: () => resolve({ kind: "mfaSetup" }),
    totpRequired: () => resolve({ kind: "totpRequired" }),
    mfaRequired: () => reject(new Error("unexpected SMS_MFA")),
    selectMFAType: () => reject(new Error("unexpected SELECT_MFA_TYPE")),
    customChallenge: () => reject(new Error("unexpected CUSTOM_CHALLENGE")),
  }));
}

export function jsSendTotp(user: CognitoUser, code: string): Promise<{ session: CognitoUserSession; userConfirmationNecessary?: boolean }> {
  return new Promise((resolve, reject) => user.sendMFACode(code, {
    onSuccess: (session, userConfirmationNecessary) => resolve({ session, ...(userConfirmationNecessary !== undefined ? { userConfirmationNecessary } : {}) }),
    onFailure: reject,
  }, "SOFTWARE_TOKEN_MFA"));
}

export function jsCall<T>(fn: (callbacks: { onSuccess: (r: T) => void; onFailure: (e: Error) => void }) => void): Promise<T> {
  return new Promise((resolve, reject) => fn({ onSuccess: resolve, onFailure: reject }));
}

/** The Cognito API's device pools: MFA ON with USER_OPT_IN, and a pool without MFA that remembers ALWAYS. */
export const API_DEVICE_POOL = "local_Device001";
export const ALWAYS_POOL = "local_Device002";
/** Devices tracked (USER_OPT_IN) but never skipping MFA, in a pool without MFA. */
export const TRACK_POOL = "local_Device003";
const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };
const client = (clientId: string) => ({
  clientId, clientSecret: null, name: clientId, callbackUrls: ["http://localhost:4000/callback"], logoutUrls: ["http://localhost:4000/"],
  allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "aws.cognito.signin.user.admin"],
  explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
});
const user = (username: string) => ({ username, password: API_PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true" } });

export function devicesConfig() {
  return {
    pools: [
      {
        id: API_DEVICE_POOL, name: "Devices", signInAliases: ["username"], autoVerifiedAttributes: ["email"], mfa: "ON", passwordPolicy: policy,
        deviceTracking: "USER_OPT_IN", skipMfaOnRememberedDevices: true,
        clients: [client("devices-spa")],
        users: ["dana", "sdk", "eve", "mallory", "admin-target", "fay"].map(user),
      },
      {
        id: ALWAYS_POOL, name: "Devices always", signInAliases: ["username"], autoVerifiedAttributes: ["email"], mfa: "OFF", passwordPolicy: policy,
        deviceTracking: "ALWAYS", skipMfaOnRememberedDevices: true,
        clients: [client("always-spa")],
        users: [user("al")],
      },
      {
        id: TRACK_POOL, name: "Devices tracked", signInAliases: ["username"], autoVerifiedAttributes: ["email"], mfa: "OFF", passwordPolicy: policy,
        deviceTracking: "USER_OPT_IN", skipMfaOnRememberedDevices: false,
        clients: [client("track-spa")],
        users: [user("ned")],
      },
    ],
  };
}

/** Sets up TOTP for `username` through the SDK (MFA_SETUP) and returns its secret. */
export async function setUpTotp(cognito: CognitoIdentityProviderClient, username: string, poolClient = "devices-spa"): Promise<string> {
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: poolClient, AuthParameters: { USERNAME: username, PASSWORD: API_PASSWORD } }));
  assert.equal(started.ChallengeName, "MFA_SETUP");
  const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session! }));
  const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session!, UserCode: await totpCode(associated.SecretCode!) }));
  const done = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: poolClient, ChallengeName: "MFA_SETUP", Session: verified.Session!, ChallengeResponses: { USERNAME: username } }));
  assert.ok(done.AuthenticationResult?.AccessToken);
  return associated.SecretCode!;
}

/** A sign-in with the SDK that answers TOTP: tokens and the device it made (NewDeviceMetadata). */
export async function signInWithTotp(cognito: CognitoIdentityProviderClient, username: string, secret: string, deviceKey?: string) {
  const started = await cognito.send(new InitiateAuthCommand({
    AuthFlow: "USER_PASSWORD_AUTH", ClientId: "devices-spa", AuthParameters: { USERNAME: username, PASSWORD: API_PASSWORD, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
  }));
  assert.equal(started.ChallengeName, "SOFTWARE_TOKEN_MFA");
  const done = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: "devices-spa", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: started.Session!,
    ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: await nextTotpCode(secret), ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
  }));
  return done.AuthenticationResult!;
}


/** A remembered device of `username` made through the SDK: TOTP sign-in, ConfirmDevice with a verifier for `deviceSecret`, UpdateDeviceStatus. */
export async function rememberDeviceWithSdk(cognito: CognitoIdentityProviderClient, username: string, secret: string, deviceSecret = "device-secret") {
  const result = await signInWithTotp(cognito, username, secret);
  const meta = result.NewDeviceMetadata!;
  const verifier = createVerifier({ poolId: API_DEVICE_POOL, poolName: meta.DeviceGroupKey!, username: meta.DeviceKey!, password: deviceSecret });
  await cognito.send(new ConfirmDeviceCommand({
    AccessToken: result.AccessToken!, DeviceKey: meta.DeviceKey!,
    DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from(verifier.verifier, "hex").toString("base64"), Salt: Buffer.from(verifier.salt, "hex").toString("base64") },
  }));
  await cognito.send(new UpdateDeviceStatusCommand({ AccessToken: result.AccessToken!, DeviceKey: meta.DeviceKey!, DeviceRememberedStatus: "remembered" }));
  return { deviceKey: meta.DeviceKey!, deviceGroupKey: meta.DeviceGroupKey!, accessToken: result.AccessToken! };
}

/** The hosted device pool (fixtures) and the Cognito API's device pools, for one server. */
export function allDevicePoolsConfig() {
  const hosted = testConfig().pools.find((pool) => pool.id === DEVICE_POOL)!;
  return { pools: [hosted, ...devicesConfig().pools] };
}
