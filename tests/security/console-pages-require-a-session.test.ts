// Every console route, asked without a session, answers without any console data: not in the body
// of its redirect, not in its RSC payload, not in a header (issue 8, item 0). Next.js renders a
// layout and its pages in parallel, so a check in the layout alone let pages stream their data.
// The routes are read from the app/admin folder tree, so a page added later is checked too.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { testConfig } from "../support/fixtures.ts";
import { readOutbox } from "../support/oauth.ts";

const APP_ADMIN = path.resolve("app/admin");

let server: RunningServer;
/** What an anonymous response must never contain, by what it is. */
const secrets: Record<string, string> = {};
/** The values the dynamic segments of the routes are filled with. */
const segments: Record<string, string> = {};

before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  const api = apiClient(server.url, await createApiKey(server.url, "leak-key-q7zk"));

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field by the assertions
  const ok = async (result: Promise<{ status: number; body: any }>) => {
    const { status, body } = await result;
    assert.ok(status >= 200 && status < 300, `${status} ${JSON.stringify(body)}`);
    return body;
  };
  const pool = await ok(api("POST", "/pools", { id: "local_LeakQ7zk1", name: "Leakproof Pool Q7zk", signInAliases: ["email"], autoVerifiedAttributes: ["email"] }));
  const user = await ok(api("POST", `/pools/${pool.id}/users`, { attributes: { email: "zelda.q7zk@leak.example", email_verified: "true", given_name: "Quillonq7zk" }, sendInvitation: true }));
  const client = await ok(api("POST", `/pools/${pool.id}/clients`, { name: "Leaky App Q7zk", callbackUrls: ["https://app.q7zk.example/callback"], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"] }));
  await ok(api("POST", `/pools/${pool.id}/groups`, { name: "leak-group-q7zk", description: "Group description q7zk" }));
  await ok(api("POST", `/pools/${pool.id}/resource-servers`, { identifier: "https://api.q7zk.example", name: "Resource q7zk", scopes: [{ name: "read", description: "Read q7zk" }] }));
  const branding = await ok(api("GET", `/pools/${pool.id}/branding`));
  await ok(api("PUT", `/pools/${pool.id}/branding/draft`, { ...branding.draft, texts: { ...branding.draft.texts, signInTitle: "Branded title q7zk" } }));
  const identityPool = await ok(api("POST", "/identity-pools", {
    name: "Leaky identities q7zk", allowUnauthenticatedIdentities: true, providers: [{ poolId: pool.id, clientId: client.client.clientId }],
    developerProviderName: "login.q7zk.example", roles: { unauthenticated: "arn:aws:iam::123456789012:role/GuestQ7zk" },
  }));
  await ok(api("POST", "/authorizers", {
    name: "leaky-q7zk", type: "COGNITO_USER_POOLS", poolIds: [pool.id], rules: [{ path: "/q7zk-secret/*", groups: ["leak-group-q7zk"] }],
  }));
  // The invitation is in the outbox (its temporary password with it), and every change above is in the audit log.
  const [invitation] = await readOutbox(server.url, "zelda.q7zk@leak.example");
  assert.ok(invitation, "the invitation was kept in the outbox");

  Object.assign(segments, { poolId: pool.id, clientId: client.client.clientId, username: user.user.username, page: "login", identityPoolId: identityPool.id, name: "leaky-q7zk" });
  Object.assign(secrets, {
    "pool id": pool.id,
    "pool name": "Leakproof Pool Q7zk",
    "user email": "zelda.q7zk@leak.example",
    "user name": "Quillonq7zk",
    username: user.user.username,
    "client id": client.client.clientId,
    "client name": "Leaky App Q7zk",
    group: "leak-group-q7zk",
    "resource server": "Resource q7zk",
    branding: "Branded title q7zk",
    "admin email": ADMIN_EMAIL,
    "API key name": "leak-key-q7zk",
    "outbox subject": invitation.subject,
    "temporary password": user.temporaryPassword,
    "identity pool id": identityPool.id,
    "identity pool name": "Leaky identities q7zk",
    "developer provider": "login.q7zk.example",
    "role ARN": "arn:aws:iam::123456789012:role/GuestQ7zk",
    "authorizer name": "leaky-q7zk",
    "authorizer rule": "/q7zk-secret/",
  });
});
after(async () => {
  await server?.stop();
});

type RouteFile = { file: string; kind: string; url: string };

/** Every page and route handler under app/admin, with its URL (dynamic segments filled in). */
function consoleRoutes(dir = APP_ADMIN, url = "/admin"): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue; // private folder: not a route
      // Route groups and parallel-route slots add nothing to the URL.
      if (/^\(.*\)$/.test(entry.name) || entry.name.startsWith("@")) {
        found.push(...consoleRoutes(full, url));
        continue;
      }
      const dynamic = /^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/.exec(entry.name);
      let segment = entry.name;
      if (dynamic) {
        const value = segments[dynamic[1]!];
        assert.ok(value, `${path.relative(process.cwd(), full)}: give this test a value for [${dynamic[1]}]`);
        segment = encodeURIComponent(value);
      }
      found.push(...consoleRoutes(full, `${url}/${segment}`));
    } else {
      const kind = /^(page|route)\.(tsx?|jsx?)$/.exec(entry.name)?.[1];
      if (kind) found.push({ file: path.relative(process.cwd(), full), kind, url });
    }
  }
  return found;
}

/** The ways a browser (or Next.js's client router) asks for a page. */
const VARIANTS: { name: string; method: string; query?: string; headers: Record<string, string> }[] = [
  { name: "GET", method: "GET", headers: { accept: "text/html" } },
  { name: "HEAD", method: "HEAD", headers: {} },
  { name: "RSC", method: "GET", headers: { rsc: "1" } },
  { name: "RSC ?_rsc", method: "GET", query: "_rsc=q7zk1", headers: { rsc: "1" } },
  { name: "RSC prefetch", method: "GET", query: "_rsc=q7zk2", headers: { rsc: "1", "next-router-prefetch": "1" } },
  { name: "?_rsc alone", method: "GET", query: "_rsc=q7zk3", headers: {} },
  { name: "RSC with a router state", method: "GET", headers: { rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["admin", { children: ["__PAGE__", {}] }] }, null, null, true])) } },
];

test("the route list covers the console (pages, nested layouts' pages, preview, set-up, sign-in)", () => {
  const urls = consoleRoutes().map((r) => r.url);
  for (const expected of ["/admin", "/admin/audit", "/admin/api-keys", `/admin/pools/${segments.poolId}/users`, `/admin/pools/${segments.poolId}/clients/${segments.clientId}`, `/admin/preview/${segments.poolId}/login`, "/admin/setup", `/admin/identity-pools/${encodeURIComponent(segments.identityPoolId!)}`, "/admin/authorizers/leaky-q7zk"])
    assert.ok(urls.includes(expected), `${expected} is among ${urls.join(", ")}`);
});

test("no console route shows pool, user, client, outbox or audit data to a request without a session", async () => {
  const leaks: string[] = [];
  const routes = consoleRoutes();
  for (const route of routes) {
    // The URL itself names its own pool, client or user; those cannot be kept from it.
    const decodedUrl = decodeURIComponent(route.url);
    const forbidden = Object.entries(secrets).filter(([, value]) => !decodedUrl.includes(value));
    for (const variant of VARIANTS) {
      const url = `${server.url}${route.url}${variant.query ? `?${variant.query}` : ""}`;
      const response = await fetch(url, { method: variant.method, headers: variant.headers, redirect: "manual" });
      const body = await response.text();
      const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
      for (const [what, value] of forbidden) {
        if (body.includes(value)) leaks.push(`${variant.name} ${route.url} (${route.file}): the ${what} is in the body (${response.status})`);
        if (headers.includes(value)) leaks.push(`${variant.name} ${route.url} (${route.file}): the ${what} is in a header`);
      }
      // Nothing but the sign-in, the set-up and their redirects answers a stranger.
      if (response.status === 200) assert.match(route.url, /^\/admin\/(sign-in|setup)$/, `${variant.name} ${route.url} answered 200 without a session`);
    }
  }
  assert.deepEqual(leaks, []);
});

test("every console page, layout and route handler asks for the admin itself and gets its data only through that check", () => {
  const problems: string[] = [];
  const publicParts = [/^app\/admin\/layout\.tsx$/, /^app\/admin\/(setup|sign-in)\//, /^app\/admin\/require-admin\.ts$/];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|jsx?)$/.test(entry.name) && !/\.test\./.test(entry.name)) {
        const file = path.relative(process.cwd(), full).split(path.sep).join("/");
        if (publicParts.some((p) => p.test(file))) continue;
        const source = readFileSync(full, "utf8");
        // The runtime (and with it the database) comes from requireAdmin(), never around it.
        if (/from ["']@\/lib\/runtime(\.ts)?["']/.test(source)) problems.push(`${file} imports the runtime; take it from requireAdmin()`);
        if (/^(page|layout|route|template|default)\./.test(entry.name) && !/\bawait requireAdmin\(\)/.test(source))
          problems.push(`${file} does not call requireAdmin()`);
      }
    }
  };
  walk(APP_ADMIN);
  assert.deepEqual(problems, []);
});
