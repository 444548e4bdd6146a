// A sign-in that names a tracked device reads the device's row once per request: the remembered-device
// step, the proof asked before the sign-in finishes and the Cognito API's NewDeviceMetadata share the
// first read, and the proof reuses the user the password step read. A sign-in that makes a device
// writes only that device: devices never confirmed go in the periodic purge. The server prints each
// statement (GATEHOUSE_LOG_SQL=1), so the test counts them per request through the real API.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, cognitoApiConfig } from "../support/cognito-api.ts";
import { createVerifier } from "../../lib/security/srp.ts";
import { createDb, type Db } from "../../lib/db/client.ts";
import { purgeUnconfirmedDevices, UNCONFIRMED_DEVICE_TTL_MS } from "../../lib/devices/devices.ts";
import { srpClient } from "../../bench/srp-client.ts";

const POOL = "local_DevReads1";
const CLIENT = "device-reads";
const LOGIN = "alice@example.com";
const DEVICE_SECRET = "device reads secret";

let server: RunningServer;
let db: Db;

before(async () => {
  const config = cognitoApiConfig();
  const api = config.pools[0]!;
  // A device that is confirmed but not remembered, in a pool that skips MFA on remembered devices:
  // the remembered-device step reads it, then the proof before done asks for it again.
  config.pools = [{
    ...api, id: POOL, name: "Device reads", mfa: "OFF", deviceTracking: "USER_OPT_IN", skipMfaOnRememberedDevices: true,
    clients: [{ ...api.clients[0]!, clientId: CLIENT, name: CLIENT }], users: [api.users[0]!],
  } as never];
  server = await startServer({ config, env: { GATEHOUSE_LOG_SQL: "1" } });
  db = createDb({ url: server.shared.DATABASE_URL!, embedded: false });
});
after(async () => {
  await db?.$disconnect();
  await server?.stop();
});

/** One API call, and the statements the server ran meanwhile (its background jobs' left out). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field by the assertions
async function call(operation: string, body: object): Promise<{ answer: Record<string, any>; sql: string[] }> {
  const from = server.output().length;
  const response = await fetch(`${server.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field by the assertions
  const answer = (await response.json()) as Record<string, any>;
  assert.equal(response.status, 200, `${operation}: ${JSON.stringify(answer)}`);
  const sql = server.output().slice(from).split("\n").filter((line) => line.startsWith("SQL ") && !/UserImportJob|_prisma_migrations/.test(line));
  return { answer, sql };
}

const reads = (sql: string[], table: string) => sql.filter((line) => line.startsWith("SQL SELECT") && line.includes(`FROM "public"."${table}"`)).length;

async function passwordStep(deviceKey?: string) {
  const client = srpClient(POOL);
  const device = deviceKey ? { DEVICE_KEY: deviceKey } : {};
  const started = await call("InitiateAuth", { ClientId: CLIENT, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: LOGIN, SRP_A: client.A, ...device } });
  return call("RespondToAuthChallenge", {
    ClientId: CLIENT, ChallengeName: "PASSWORD_VERIFIER", Session: started.answer.Session,
    ChallengeResponses: { ...client.answer(started.answer.ChallengeParameters, API_PASSWORD), ...device },
  });
}

test("a sign-in with a tracked device reads the device once per request, and the user once before its proof is asked", async () => {
  // The first sign-in makes the device; ConfirmDevice gives it its verifier (not remembered: USER_OPT_IN).
  const first = await passwordStep();
  const meta = first.answer.AuthenticationResult.NewDeviceMetadata;
  const verifier = createVerifier({ poolId: POOL, poolName: meta.DeviceGroupKey, username: meta.DeviceKey, password: DEVICE_SECRET });
  await call("ConfirmDevice", {
    AccessToken: first.answer.AuthenticationResult.AccessToken, DeviceKey: meta.DeviceKey,
    DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from(verifier.verifier, "hex").toString("base64"), Salt: Buffer.from(verifier.salt, "hex").toString("base64") },
  });

  const asked = await passwordStep(meta.DeviceKey);
  assert.equal(asked.answer.ChallengeName, "DEVICE_SRP_AUTH");
  assert.equal(reads(asked.sql, "Device"), 1, asked.sql.join("\n"));
  assert.ok(reads(asked.sql, "User") <= 1, asked.sql.join("\n"));

  const device = srpClient(`local_${meta.DeviceGroupKey}`);
  const challenge = await call("RespondToAuthChallenge", {
    ClientId: CLIENT, ChallengeName: "DEVICE_SRP_AUTH", Session: asked.answer.Session, ChallengeResponses: { USERNAME: "alice", DEVICE_KEY: meta.DeviceKey, SRP_A: device.A },
  });
  assert.equal(challenge.answer.ChallengeName, "DEVICE_PASSWORD_VERIFIER");
  assert.equal(reads(challenge.sql, "Device"), 1, challenge.sql.join("\n"));
  const done = await call("RespondToAuthChallenge", {
    ClientId: CLIENT, ChallengeName: "DEVICE_PASSWORD_VERIFIER", Session: challenge.answer.Session,
    ChallengeResponses: { ...device.answer({ ...challenge.answer.ChallengeParameters, USER_ID_FOR_SRP: meta.DeviceKey }, DEVICE_SECRET), USERNAME: "alice", DEVICE_KEY: meta.DeviceKey },
  });
  assert.ok(done.answer.AuthenticationResult.AccessToken);
  assert.equal(done.answer.AuthenticationResult.NewDeviceMetadata, undefined, "the proved device is the token's; no new one");
  assert.equal(reads(done.sql, "Device"), 1, done.sql.join("\n"));
});

test("a sign-in that names a device of the user's that is not confirmed reads it once, and gets no new device", async () => {
  const first = await passwordStep();
  const unconfirmed = first.answer.AuthenticationResult.NewDeviceMetadata.DeviceKey;
  const again = await passwordStep(unconfirmed);
  assert.ok(again.answer.AuthenticationResult.AccessToken);
  assert.equal(again.answer.AuthenticationResult.NewDeviceMetadata, undefined);
  assert.equal(reads(again.sql, "Device"), 1, again.sql.join("\n"));
});

test("a sign-in that makes a device writes only that device; the purge drops devices not confirmed within a day, and only those", async () => {
  const made = await passwordStep();
  const key = made.answer.AuthenticationResult.NewDeviceMetadata.DeviceKey;
  assert.deepEqual(made.sql.filter((line) => /"public"\."Device"/.test(line)).map((line) => line.split(" ")[1]), ["INSERT"], made.sql.join("\n"));

  const confirmedKey = (await passwordStep()).answer.AuthenticationResult.NewDeviceMetadata.DeviceKey;
  const fresh = (await passwordStep()).answer.AuthenticationResult.NewDeviceMetadata.DeviceKey;
  const old = new Date(Date.now() - UNCONFIRMED_DEVICE_TTL_MS - 60_000);
  await db.device.updateMany({ where: { key: { in: [key, confirmedKey] } }, data: { createdAt: old } });
  await db.device.update({ where: { key: confirmedKey }, data: { confirmed: true } });
  assert.ok((await purgeUnconfirmedDevices(db)) >= 1);
  const left = new Set((await db.device.findMany({ where: { key: { in: [key, confirmedKey, fresh] } }, select: { key: true } })).map((d) => d.key));
  assert.deepEqual([left.has(key), left.has(confirmedKey), left.has(fresh)], [false, true, true]);
});
