// Where a hosted-UI password sign-in spends its statements and its CPU, request by request:
//   authorize → sign-in page → form post → resume (/oauth2/authorize/{uid}) → callback redirect →
//   code exchange at /oauth2/token (PKCE).
// Prints the database statements and transactions of each request of one sign-in (the server's
// counters, read with `kill -USR2` between requests), then the server CPU and statements per
// sign-in over many of them, next to one argon2id verify measured in this process.
//   npx tsx bench/signin-profile.ts [--count 200] [--concurrency 2] [--profile /tmp/dir]
// --profile starts the server with --cpu-prof and writes its profile there when it stops.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startServer, type RunningServer } from "../tests/support/server.ts";
import { CookieJar } from "../tests/support/browser.ts";
import { pkceAuthorizeRequest } from "../tests/support/oauth.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig } from "../tests/support/cognito-api.ts";
import { hashPassword, verifyPassword } from "../lib/security/passwords.ts";

const { values } = parseArgs({ options: { count: { type: "string", default: "200" }, concurrency: { type: "string", default: "2" }, profile: { type: "string" } } });
const COUNT = Number(values.count);
const CONCURRENCY = Number(values.concurrency);
const CALLBACK = "http://localhost:4000/callback";
const LOGIN = "alice@example.com";

type Step = { label: string; statements: number; transactions: number };

/** One sign-in, request by request; `onStep` runs after each request (the stats are read there). */
async function signIn(server: RunningServer, onStep?: (label: string) => Promise<void>): Promise<void> {
  const jar = new CookieJar();
  const request = pkceAuthorizeRequest(server.url, { pool: API_POOL, clientId: "spa", scope: "openid email" });
  let url = request.url;
  let method = "GET";
  let body: URLSearchParams | undefined;
  let code: string | null = null;
  let posted = false;
  for (let hops = 0; hops < 20; hops++) {
    const response = await fetch(url, {
      method, redirect: "manual", body,
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded", origin: server.url } : {}) },
    });
    jar.store(response.headers.getSetCookie());
    const location = response.headers.get("location");
    const html = location ? "" : await response.text();
    await onStep?.(`${method} ${new URL(url).pathname.replace(/[A-Za-z0-9_-]{20,}/g, "{uid}")} → ${response.status}`);
    if (location) {
      url = new URL(location, url).toString();
      method = "GET";
      body = undefined;
      if (url.startsWith(CALLBACK)) {
        code = new URL(url).searchParams.get("code");
        break;
      }
      continue;
    }
    if (posted || response.status !== 200) throw new Error(`unexpected page ${url} ${response.status}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !csrf) throw new Error(`no form on ${url}`);
    url = new URL(action, url).toString();
    method = "POST";
    body = new URLSearchParams({ csrf, login: LOGIN, password: API_PASSWORD });
    posted = true;
  }
  if (!code) throw new Error("no code");
  const response = await fetch(`${server.url}/${API_POOL}/oauth2/token`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, code_verifier: request.verifier, client_id: "spa", redirect_uri: CALLBACK }),
  });
  if (response.status !== 200) throw new Error(`token endpoint: ${response.status} ${await response.text()}`);
  await response.text();
  await onStep?.(`POST /${API_POOL}/oauth2/token → ${response.status}`);
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const server = await startServer({
  config: cognitoApiConfig(),
  env: { GATEHOUSE_RATE_LIMIT_FACTOR: "1000000" },
  ...(values.profile ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] } : {}),
});
try {
  for (let i = 0; i < 10; i++) await signIn(server);

  // One sign-in, request by request (twice: the second shows the steady state).
  for (let run = 0; run < 2; run++) {
    const steps: Step[] = [];
    let last = await server.stats();
    let logged = server.output().length;
    const sql: string[] = [];
    await signIn(server, async (label) => {
      const now = await server.stats();
      steps.push({ label, statements: now.statements - last.statements, transactions: now.transactions - last.transactions });
      last = now;
      // A server that logs its statements (lines starting "SQL ") shows them under their request.
      const lines = server.output().slice(logged).split("\n").filter((line) => line.startsWith("SQL "));
      logged = server.output().length;
      sql.push(`-- ${label}`, ...lines.map((line) => `   ${line.slice(4)}`));
    });
    if (run === 1) {
      console.log("request                                                           statements  transactions");
      for (const s of steps) console.log(`${s.label.padEnd(66)}${String(s.statements).padStart(10)}${String(s.transactions).padStart(14)}`);
      const total = steps.reduce((a, s) => ({ statements: a.statements + s.statements, transactions: a.transactions + s.transactions }), { statements: 0, transactions: 0 });
      console.log(`${"whole sign-in".padEnd(66)}${String(total.statements).padStart(10)}${String(total.transactions).padStart(14)}`);
      if (sql.some((line) => !line.startsWith("--"))) console.log(`\n${sql.join("\n")}`);
    }
  }

  // CPU per request of the flow, one sign-in at a time (the counters' 10 ms ticks average out over many).
  {
    const pid = server.pid()!;
    const cpu = new Map<string, number>();
    const RUNS = Math.max(20, Math.floor(COUNT / 4));
    for (let run = 0; run < RUNS; run++) {
      let last = cpuSeconds(pid);
      await signIn(server, async (label) => {
        const now = cpuSeconds(pid);
        cpu.set(label, (cpu.get(label) ?? 0) + now - last);
        last = now;
      });
    }
    console.log(`\nserver CPU per request (ms, mean of ${RUNS} sign-ins one at a time; argon2 runs in the form post)`);
    let sum = 0;
    for (const [label, seconds] of cpu) {
      sum += (seconds * 1000) / RUNS;
      console.log(`${label.padEnd(66)}${((seconds * 1000) / RUNS).toFixed(1).padStart(8)}`);
    }
    console.log(`${"whole sign-in".padEnd(66)}${sum.toFixed(1).padStart(8)}`);
  }

  // Many sign-ins: CPU and statements per sign-in.
  const pid = server.pid()!;
  const before = await server.stats();
  const cpuBefore = cpuSeconds(pid);
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < COUNT) await signIn(server);
  }));
  const cpu = cpuSeconds(pid) - cpuBefore;
  const after = await server.stats();

  const hash = await hashPassword(API_PASSWORD);
  for (let i = 0; i < 3; i++) await verifyPassword(hash, API_PASSWORD);
  const started = process.cpuUsage();
  const VERIFIES = 20;
  for (let i = 0; i < VERIFIES; i++) await verifyPassword(hash, API_PASSWORD);
  const used = process.cpuUsage(started);
  const verifyMs = (used.user + used.system) / 1000 / VERIFIES;

  const cpuMs = (cpu * 1000) / COUNT;
  console.log(`\n${COUNT} sign-ins: ${cpuMs.toFixed(1)} ms server CPU each (${(1000 / cpuMs).toFixed(1)}/s per core), `
    + `${((after.statements - before.statements) / COUNT).toFixed(2)} statements, ${((after.transactions - before.transactions) / COUNT).toFixed(2)} transactions`);
  console.log(`one argon2id verify: ${verifyMs.toFixed(1)} ms CPU; sign-in = ${(cpuMs / verifyMs).toFixed(2)}× verify`);
} finally {
  await server.stop();
}
