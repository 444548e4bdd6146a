// Statements and server CPU per sign-in through the Cognito API's two password doors, sign-ins one
// after another (no concurrency, so the CPU per sign-in is not blurred by waiting):
//   USER_PASSWORD_AUTH  InitiateAuth with the password (one argon2id verify + tokens)
//   USER_SRP_AUTH       InitiateAuth + RespondToAuthChallenge(PASSWORD_VERIFIER)
//   …, new device      USER_SRP_AUTH in a pool that tracks devices, by a client that never confirms
//                       them: every sign-in makes a device (NewDeviceMetadata)
//   … with a device    USER_SRP_AUTH naming a confirmed (not remembered) device in a pool that tracks
//                       devices and skips MFA on remembered ones: the device then proves itself
//                       (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER), as amazon-cognito-identity-js
//                       does once ConfirmDevice has been called
// Statements come from the server's own count (lib/db/statement-count.ts, `kill -USR2`), CPU from
// /proc/<pid>/stat. With --sql, the server prints every statement (GATEHOUSE_LOG_SQL=1) and one
// sign-in's statements are listed per door.
//   npx tsx bench/api-sign-in.ts [-- --count 300 --sql]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startServer, type RunningServer } from "../tests/support/server.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig } from "../tests/support/cognito-api.ts";
import { srpClient } from "./srp-client.ts";
import { createVerifier } from "../lib/security/srp.ts";

const { values } = parseArgs({ options: { count: { type: "string", default: "300" }, sql: { type: "boolean", default: false } } });
const COUNT = Number(values.count);
const LOGIN = "alice@example.com";
const DEVICE_POOL = "local_DevBench1";
const DEVICE_CLIENT = "device-bench";
const DEVICE_SECRET = "bench device secret";
let device: { key: string; groupKey: string } | null = null;

function benchConfig() {
  const config = cognitoApiConfig();
  const api = config.pools[0]!;
  config.pools.push({
    ...api, id: DEVICE_POOL, name: "Device bench", mfa: "OFF", deviceTracking: "USER_OPT_IN", skipMfaOnRememberedDevices: true,
    clients: [{ ...api.clients[0]!, clientId: DEVICE_CLIENT, name: DEVICE_CLIENT }], users: [api.users[0]!],
  } as never);
  return config;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Cognito answer as JSON, read field by field
async function srpSignIn(server: RunningServer, deviceKey?: string): Promise<Record<string, any>> {
  const client = srpClient(DEVICE_POOL);
  const challenge = await cognito(server, "InitiateAuth", {
    ClientId: DEVICE_CLIENT, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: LOGIN, SRP_A: client.A, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
  });
  return cognito(server, "RespondToAuthChallenge", {
    ClientId: DEVICE_CLIENT, ChallengeName: "PASSWORD_VERIFIER", Session: challenge.Session,
    ChallengeResponses: { ...client.answer(challenge.ChallengeParameters, API_PASSWORD), ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
  });
}

/** The bench user's device in the device pool: made by a sign-in, confirmed with its verifier. */
async function confirmedDevice(server: RunningServer): Promise<{ key: string; groupKey: string }> {
  const first = await srpSignIn(server);
  const meta = first.AuthenticationResult.NewDeviceMetadata;
  const verifier = createVerifier({ poolId: DEVICE_POOL, poolName: meta.DeviceGroupKey, username: meta.DeviceKey, password: DEVICE_SECRET });
  await cognito(server, "ConfirmDevice", {
    AccessToken: first.AuthenticationResult.AccessToken, DeviceKey: meta.DeviceKey,
    DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from(verifier.verifier, "hex").toString("base64"), Salt: Buffer.from(verifier.salt, "hex").toString("base64") },
  });
  return { key: meta.DeviceKey, groupKey: meta.DeviceGroupKey };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Cognito answer as JSON, read field by field
async function cognito(server: RunningServer, operation: string, body: object): Promise<Record<string, any>> {
  const response = await fetch(`${server.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Cognito answer as JSON, read field by field
  const answer = (await response.json()) as Record<string, any>;
  if (response.status !== 200) throw new Error(`${operation}: ${JSON.stringify(answer)}`);
  return answer;
}

const DOORS: Record<string, (server: RunningServer) => Promise<void>> = {
  async USER_PASSWORD_AUTH(server) {
    const answer = await cognito(server, "InitiateAuth", { ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: LOGIN, PASSWORD: API_PASSWORD } });
    if (!answer.AuthenticationResult?.AccessToken) throw new Error("no tokens");
  },
  async USER_SRP_AUTH(server) {
    const client = srpClient(API_POOL);
    const challenge = await cognito(server, "InitiateAuth", { ClientId: "spa", AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: LOGIN, SRP_A: client.A } });
    const answer = await cognito(server, "RespondToAuthChallenge", {
      ClientId: "spa", ChallengeName: "PASSWORD_VERIFIER", Session: challenge.Session, ChallengeResponses: client.answer(challenge.ChallengeParameters, API_PASSWORD),
    });
    if (!answer.AuthenticationResult?.AccessToken) throw new Error("no tokens");
  },
  async "USER_SRP_AUTH, new device"(server) {
    // A pool that tracks devices, and a client that never confirms them (the AWS SDK's way): each sign-in makes one.
    const answer = await srpSignIn(server);
    if (!answer.AuthenticationResult?.NewDeviceMetadata) throw new Error(`no new device: ${JSON.stringify(answer)}`);
  },
  async "USER_SRP_AUTH + device"(server) {
    device ??= await confirmedDevice(server);
    const asked = await srpSignIn(server, device.key);
    if (asked.ChallengeName !== "DEVICE_SRP_AUTH") throw new Error(`expected DEVICE_SRP_AUTH: ${JSON.stringify(asked)}`);
    // The device's SRP is the user's with the DeviceGroupKey as the pool's name and the DeviceKey as the username.
    const client = srpClient(`local_${device.groupKey}`);
    const challenge = await cognito(server, "RespondToAuthChallenge", {
      ClientId: DEVICE_CLIENT, ChallengeName: "DEVICE_SRP_AUTH", Session: asked.Session, ChallengeResponses: { USERNAME: "alice", DEVICE_KEY: device.key, SRP_A: client.A },
    });
    const answer = await cognito(server, "RespondToAuthChallenge", {
      ClientId: DEVICE_CLIENT, ChallengeName: "DEVICE_PASSWORD_VERIFIER", Session: challenge.Session,
      ChallengeResponses: { ...client.answer({ ...challenge.ChallengeParameters, USER_ID_FOR_SRP: device.key }, DEVICE_SECRET), USERNAME: "alice", DEVICE_KEY: device.key },
    });
    if (!answer.AuthenticationResult?.AccessToken) throw new Error(`no tokens: ${JSON.stringify(answer)}`);
  },
};

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const server = await startServer({ config: benchConfig(), env: { GATEHOUSE_RATE_LIMIT_FACTOR: "1000000", ...(values.sql ? { GATEHOUSE_LOG_SQL: "1" } : {}) } });
try {
  for (const [name, signIn] of Object.entries(DOORS)) {
    for (let i = 0; i < 10; i++) await signIn(server); // warm up: JIT, connections, caches
    if (values.sql) {
      const from = server.output().length;
      await signIn(server);
      // The server's background jobs (the user import poll, the migrations check) run statements of their own.
      const lines = server.output().slice(from).split("\n").filter((line) => line.startsWith("SQL ") && !line.includes("UserImportJob") && !line.includes("_prisma_migrations"));
      // Column lists shortened: what a statement reads or writes, and where, is what tells them apart.
      const shown = lines.map((line, i) => `  ${i + 1}. ${line.slice(4).replace(/SELECT .*? FROM/, "SELECT … FROM").replace(/ RETURNING .*/, "").replace(/\("id",.*?\) VALUES \(.*?\)/, "(…) VALUES (…)").slice(0, 300)}`);
      console.log(`\n${name}: ${lines.length} statements\n${shown.join("\n")}`);
      continue;
    }
    const before = await server.stats();
    const cpuBefore = cpuSeconds(server.pid()!);
    for (let i = 0; i < COUNT; i++) await signIn(server);
    const cpu = cpuSeconds(server.pid()!) - cpuBefore;
    const after = await server.stats();
    // The stats call itself runs no statement.
    console.log(`${name.padEnd(20)} ${((after.statements - before.statements) / COUNT).toFixed(2)} statements, ${((after.transactions - before.transactions) / COUNT).toFixed(2)} transactions, ${((cpu * 1000) / COUNT).toFixed(2)} ms CPU per sign-in (${COUNT})`);
  }
} finally {
  await server.stop();
}
