// Issue 11's benchmark: the requests that matter, each measured on its own against a real
// Gatehouse (server.ts, the production build) on PostgreSQL and on the embedded PGlite, and the
// token grants against a bare oidc-provider (bench/bare-provider.ts) in the same run.
//   npm run bench [-- --seconds 10 --concurrency 4 --only client_credentials,refresh_token --no-pglite --out FILE]
// For each scenario: the saturated rate (closed loop, --concurrency clients, --seconds), the server
// process's CPU per operation from /proc/<pid>/stat (and, on PostgreSQL, its backends' CPU), the
// statements and transactions per operation (the server's SIGUSR2 counters), then p50/p99 latency
// under an open-loop load at half the saturated rate, and every failed operation.
// Writes bench/results/<date>.md (see bench/README.md for how to read it).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { hash, verify } from "@node-rs/argon2";
import { ARGON2ID_OPTIONS } from "../lib/security/passwords.ts";
import { freePort, type RunningServer } from "../tests/support/server.ts";
import {
  API_POOL, startBenchServer, closedLoop, cpuSeconds, hostedSignIn, machine, MACHINE_CLIENT, openLoop, percentile, requestsSent, RESOURCE_SCOPE, SERVER_CLIENT,
  srpSignIn, tokenRequest, userInfo, userPasswordSignIn, benchConfig, BARE_CLIENT, BARE_RESOURCE_SCOPE, type LoadResult,
} from "./support.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
    only: { type: "string" },
    "no-pglite": { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const SCENARIOS = ["hosted-ui", "client_credentials", "refresh_token", "userinfo", "srp", "user_password"] as const;
type Scenario = (typeof SCENARIOS)[number];
const only = values.only ? values.only.split(",").map((s) => s.trim()) : [...SCENARIOS];
for (const name of only) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario ${name}; one of ${SCENARIOS.join(", ")}`);
const chosen = SCENARIOS.filter((s) => only.includes(s));
const today = new Date().toISOString().slice(0, 10);
const OUT = values.out ?? `bench/results/${today}.md`;

const LABELS: Record<Scenario, string> = {
  "hosted-ui": "hosted-UI password sign-in (incl. code exchange)",
  client_credentials: "client_credentials",
  refresh_token: "refresh_token (no rotation)",
  userinfo: "userInfo",
  srp: "USER_SRP_AUTH sign-in (2 calls)",
  user_password: "USER_PASSWORD_AUTH sign-in",
};

type Measured = {
  scenario: Scenario; ops: number; requestsPerOp: number; perSecond: number; cpuMs: number; perCore: number; dbCpuMs: number | null;
  statements: number | null; transactions: number | null; halfRate: number; p50: number; p99: number; samples: number; errors: number; failures: string[];
};

// ---- one argon2id verify, in this process (the thread pool's CPU included) ----

async function argon2VerifyMs(): Promise<number> {
  const stored = await hash("Passw0rd!", ARGON2ID_OPTIONS);
  for (let i = 0; i < 3; i++) await verify(stored, "Passw0rd!");
  const n = 30;
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) if (!(await verify(stored, "Passw0rd!"))) throw new Error("argon2 verify failed");
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

// ---- PostgreSQL backends' CPU (the server's own process does not include it) ----

/** CPU seconds so far of each backend connected to the database, by process id. */
async function backendCpu(admin: pg.Client | null, databaseUrl: string | undefined): Promise<Map<number, number> | null> {
  if (!admin || !databaseUrl) return null;
  const name = new URL(databaseUrl).pathname.slice(1);
  const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [name]);
  const byPid = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      byPid.set(pid, cpuSeconds(pid));
    } catch {
      // A backend that ended between the query and the read.
    }
  }
  return byPid;
}

/** The backends' CPU between two readings; a backend that ended in between is not counted (the pool keeps its connections). */
function backendCpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

// ---- the targets ----

type Target = {
  name: string;
  pid: () => number;
  stats?: () => Promise<{ statements: number; transactions: number }>;
  databaseUrl?: string;
  operations: Partial<Record<Scenario, () => Promise<unknown>>>;
};

async function gatehouseTarget(server: RunningServer, name: string): Promise<Target> {
  const base = server.url;
  const tokenUrl = `${base}/${API_POOL}/oauth2/token`;
  const signedIn = await hostedSignIn(base);
  const serverApp = await hostedSignIn(base, SERVER_CLIENT);
  if (!serverApp.refresh_token) throw new Error("the code exchange gave no refresh token");
  const refreshToken = serverApp.refresh_token;
  return {
    name,
    pid: () => server.pid()!,
    stats: () => server.stats(),
    databaseUrl: server.shared.DATABASE_URL,
    operations: {
      "hosted-ui": () => hostedSignIn(base),
      client_credentials: () => tokenRequest(tokenUrl, { grant_type: "client_credentials", scope: RESOURCE_SCOPE }, MACHINE_CLIENT),
      refresh_token: () => tokenRequest(tokenUrl, { grant_type: "refresh_token", refresh_token: refreshToken }, SERVER_CLIENT),
      userinfo: () => userInfo(base, signedIn.access_token),
      srp: () => srpSignIn(base),
      user_password: () => userPasswordSignIn(base),
    },
  };
}

async function startBare(): Promise<{ child: ChildProcess; url: string; refreshToken: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "bare-provider.ts"), "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bare provider did not start:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /BARE_READY (\{.*\})/.exec(log);
      if (ready) {
        clearTimeout(timer);
        const { url, refreshToken } = JSON.parse(ready[1]!) as { url: string; refreshToken: string };
        resolve({ child, url, refreshToken });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (/bare provider: /.test(chunk.toString())) process.stderr.write(chunk);
    });
    child.on("exit", (code) => reject(new Error(`the bare provider exited with ${code}:\n${log}`)));
  });
}

// ---- measuring ----

async function measure(target: Target, scenario: Scenario, admin: pg.Client | null): Promise<Measured> {
  const operation = target.operations[scenario]!;
  // Warm up (JIT and its compiler threads, connections, caches, the provider) before counting anything.
  const warm = await closedLoop(operation, { seconds: Math.min(3, SECONDS / 3), concurrency: CONCURRENCY });
  const pid = target.pid();
  const statsBefore = target.stats ? await target.stats() : null;
  const dbBefore = await backendCpu(admin, target.databaseUrl);
  const cpuBefore = cpuSeconds(pid);
  const sentBefore = requestsSent();
  const saturated = await closedLoop(operation, { seconds: SECONDS, concurrency: CONCURRENCY });
  const requests = requestsSent() - sentBefore;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const dbAfter = await backendCpu(admin, target.databaseUrl);
  const statsAfter = target.stats ? await target.stats() : null;
  const ok = saturated.count - saturated.errors;
  const perSecond = ok / saturated.wall;
  // Half the saturated rate, open loop: what a user sees at a load the server handles comfortably.
  const halfRate = Math.max(1, perSecond / 2);
  const paced: LoadResult = await openLoop(operation, { seconds: SECONDS, rate: halfRate });
  const n = saturated.count;
  return {
    scenario, ops: n, requestsPerOp: requests / n, perSecond, cpuMs: (cpu * 1000) / n, perCore: n / cpu,
    dbCpuMs: dbBefore && dbAfter ? (backendCpuBetween(dbBefore, dbAfter)! * 1000) / n : null,
    statements: statsBefore && statsAfter ? (statsAfter.statements - statsBefore.statements) / n : null,
    transactions: statsBefore && statsAfter ? (statsAfter.transactions - statsBefore.transactions) / n : null,
    halfRate, p50: percentile(paced.latencies, 50), p99: percentile(paced.latencies, 99),
    samples: paced.latencies.length,
    errors: warm.errors + saturated.errors + paced.errors, failures: [...warm.failures, ...saturated.failures, ...paced.failures].slice(0, 5),
  };
}

function line(m: Measured) {
  return `${LABELS[m.scenario].padEnd(50)} ${m.requestsPerOp.toFixed(1)} req ${m.perCore.toFixed(0).padStart(6)}/s per core  ${m.cpuMs.toFixed(2).padStart(7)} ms CPU  ${m.perSecond.toFixed(1).padStart(7)}/s wall  ` +
    `${m.statements === null ? "" : `${m.statements.toFixed(2)} stmt ${m.transactions!.toFixed(2)} tx  `}p50 ${m.p50.toFixed(1)} p99 ${m.p99.toFixed(1)} ms @ ${m.halfRate.toFixed(0)}/s  errors ${m.errors}`;
}

async function runTarget(target: Target, scenarios: Scenario[], admin: pg.Client | null): Promise<Measured[]> {
  console.log(`\n== ${target.name}`);
  const results: Measured[] = [];
  for (const scenario of scenarios) {
    if (!target.operations[scenario]) continue;
    const m = await measure(target, scenario, admin);
    console.log(line(m));
    for (const f of m.failures) console.log(`    failure: ${f}`);
    results.push(m);
  }
  return results;
}

const GATEHOUSE_ENV = { GATEHOUSE_RATE_LIMIT_FACTOR: "1000000" };

async function withGatehouse(embedded: boolean, name: string, admin: pg.Client | null): Promise<{ results: Measured[]; version: string }> {
  // An empty database server makes createTestDatabase return no URL, so the server starts its
  // embedded PGlite in its data directory (startServer then removes DATABASE_URL from its env).
  const server = await startBenchServer({ config: benchConfig(), env: GATEHOUSE_ENV, ...(embedded ? { databaseServer: "" } : {}) });
  try {
    let version = "PGlite (embedded, in the server process)";
    if (!embedded && admin) version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const target = await gatehouseTarget(server, name);
    return { results: await runTarget(target, chosen, embedded ? null : admin), version };
  } finally {
    await server.stop();
  }
}

// ---- the run ----

const host = machine();
console.log(`Node ${process.version} (${process.execPath}), ${host.cores} × ${host.cpu}`);
if (!process.version.startsWith("v24.")) console.log("warning: not Node 24; run through npm run bench so that node_modules/.bin/node is used");
const loadBefore = os.loadavg();
const argon2Ms = await argon2VerifyMs();
console.log(`one argon2id verify: ${argon2Ms.toFixed(1)} ms CPU`);

const admin = process.env.DATABASE_URL ? new pg.Client({ connectionString: process.env.DATABASE_URL }) : null;
await admin?.connect();
let redisVersion = "none (REDIS_URL unset)";
if (process.env.REDIS_URL) {
  try {
    const { Redis } = await import("ioredis");
    const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    redisVersion = `Redis ${/redis_version:(\S+)/.exec(await redis.info("server"))?.[1] ?? "(version unknown)"}`;
    await redis.quit();
  } catch {
    redisVersion = "set (version not read)";
  }
}

const started = Date.now();
const runs: { name: string; database: string; results: Measured[] }[] = [];
try {
  if (admin) {
    const pgRun = await withGatehouse(false, "Gatehouse on PostgreSQL", admin);
    runs.push({ name: "Gatehouse on PostgreSQL", database: `PostgreSQL ${pgRun.version} (127.0.0.1, its own database per run)`, results: pgRun.results });
  } else {
    console.log("DATABASE_URL is unset: the PostgreSQL run is skipped");
  }
  if (!values["no-pglite"]) {
    const liteRun = await withGatehouse(true, "Gatehouse on embedded PGlite", null);
    runs.push({ name: "Gatehouse on embedded PGlite", database: liteRun.version, results: liteRun.results });
  }
  const bareScenarios = chosen.filter((s) => s === "client_credentials" || s === "refresh_token");
  if (bareScenarios.length) {
    const bare = await startBare();
    try {
      const tokenUrl = `${bare.url}/oauth2/token`;
      const target: Target = {
        name: "bare oidc-provider (in-memory adapter)",
        pid: () => bare.child.pid!,
        operations: {
          client_credentials: () => tokenRequest(tokenUrl, { grant_type: "client_credentials", scope: BARE_RESOURCE_SCOPE }, BARE_CLIENT),
          refresh_token: () => tokenRequest(tokenUrl, { grant_type: "refresh_token", refresh_token: bare.refreshToken }, BARE_CLIENT),
        },
      };
      runs.push({ name: target.name, database: "none (in-memory adapter)", results: await runTarget(target, bareScenarios, null) });
    } finally {
      bare.child.kill("SIGTERM");
    }
  }
} finally {
  await admin?.end();
}
const minutes = (Date.now() - started) / 60_000;
const loadAfter = os.loadavg();

// ---- the report ----

const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? "–" : v.toFixed(digits));
const find = (run: string, s: Scenario) => runs.find((r) => r.name === run)?.results.find((m) => m.scenario === s);
const PG = "Gatehouse on PostgreSQL";
const LITE = "Gatehouse on embedded PGlite";
const BARE = "bare oidc-provider (in-memory adapter)";

function table(run: (typeof runs)[number]) {
  const rows = run.results.map((m) => `| ${LABELS[m.scenario]} | ${fmt(m.requestsPerOp, 1)} | ${fmt(m.perSecond)} | ${fmt(m.cpuMs, 2)} | ${fmt(m.perCore, 0)} | ${fmt(m.dbCpuMs, 2)} | ` +
    `${fmt(m.statements, 2)} | ${fmt(m.transactions, 2)} | ${fmt(m.halfRate, 0)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${m.samples} | ${m.errors} |`);
  return [
    `### ${run.name}`,
    "",
    `Database: ${run.database}.`,
    "",
    "| scenario | requests per op | ops/s wall (saturated) | server CPU per op (ms) | per core (ops/s) | DB backends' CPU per op (ms) | statements per op | transactions per op | half load (ops/s) | p50 (ms) | p99 (ms) | latency samples | errors |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ];
}

type Check = { what: string; target: string; measured: string; ok: boolean | null };
const checks: Check[] = [];
const check = (what: string, target: string, measured: number | null | undefined, ok: (v: number) => boolean, digits = 1, unit = "") => {
  const has = measured !== null && measured !== undefined && !Number.isNaN(measured);
  checks.push({ what, target, measured: has ? `${measured.toFixed(digits)}${unit}` : "not measured", ok: has ? ok(measured) : null });
};
// The statement counts include the server's background work in the same window (the health check
// every 5 s, the import runner's poll every 500 ms): a few hundredths per op, never a whole statement.
const BACKGROUND = 0.05;
{
  const hosted = find(PG, "hosted-ui");
  check("hosted-UI sign-in per core (PostgreSQL)", "≥ 35/s", hosted?.perCore, (v) => v >= 35, 0, "/s");
  check("hosted-UI sign-in CPU ÷ one argon2id verify", "≤ 1.5×", hosted ? hosted.cpuMs / argon2Ms : null, (v) => v <= 1.5, 2, "×");
  check("hosted-UI sign-in statements (all its requests)", "≤ 12", hosted?.statements, (v) => v <= 12 + BACKGROUND, 1);
  const cc = find(PG, "client_credentials");
  const ccBare = find(BARE, "client_credentials");
  check("client_credentials per core ÷ bare oidc-provider", "≥ 0.9×", cc && ccBare ? cc.perCore / ccBare.perCore : null, (v) => v >= 0.9, 2, "×");
  check("client_credentials statements (warm)", "0", cc?.statements, (v) => v <= BACKGROUND, 2);
  const rt = find(PG, "refresh_token");
  check("refresh_token per core", "≥ 350/s", rt?.perCore, (v) => v >= 350, 0, "/s");
  check("refresh_token statements", "≤ 2", rt?.statements, (v) => v <= 2 + BACKGROUND, 2);
  const ui = find(PG, "userinfo");
  check("userInfo per core", "≥ 1500/s", ui?.perCore, (v) => v >= 1500, 0, "/s");
  check("userInfo statements", "≤ 1", ui?.statements, (v) => v <= 1 + BACKGROUND, 2);
  const ccLite = find(LITE, "client_credentials");
  check("PGlite client_credentials per core ÷ PostgreSQL", "≥ 0.7×", ccLite && cc ? ccLite.perCore / cc.perCore : null, (v) => v >= 0.7, 2, "×");
  const srp = find(PG, "srp");
  check("SRP sign-in per core", "≥ 300/s", srp?.perCore, (v) => v >= 300, 0, "/s");
  const errors = runs.flatMap((r) => r.results).reduce((sum, m) => sum + m.errors, 0);
  check("errors (every run, every scenario)", "0", errors, (v) => v === 0, 0);
}

const ratios: string[] = [];
for (const s of ["client_credentials", "refresh_token"] as const) {
  const g = find(PG, s);
  const b = find(BARE, s);
  if (g && b) ratios.push(`| ${LABELS[s]}: Gatehouse (PostgreSQL) per core ÷ bare oidc-provider per core | ${fmt(g.perCore / b.perCore, 2)}× (${fmt(g.cpuMs, 2)} vs ${fmt(b.cpuMs, 2)} ms CPU) |`);
  const l = find(LITE, s);
  if (l && b) ratios.push(`| ${LABELS[s]}: Gatehouse (PGlite) per core ÷ bare oidc-provider per core | ${fmt(l.perCore / b.perCore, 2)}× |`);
}
for (const s of chosen) {
  const g = find(PG, s);
  const l = find(LITE, s);
  if (g && l) ratios.push(`| ${LABELS[s]}: PGlite per core ÷ PostgreSQL per core | ${fmt(l.perCore / g.perCore, 2)}× |`);
}
for (const s of ["hosted-ui", "srp", "user_password"] as const) {
  for (const run of [PG, LITE]) {
    const m = find(run, s);
    if (m) ratios.push(`| ${LABELS[s]} (${run === PG ? "PostgreSQL" : "PGlite"}): server CPU ÷ one argon2id verify | ${fmt(m.cpuMs / argon2Ms, 2)}× |`);
  }
}

const report = [
  `# Benchmark ${today}`,
  "",
  `Written by \`npm run bench\` (bench/run.ts) in ${minutes.toFixed(1)} minutes; bench/README.md tells how to read it.`,
  "",
  "## Machine",
  "",
  `- CPU: ${host.cores} × ${host.cpu}, ${host.memory} of memory; client, server and database on the same machine.`,
  `- Node ${process.version} (server and bench alike).`,
  `- Database: ${runs.map((r) => `${r.name.replace("Gatehouse on ", "")}: ${r.database}`).join("; ") || "none"}.`,
  `- Redis: ${redisVersion}.`,
  `- Machine load (1-minute load average) at the start ${loadBefore[0]!.toFixed(1)}, at the end ${loadAfter[0]!.toFixed(1)}, on ${host.cores} cores: other work on a shared machine`,
  "  inflates wall-clock rates and latencies first; CPU per op and statements per op are the figures to compare between runs.",
  `- Load: ${CONCURRENCY} clients in a closed loop for ${SECONDS} s per scenario (saturated rate, CPU, statements), then an open loop at half that rate for ${SECONDS} s (latencies).`,
  `- One argon2id verify (m=19 MiB, t=2, p=1, lib/security/passwords.ts) costs ${argon2Ms.toFixed(1)} ms of CPU in the bench process.`,
  "",
  "## Targets (issue 11)",
  "",
  "| target | wanted | measured | met |",
  "|---|---|---|---|",
  ...checks.map((c) => `| ${c.what} | ${c.target} | ${c.measured} | ${c.ok === null ? "–" : c.ok ? "✓" : "✗"} |`),
  "",
  "## Results",
  "",
  "An op is one scenario's whole exchange (a sign-in is every request it takes); \"per core\" = ops ÷ the server",
  "process's CPU seconds. The PostgreSQL backends' CPU is not in the server's figure (PGlite runs inside the server",
  "process, so there it is).",
  "",
  ...runs.flatMap(table),
  "## Ratios",
  "",
  "| ratio | value |",
  "|---|---|",
  ...ratios,
  "",
  ...(runs.some((r) => r.results.some((m) => m.failures.length))
    ? ["## Failures (first of each scenario)", "", ...runs.flatMap((r) => r.results.flatMap((m) => m.failures.map((f) => `- ${r.name}, ${m.scenario}: ${f.replace(/\n/g, " ")}`))), ""]
    : []),
].join("\n");

mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, report);
console.log(`\n${checks.map((c) => `${c.ok === null ? "–" : c.ok ? "✓" : "✗"} ${c.what}: ${c.measured} (wanted ${c.target})`).join("\n")}`);
console.log(`\nwrote ${OUT} (${minutes.toFixed(1)} min)`);
