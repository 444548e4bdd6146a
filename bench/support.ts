// What the benchmarks share: the pool they seed, the sign-ins and token requests they send (each
// checks its answer, so a failure is counted, never measured as a fast request), the server
// process's CPU from /proc, and the load loops (closed-loop saturation, open-loop paced load).
import { readFileSync } from "node:fs";
import os from "node:os";
import { TestBrowser } from "../tests/support/browser.ts";
import { pkceAuthorizeRequest } from "../tests/support/oauth.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig } from "../tests/support/cognito-api.ts";
import { startServer } from "../tests/support/server.ts";
import { srpClient } from "./srp-client.ts";

export { API_PASSWORD, API_POOL };
export const CALLBACK = "http://localhost:4000/callback";
export const LOGIN = "alice@example.com";
export const RESOURCE_SCOPE = "https://api.example.com/read";
export const MACHINE_CLIENT = { id: "bench-machine", secret: "bench-machine-secret-0123456789abcdef" };
export const SERVER_CLIENT = { id: "bench-server", secret: "bench-server-secret-0123456789abcdefg" };
/** bench/bare-provider.ts's one client and the resource scope it asks for. */
export const BARE_CLIENT = { id: "bare-machine", secret: "bare-secret-0123456789abcdefghijklmnop" };
export const BARE_RESOURCE_SCOPE = RESOURCE_SCOPE;

/**
 * The Cognito API tests' pool with what the token benchmarks need besides: a resource server, a
 * confidential client allowed client_credentials for its scope, and a confidential code-flow client
 * whose refresh tokens do not rotate (so one token can be redeemed again and again).
 */
export function benchConfig() {
  const config = cognitoApiConfig();
  const pool = config.pools.find((p) => p.id === API_POOL)! as (typeof config.pools)[number] & { resourceServers?: unknown[] };
  pool.resourceServers = [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "read", description: "Read things" }] }];
  (pool.clients as unknown[]).push(
    { clientId: MACHINE_CLIENT.id, clientSecret: MACHINE_CLIENT.secret, name: "Bench worker", allowedOAuthFlows: ["client_credentials"], allowedScopes: [RESOURCE_SCOPE] },
    {
      clientId: SERVER_CLIENT.id, clientSecret: SERVER_CLIENT.secret, name: "Bench server app", callbackUrls: [CALLBACK], logoutUrls: ["http://localhost:4000/"],
      allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile"], explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], refreshTokenRotation: false,
    },
  );
  return config;
}

/**
 * startServer, tried a second time when the first server is not ready within its minute: on a
 * shared 2-core machine busy with builds, a start can take that long, and a benchmark of several
 * minutes should not be lost to it.
 */
export async function startBenchServer(options: Parameters<typeof startServer>[0]) {
  try {
    return await startServer(options);
  } catch (error) {
    if (!/did not start in time/.test((error as Error).message)) throw error;
    console.log("the server did not start within a minute (a busy machine?); trying once more");
    return startServer(options);
  }
}

/** Requests sent by this process so far (every benchmark request goes through fetch). */
let sent = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
  sent++;
  return realFetch(...args);
});
export const requestsSent = () => sent;

export class RequestFailed extends Error {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field
async function expectOk(response: Response, what: string): Promise<any> {
  const text = await response.text();
  if (response.status < 200 || response.status > 299) throw new RequestFailed(`${what}: ${response.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : {};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Cognito answer as JSON, read field by field
export async function cognito(baseUrl: string, operation: string, body: object): Promise<Record<string, any>> {
  const response = await fetch(`${baseUrl}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  return expectOk(response, operation);
}

export type Tokens = { access_token: string; id_token?: string; refresh_token?: string };
const basic = (client: { id: string; secret: string }) => `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`;

/** A POST to a token endpoint; `client` with a secret authenticates with client_secret_basic. */
export async function tokenRequest(tokenUrl: string, params: Record<string, string>, client?: { id: string; secret: string }): Promise<Tokens> {
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(client ? { authorization: basic(client) } : {}) },
    body: new URLSearchParams(params),
  });
  const answer = (await expectOk(response, `token endpoint (${params.grant_type})`)) as Tokens;
  if (!answer.access_token) throw new RequestFailed(`token endpoint (${params.grant_type}): no access token`);
  return answer;
}

export async function userPasswordSignIn(baseUrl: string, clientId = "spa"): Promise<void> {
  const answer = await cognito(baseUrl, "InitiateAuth", { ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: LOGIN, PASSWORD: API_PASSWORD } });
  if (!answer.AuthenticationResult?.AccessToken) throw new RequestFailed("USER_PASSWORD_AUTH: no tokens");
}

export async function srpSignIn(baseUrl: string, clientId = "spa"): Promise<void> {
  const client = srpClient(API_POOL);
  const challenge = await cognito(baseUrl, "InitiateAuth", { ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: LOGIN, SRP_A: client.A } });
  const answer = await cognito(baseUrl, "RespondToAuthChallenge", {
    ClientId: clientId, ChallengeName: "PASSWORD_VERIFIER", Session: challenge.Session, ChallengeResponses: client.answer(challenge.ChallengeParameters, API_PASSWORD),
  });
  if (!answer.AuthenticationResult?.AccessToken) throw new RequestFailed("USER_SRP_AUTH: no tokens");
}

/**
 * The hosted UI's password sign-in as a browser and its app do it: authorize → sign-in page → form
 * post → redirects to the callback with a code → the code exchange at /oauth2/token (PKCE; with the
 * client's secret when it has one).
 */
export async function hostedSignIn(baseUrl: string, client: { id: string; secret?: string } = { id: "spa" }): Promise<Tokens> {
  const request = pkceAuthorizeRequest(baseUrl, { pool: API_POOL, clientId: client.id, scope: "openid email" });
  const browser = new TestBrowser(baseUrl);
  const page = await browser.request(request.url);
  if (page.status !== 200) throw new RequestFailed(`sign-in page: ${page.status} at ${page.url}`);
  const done = await browser.submit(page, { login: LOGIN, password: API_PASSWORD });
  const code = done.url.startsWith(CALLBACK) ? new URL(done.url).searchParams.get("code") : null;
  if (!code) throw new RequestFailed(`no code: ended at ${done.url} (${done.status})`);
  const params = { grant_type: "authorization_code", code, code_verifier: request.verifier, redirect_uri: CALLBACK };
  return client.secret
    ? tokenRequest(`${baseUrl}/${API_POOL}/oauth2/token`, params, { id: client.id, secret: client.secret })
    : tokenRequest(`${baseUrl}/${API_POOL}/oauth2/token`, { ...params, client_id: client.id });
}

export async function userInfo(baseUrl: string, accessToken: string): Promise<void> {
  const response = await fetch(`${baseUrl}/${API_POOL}/oauth2/userInfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  const claims = await expectOk(response, "userInfo");
  if (!claims.sub) throw new RequestFailed("userInfo: no sub");
}

/** A process's CPU seconds so far (user + system, all its threads), from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A process's resident set size in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return line ? Number(line[1]) * 1024 : 0;
}

export function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model.trim() ?? "unknown", cores: cpus.length, node: process.version, memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB` };
}

export type LoadResult = { count: number; errors: number; wall: number; latencies: number[]; failures: string[]; shed: number };

function recordFailure(result: LoadResult, error: unknown) {
  result.errors++;
  if (result.failures.length < 5) result.failures.push(error instanceof Error ? error.message : String(error));
}

/** `concurrency` clients, each sending the next operation as soon as the last one is answered. */
export async function closedLoop(operation: () => Promise<unknown>, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  const result: LoadResult = { count: 0, errors: 0, wall: 0, latencies: [], failures: [], shed: 0 };
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      try {
        await operation();
        result.latencies.push(performance.now() - t);
      } catch (error) {
        recordFailure(result, error);
      }
      result.count++;
    }
  }));
  result.wall = (performance.now() - started) / 1000;
  return result;
}

/**
 * Operations started at a fixed rate whatever the answers' pace (an open loop), so a slow answer
 * does not hold back the next arrival and latencies include any queueing at the server. With
 * `maxInFlight`, an arrival that finds that many ops unanswered is not sent but counted as shed, so
 * that a server slowed by other work on the machine does not drown in a backlog.
 */
export async function openLoop(operation: () => Promise<unknown>, options: { seconds: number; rate: number; maxInFlight?: number }): Promise<LoadResult> {
  const result: LoadResult = { count: 0, errors: 0, wall: 0, latencies: [], failures: [], shed: 0 };
  const total = Math.max(1, Math.round(options.seconds * options.rate));
  const interval = 1000 / options.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let unanswered = 0;
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (options.maxInFlight !== undefined && unanswered >= options.maxInFlight) {
      result.shed++;
      continue;
    }
    unanswered++;
    inFlight.push((async () => {
      // Latency from the scheduled start, so a late start in this process counts against it too.
      try {
        await operation();
        result.latencies.push(performance.now() - due);
      } catch (error) {
        recordFailure(result, error);
      }
      unanswered--;
      result.count++;
    })());
  }
  await Promise.all(inFlight);
  result.wall = (performance.now() - started) / 1000;
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
