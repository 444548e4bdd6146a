// PostgreSQL stopped and started again under a running Gatehouse: while it is down every front door
// (discovery, token endpoint, hosted pages, admin API, health) answers a fast 503 with Retry-After —
// JSON for APIs, a page for browsers, never a stack — and once it is back everything works again
// without restarting Gatehouse. The database is a server of the test's own: the machine's shared
// one is never stopped.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { startPostgres, type PostgresInstance } from "../support/postgres-instance.ts";
import { TestBrowser } from "../support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { CALLBACK, MACHINE_SECRET, PASSWORD, POOL, USERNAME_POOL, testConfig } from "../support/fixtures.ts";
import { pkceAuthorizeRequest } from "../support/oauth.ts";

let postgres: PostgresInstance;
let server: RunningServer;
let api: ReturnType<typeof apiClient>;

before(async () => {
  postgres = await startPostgres();
  server = await startServer({ config: testConfig(), databaseServer: postgres.url, env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url, "outage"));
});
after(async () => {
  try {
    postgres?.start(); // the test database is dropped through it
  } catch {
    // already running
  }
  await server?.stop();
  postgres?.destroy();
});

type Answer = { status: number; type: string; retryAfter: string | null; body: string; ms: number };

async function ask(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", retryAfter: response.headers.get("retry-after"), body, ms: Date.now() - started };
}

const tokenRequest = () => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`machine:${MACHINE_SECRET}`).toString("base64")}` },
  body: new URLSearchParams({ grant_type: "client_credentials", scope: "https://api.example.com/read" }),
});

/** A clear 503: fast, with Retry-After, JSON or a page, no stack trace. */
function assertUnavailable(what: string, answer: Answer, kind: "json" | "html") {
  assert.equal(answer.status, 503, `${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  assert.ok(answer.ms < 3000, `${what} answered in ${answer.ms} ms: it must fail fast`);
  assert.ok(Number(answer.retryAfter) > 0, `${what} says when to retry`);
  assert.match(answer.type, kind === "json" ? /^application\/json/ : /^text\/html/, what);
  assert.doesNotMatch(answer.body, /\n\s+at |node_modules|Prisma/, `${what} shows no stack or internals`);
}

test("while PostgreSQL is down every door answers a fast 503, and all recover when it is back, without a restart", async () => {
  // Before the outage: a sign-in is under way, and the first pool's provider is loaded.
  const browser = new TestBrowser(server.url);
  const login = await browser.request(pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web" }).url);
  assert.match(login.url, /\/login$/);
  assert.equal((await ask(`${server.url}/${POOL}/.well-known/openid-configuration`)).status, 200);
  assert.equal((await ask(`${server.url}/${POOL}/oauth2/token`, tokenRequest())).status, 200);

  postgres.stop();

  const health = await ask(`${server.url}/api/health`);
  assertUnavailable("/api/health", health, "json");
  assert.equal(JSON.parse(health.body).status, "unavailable");

  const token = await ask(`${server.url}/${POOL}/oauth2/token`, tokenRequest());
  assertUnavailable("the token endpoint", token, "json");
  assert.equal(JSON.parse(token.body).error, "temporarily_unavailable");

  // A pool whose provider was never loaded needs the database for its discovery document; one
  // that is loaded serves it from memory, so relying parties can still verify tokens.
  const unloaded = await ask(`${server.url}/${USERNAME_POOL}/.well-known/openid-configuration`);
  assertUnavailable("discovery of a pool not yet loaded", unloaded, "json");
  assert.equal(JSON.parse(unloaded.body).error, "temporarily_unavailable");
  assert.equal((await ask(`${server.url}/${POOL}/.well-known/openid-configuration`)).status, 200);
  assert.equal((await ask(`${server.url}/${POOL}/.well-known/jwks.json`)).status, 200);

  const html = { accept: "text/html,application/xhtml+xml", cookie: browser.cookieHeader() };
  const page = await ask(login.url, { headers: html });
  assertUnavailable("the hosted login page", page, "html");
  assert.match(page.body, /briefly unavailable/);
  const action = new URL(/<form[^>]*action="([^"]+)"/.exec(login.html)![1]!.replace(/&amp;/g, "&"), login.url);
  const csrf = /name="csrf" value="([^"]+)"/.exec(login.html)![1]!;
  const post = await ask(action.toString(), {
    method: "POST",
    headers: { ...html, "content-type": "application/x-www-form-urlencoded", origin: server.url },
    body: new URLSearchParams({ csrf, login: "alice@example.com", password: PASSWORD }),
  });
  assertUnavailable("the hosted login form's post", post, "html");
  const authorize = await ask(pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web" }).url, { headers: { accept: "text/html" } });
  assertUnavailable("the authorization endpoint", authorize, "html");
  const console_ = await ask(`${server.url}/admin`, { headers: { accept: "text/html" } });
  assertUnavailable("the console", console_, "html");

  const admin = await api("GET", "/pools");
  assert.equal(admin.status, 503);
  assert.equal(admin.body.error.code, "ServiceUnavailableException");

  postgres.start();

  // Back without a restart: health turns green by itself within seconds, then every door works.
  const deadline = Date.now() + 15_000;
  let healthy = await ask(`${server.url}/api/health`);
  while (healthy.status !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    healthy = await ask(`${server.url}/api/health`);
  }
  assert.equal(healthy.status, 200, `health after the database came back: ${healthy.body}`);
  assert.equal((await ask(`${server.url}/${POOL}/oauth2/token`, tokenRequest())).status, 200);
  assert.equal((await ask(`${server.url}/${USERNAME_POOL}/.well-known/openid-configuration`)).status, 200);
  assert.equal((await api("GET", "/pools")).status, 200);
  // The sign-in begun before the outage finishes.
  const done = await browser.submit(login, { login: "alice@example.com", password: PASSWORD });
  assert.ok(done.url.startsWith(CALLBACK) && new URL(done.url).searchParams.has("code"), `ended at ${done.url}`);

  assert.doesNotMatch(server.output(), /error on (GET|POST)|oidc server error|admin API .* failed/, "the outage logged no stack traces");
  assert.match(server.output(), /database unavailable .*answering 503/);
  assert.match(server.output(), /database reachable again/);
});
