// The authorizer in front of an API against the token endpoint, in one run on PostgreSQL:
//   authorizer          GET /authorizers/{name} with a valid (cached) access token, as nginx's
//                       auth_request asks it before every API request
//   client_credentials  POST /{pool}/oauth2/token, a machine client getting an access token
// Gatehouse runs as in production (server.ts, the production build, PostgreSQL from DATABASE_URL,
// Redis from REDIS_URL if set). Per core = requests ÷ the server process's CPU seconds
// (/proc/<pid>/stat), stable on a shared machine where wall-clock rates are not; p50/p99 are the
// client's wall-clock latencies. The server reaches PostgreSQL through the tests' wire-protocol
// proxy (tests/support/pg-proxy.ts), which sees every statement: the run checks that the
// authorizer's hot path made none.
//   npm run bench:authorizer [-- --seconds 15 --concurrency 8]
// Writes the results to bench/results/authorizer-<date>.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { startServer, type RunningServer } from "../tests/support/server.ts";
import { startPgProxy, type PgProxy } from "../tests/support/pg-proxy.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig } from "../tests/support/cognito-api.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "15" }, concurrency: { type: "string", default: "8" } } });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const AUTHORIZER = "bench";
const MACHINE = { id: "machine", secret: "machine-secret-0123456789abcdef" };
const SCOPE = "https://api.example.com/read";

function benchConfig() {
  const config = cognitoApiConfig();
  const pool = config.pools[0] as Record<string, unknown> & { clients: unknown[] };
  pool.resourceServers = [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "read", description: "Read things" }] }];
  pool.clients.push({ clientId: MACHINE.id, clientSecret: MACHINE.secret, name: "worker", allowedOAuthFlows: ["client_credentials"], allowedScopes: [SCOPE] });
  return {
    ...config,
    authorizers: [{ name: AUTHORIZER, type: "COGNITO_USER_POOLS", poolIds: [API_POOL], tokenUse: "access", clientIds: ["spa"], rules: [{ path: "/orders/*", scopes: ["aws.cognito.signin.user.admin"] }] }],
  };
}

/** The server process's CPU seconds so far (user + system). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

type Request = () => Promise<void>;

/** The database watch's own check (lib/health.ts), every 5 s whatever the load: not a request's. */
const HEALTH_CHECK = /FROM "_prisma_migrations" WHERE finished_at IS NULL/;

async function measure(server: RunningServer, proxy: PgProxy, name: string, request: Request) {
  const coldBefore = proxy.statements.length;
  await request();
  const cold = proxy.statements.slice(coldBefore).filter((s) => !HEALTH_CHECK.test(s.sql)).length;
  for (let i = 0; i < 20; i++) await request(); // warm up: JIT, connections, the token cache
  const pid = server.pid()!;
  const statementsBefore = proxy.statements.length;
  const cpuBefore = cpuSeconds(pid);
  const started = Date.now();
  const until = started + SECONDS * 1000;
  const latencies: number[] = [];
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < until) {
      const t = performance.now();
      await request();
      latencies.push(performance.now() - t);
    }
  }));
  const wall = (Date.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const all = proxy.statements.slice(statementsBefore);
  const statements = all.filter((s) => !HEALTH_CHECK.test(s.sql));
  latencies.sort((a, b) => a - b);
  const count = latencies.length;
  return {
    name, count, wall, cpu, perCore: count / cpu, perSecond: count / wall, cpuMs: (cpu * 1000) / count,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    cold, statements: statements.length, perRequest: statements.length / count, healthChecks: all.length - statements.length,
    distinct: [...new Set(statements.map((s) => s.sql.replace(/\s+/g, " ").slice(0, 120)))],
  };
}

const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
const base = process.env.DATABASE_URL;
if (!base) {
  console.error("bench:authorizer runs on PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  process.exit(2);
}
const target = new URL(base);
const proxy = await startPgProxy({ host: target.hostname, port: Number(target.port || 5432) });
const server = await startServer({ config: benchConfig(), databaseServer: base, connectThrough: proxy.through, env: { GATEHOUSE_RATE_LIMIT_FACTOR: "1000000" } });
try {
  const signIn = await fetch(`${server.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice@example.com", PASSWORD: API_PASSWORD } }),
  });
  const accessToken = ((await signIn.json()) as { AuthenticationResult?: { AccessToken?: string } }).AuthenticationResult?.AccessToken;
  if (!accessToken) throw new Error(`no access token: ${signIn.status}`);

  const REQUESTS: Record<string, Request> = {
    async authorizer() {
      const response = await fetch(`${server.url}/authorizers/${AUTHORIZER}`, {
        headers: { authorization: `Bearer ${accessToken}`, "x-original-method": "POST", "x-original-uri": "/orders/42?expand=items", "x-forwarded-host": "api.example.com" },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`authorizer: ${response.status} ${response.headers.get("www-authenticate")}`);
    },
    async client_credentials() {
      const response = await fetch(`${server.url}/${API_POOL}/oauth2/token`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`${MACHINE.id}:${MACHINE.secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", scope: SCOPE }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (response.status !== 200 || !body.access_token) throw new Error(`token endpoint: ${response.status} ${JSON.stringify(body)}`);
    },
  };

  const results = [];
  for (const [name, request] of Object.entries(REQUESTS)) {
    const r = await measure(server, proxy, name, request);
    console.log(`${name.padEnd(20)} ${r.perCore.toFixed(0).padStart(6)}/s per core   ${r.cpuMs.toFixed(2)} ms CPU each   ${r.perSecond.toFixed(0)}/s wall   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   ${r.perRequest.toFixed(2)} SQL statements each (${r.count} requests)`);
    results.push(r);
  }
  const hot = results[0]!;
  const background = `besides the database watch's own check every 5 s (lib/health.ts: ${hot.healthChecks} in that window)`;
  const verdict = hot.statements === 0
    ? `The authorizer's hot path made no SQL statement: 0 in ${hot.count} requests, ${background}; every statement the server sent PostgreSQL passed the proxy.`
    : `The authorizer's hot path made ${hot.statements} SQL statements in ${hot.count} requests, ${background}:\n${hot.distinct.map((s) => `  ${s}`).join("\n")}`;
  console.log(`\n${verdict}`);

  const ratio = hot.perCore / results[1]!.perCore;
  const date = new Date().toISOString().slice(0, 10);
  const report = [
    "# The authorizer against the token endpoint",
    "",
    `Measured ${date} with \`npm run bench:authorizer\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version},`,
    `PostgreSQL${process.env.REDIS_URL ? " and Redis" : ""}; ${CONCURRENCY} requests in flight for ${SECONDS} s each, client and server on the same machine`,
    `(load average ${loadAtStart} at the start: other work on a busy machine slows the wall-clock figures more than the per-core ones).`,
    "Per core = requests ÷ the server process's CPU seconds (the client's work is not counted); p50/p99 are the",
    "client's wall-clock latencies. `authorizer` is `GET /authorizers/{name}` with a valid access token, as nginx's",
    "auth_request asks it (the token verified once, then answered from the per-token cache); `client_credentials` is",
    "`POST /{pool}/oauth2/token` for a machine client. SQL statements were counted on the wire (tests/support/pg-proxy.ts).",
    "",
    "| request | per server core (/s) | server CPU each (ms) | wall clock (/s) | p50 (ms) | p99 (ms) | SQL statements each | requests |",
    "|---|---|---|---|---|---|---|---|",
    ...results.map((r) => `| ${r.name} | ${r.perCore.toFixed(0)} | ${r.cpuMs.toFixed(2)} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.perRequest.toFixed(2)} | ${r.count} |`),
    "",
    verdict,
    `A token's first request made ${hot.cold} (verifying it and checking it live: not revoked, its user enabled); the answer is then cached for at most the token's life.`,
    `Per core, the authorizer answers ${ratio.toFixed(1)}× as many requests as the token endpoint issues tokens.`,
    "",
  ].join("\n");
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/authorizer-${date}.md`;
  writeFileSync(file, report);
  console.log(`\n${report}\nwrote ${file}`);
} finally {
  await server.stop();
  await proxy.stop();
}
