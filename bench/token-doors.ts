// Statements and server CPU per request for the token doors (not a test: run it by hand):
//   node_modules/.bin/node --import tsx bench/token-doors.ts
// A real server (startServer), stats() before and after each batch for statements, the server
// process's utime+stime from /proc for CPU. Prints one line per door.
import { readFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../tests/support/server.ts";
import { TestBrowser } from "../tests/support/browser.ts";
import { CALLBACK, PASSWORD } from "../tests/support/fixtures.ts";

const POOL = "local_Measure01";
const SECRET = "rotating-secret-0123456789abcdef";
const N = Number(process.env.N ?? 400);
const CODES = Number(process.env.CODES ?? 40);
const SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

const config = {
  pools: [{
    id: POOL, name: "Measure", signInAliases: ["email"], autoVerifiedAttributes: ["email"], mfa: "OFF",
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
    customAttributes: [{ name: "tier", type: "String", mutable: true }],
    groups: [{ name: "admins", precedence: 1, description: "", roleArn: "arn:aws:iam::123456789012:role/Admin" }, { name: "staff", precedence: 5, description: "" }],
    clients: [
      { clientId: "web", clientSecret: null, name: "web", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: SCOPES },
      { clientId: "rotating", clientSecret: SECRET, name: "rotating", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: SCOPES, refreshTokenRotation: true },
    ],
    users: [{ username: "m", password: PASSWORD, attributes: { email: "m@example.com", email_verified: "true", given_name: "M", "custom:tier": "gold" }, groups: ["staff", "admins"] }],
  }],
};

const ticks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
};

async function measure(server: RunningServer, label: string, count: number, one: (i: number) => Promise<void>, concurrency = 4) {
  await one(-1); // warm
  const before = await server.stats();
  const t0 = ticks(server.pid()!);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await one(next++);
  }));
  const t1 = ticks(server.pid()!);
  const after = await server.stats();
  const statements = (after.statements - before.statements) / count;
  const ms = ((t1 - t0) * 10) / count;
  console.log(`${label}: ${statements.toFixed(2)} statements, ${ms.toFixed(2)} ms CPU per request (${count} requests, ≈${(1000 / ms).toFixed(0)}/s per core)`);
}

async function token(issuer: string, params: Record<string, string>, secret?: string) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (secret) headers.authorization = `Basic ${Buffer.from(`rotating:${secret}`).toString("base64")}`;
  const res = await fetch(`${issuer}/oauth2/token`, { method: "POST", headers, body: new URLSearchParams(params) });
  const body = (await res.json()) as Record<string, string>;
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

async function code(server: RunningServer, issuer: string) {
  const verifier = randomBytes(32).toString("base64url");
  const query = new URLSearchParams({
    client_id: "web", response_type: "code", scope: "openid email profile", redirect_uri: CALLBACK, state: "s",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256",
  });
  const browser = new TestBrowser(server.url);
  const done = await browser.submit(await browser.request(`${issuer}/oauth2/authorize?${query}`), { login: "m@example.com", password: PASSWORD });
  return { code: new URL(done.url).searchParams.get("code")!, verifier };
}

const server = await startServer({ config });
try {
  const issuer = `${server.url}/${POOL}`;
  const first = await code(server, issuer);
  const tokens = await token(issuer, { grant_type: "authorization_code", client_id: "web", code: first.code, code_verifier: first.verifier, redirect_uri: CALLBACK });

  await measure(server, "refresh_token (no rotation)", N, async () => {
    await token(issuer, { grant_type: "refresh_token", client_id: "web", refresh_token: tokens.refresh_token! });
  });

  await measure(server, "userInfo", N * 2, async () => {
    const res = await fetch(`${issuer}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  });

  // Rotation: each chain is sequential; four chains in parallel.
  const rotating: string[] = [];
  for (let i = 0; i < 5; i++) {
    const verifier = randomBytes(32).toString("base64url");
    const query = new URLSearchParams({ client_id: "rotating", response_type: "code", scope: "openid email profile", redirect_uri: CALLBACK, state: "s", code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256" });
    const browser = new TestBrowser(server.url);
    const done = await browser.submit(await browser.request(`${issuer}/oauth2/authorize?${query}`), { login: "m@example.com", password: PASSWORD });
    const t = await token(issuer, { grant_type: "authorization_code", code: new URL(done.url).searchParams.get("code")!, code_verifier: verifier, redirect_uri: CALLBACK }, SECRET);
    rotating.push(t.refresh_token!);
  }
  // One request at a time: two requests with one chain's token would be reuse (and end the chain).
  let turn = 0;
  await measure(server, "refresh_token (rotation)", N / 2, async () => {
    const i = turn++ % rotating.length;
    const t = await token(issuer, { grant_type: "refresh_token", refresh_token: rotating[i]! }, SECRET);
    rotating[i] = t.refresh_token!;
  }, 1);

  const codes: { code: string; verifier: string }[] = [];
  for (let i = 0; i < CODES + 1; i++) codes.push(await code(server, issuer));
  await measure(server, "authorization_code exchange", CODES, async (i) => {
    const c = codes[i + 1]!;
    await token(issuer, { grant_type: "authorization_code", client_id: "web", code: c.code, code_verifier: c.verifier, redirect_uri: CALLBACK });
  });
} finally {
  await server.stop();
}
