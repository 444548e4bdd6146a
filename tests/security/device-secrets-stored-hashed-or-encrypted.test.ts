// A remembered device's secrets are password equivalents for skipping MFA: a database dump alone
// must not give them away. The hosted UI's cookie secret is stored as its sha256 only, the API
// device's SRP verifier (ConfirmDevice) sealed with GATEHOUSE_SECRET, and no answer shows either.
// The rows are read straight from PostgreSQL.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { GetDeviceCommand, ListDevicesCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createSecrets, sha256 } from "../../lib/security/secrets.ts";
import { createVerifier } from "../../lib/security/srp.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser } from "../support/browser.ts";
import { sdkClient } from "../support/cognito-api.ts";
import { API_DEVICE_POOL, allDevicePoolsConfig, deviceCookieOf, rememberDeviceWithSdk, setUpAndRemember, setUpTotp } from "../support/devices.ts";

const needsDatabase = !process.env.DATABASE_URL && "needs DATABASE_URL to read the rows";

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;
let db: pg.Client;
before(async () => {
  if (needsDatabase) return;
  server = await startServer({ config: allDevicePoolsConfig() });
  cognito = sdkClient(server);
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
});
after(async () => {
  await db?.end();
  await server?.stop();
});

type DeviceRow = { key: string; groupKey: string; srpVerifierEnc: string | null; cookieSecretHash: string | null };
const deviceRow = async (key: string): Promise<DeviceRow> => {
  const { rows } = await db.query(`SELECT key, "groupKey", "srpVerifierEnc", "cookieSecretHash" FROM "Device" WHERE key = $1`, [key]);
  assert.equal(rows.length, 1);
  return rows[0] as DeviceRow;
};

test("device secrets are stored hashed (cookie) or encrypted (SRP verifier), and never answered", { skip: needsDatabase }, async () => {
  const browser = new TestBrowser(server.url);
  await setUpAndRemember(server, "rex@example.com", browser);
  const [key, secret] = deviceCookieOf(browser)!.split(".");
  const hosted = await deviceRow(key!);
  assert.equal(hosted.cookieSecretHash, sha256(secret!));
  assert.equal(hosted.srpVerifierEnc, null);

  const device = await rememberDeviceWithSdk(cognito, "eve", await setUpTotp(cognito, "eve"), "the-device-password");
  const api = await deviceRow(device.deviceKey);
  assert.ok(api.srpVerifierEnc);
  const stored = JSON.parse(createSecrets(server.shared.GATEHOUSE_SECRET).decrypt(api.srpVerifierEnc)) as { salt: string; verifier: string };
  // What was sealed is the verifier of the device's password (with the salt the client chose).
  const expected = createVerifier({ poolId: API_DEVICE_POOL, poolName: device.deviceGroupKey, username: device.deviceKey, password: "the-device-password", salt: stored.salt });
  assert.equal(stored.verifier, expected.verifier);
  assert.ok(!api.srpVerifierEnc.includes(expected.verifier.slice(-64)) && !api.srpVerifierEnc.includes(expected.salt));
  assert.equal(api.cookieSecretHash, null);

  const answers = JSON.stringify([
    await cognito.send(new ListDevicesCommand({ AccessToken: device.accessToken })),
    await cognito.send(new GetDeviceCommand({ AccessToken: device.accessToken, DeviceKey: device.deviceKey })),
  ]);
  for (const value of [api.srpVerifierEnc, expected.verifier.slice(-64), expected.salt, device.deviceGroupKey]) assert.ok(!answers.includes(value), `an answer shows ${value.slice(0, 12)}…`);
});
