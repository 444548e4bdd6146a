// Tokens and claims stay byte-for-byte the same, whichever door they leave by: the JWT header and
// payload of every token (hosted-UI code exchange, refresh_token with and without rotation,
// client_credentials, the Cognito API's USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH) and the userInfo
// answer are compared, as the exact text the server sent, with a fixture generated from the code
// before a change. Only values that differ on every run (times, ids, hashes, the port) are replaced,
// in place, by placeholders; key order and every other byte are compared.
//
// Regenerate the fixture (only when a token change is intended): UPDATE_TOKEN_FIXTURE=1.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser, flashOf } from "../support/browser.ts";
import { CALLBACK, PASSWORD } from "../support/fixtures.ts";
import { sdkClient } from "../support/cognito-api.ts";

const POOL = "local_Golden001";
const ROTATING_SECRET = "rotating-secret-0123456789abcdef";
const MACHINE_SECRET = "machine-secret-0123456789abcdef";
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "tokens-unchanged.json");
const FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"];
const SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin", "https://api.example.com/read"];

function config() {
  return {
    pools: [
      {
        id: POOL,
        name: "Golden",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        mfa: "OFF",
        passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
        customAttributes: [
          { name: "tier", type: "String", mutable: true },
          { name: "tenant", type: "String", mutable: false },
        ],
        resourceServers: [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "read", description: "Read things" }, { name: "write", description: "Write things" }] }],
        groups: [
          { name: "admins", precedence: 1, description: "", roleArn: "arn:aws:iam::123456789012:role/Admin" },
          { name: "staff", precedence: 5, description: "", roleArn: "arn:aws:iam::123456789012:role/Staff" },
          { name: "readers", description: "" },
          { name: "auditors", description: "" },
        ],
        clients: [
          // Public, no rotation, reads only some attributes.
          {
            clientId: "web", clientSecret: null, name: "Golden web", callbackUrls: [CALLBACK], logoutUrls: ["http://localhost:4000/"],
            allowedOAuthFlows: ["code"], allowedScopes: SCOPES, explicitAuthFlows: FLOWS,
            readAttributes: ["email", "email_verified", "phone_number", "phone_number_verified", "given_name", "custom:tier"],
          },
          // Confidential, rotates refresh tokens, reads everything, other token lifetimes.
          {
            clientId: "rotating", clientSecret: ROTATING_SECRET, name: "Golden server app", callbackUrls: [CALLBACK], logoutUrls: ["http://localhost:4000/"],
            allowedOAuthFlows: ["code"], allowedScopes: SCOPES, explicitAuthFlows: FLOWS, refreshTokenRotation: true,
            accessTokenValidity: 600, idTokenValidity: 900,
          },
          { clientId: "machine", clientSecret: MACHINE_SECRET, name: "Golden worker", allowedOAuthFlows: ["client_credentials"], allowedScopes: ["https://api.example.com/read"] },
        ],
        users: [
          {
            username: "gold", password: PASSWORD,
            attributes: {
              email: "gold@example.com", email_verified: "true", phone_number: "+15550100001", phone_number_verified: "true",
              given_name: "Goldie", family_name: "Standard", locale: "en-GB", "custom:tier": "platinum", "custom:tenant": "acme",
            },
            groups: ["readers", "staff", "auditors", "admins"],
          },
        ],
      },
    ],
  };
}

let server: RunningServer;
let issuer: string;

before(async () => {
  server = await startServer({ config: config() });
  issuer = `${server.url}/${POOL}`;
});
after(async () => {
  await server?.stop();
});

/** Values that differ on every run, by key; `sub` only when it is a user id (a client's sub is its client id). */
const VOLATILE = new Set(["iat", "exp", "auth_time", "jti", "origin_jti", "sub", "event_id", "at_hash", "c_hash", "s_hash", "kid", "device_key", "sid", "nbf"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The text with volatile values replaced in place. Each distinct value gets one numbered
 * placeholder (`<jti#2>`), so values that must be equal (a token's origin_jti and the next one's)
 * still have to be; `exp` is written relative to the same payload's `iat`.
 */
class Placeholders {
  private readonly names = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  name(kind: string, value: string): string {
    const key = `${kind}\u0000${value}`;
    let name = this.names.get(key);
    if (!name) {
      const n = (this.counts.get(kind) ?? 0) + 1;
      this.counts.set(kind, n);
      this.names.set(key, (name = `<${kind}#${n}>`));
    }
    return name;
  }

  /** userInfo's "status body": the body's volatile values replaced. */
  userInfo(answer: string): string {
    const space = answer.indexOf(" ");
    return `${answer.slice(0, space)} ${this.json(answer.slice(space + 1))}`;
  }

  /** Replaces the values of volatile keys in JSON text, keeping every other byte. */
  json(text: string): string {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const iat = typeof parsed.iat === "number" ? parsed.iat : null;
    let out = text.replaceAll(`localhost:${server.port}`, "localhost:<port>");
    out = out.replace(/"([\w:]+)":("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g, (whole, key: string, raw: string) => {
      if (!VOLATILE.has(key)) return whole;
      const value = JSON.parse(raw) as string | number;
      if (key === "sub" && !(typeof value === "string" && UUID.test(value))) return whole;
      if (key === "exp" && iat !== null && typeof value === "number") return `"${key}":"<iat+${value - iat}>"`;
      if (key === "iat" || key === "auth_time" || key === "nbf") return `"${key}":"<${key}>"`;
      return `"${key}":"${this.name(key === "origin_jti" ? "grant" : key, String(value))}"`;
    });
    return out;
  }

  /** A JWT's header and payload as the exact JSON text it carries. */
  jwt(token: string): { header: string; payload: string } {
    const [header, payload] = token.split(".");
    const text = (part: string) => Buffer.from(part, "base64url").toString("utf8");
    return { header: this.json(text(header!)), payload: this.json(text(payload!)) };
  }

  /** A token endpoint's answer: its keys in order, the opaque and JWT values named. */
  tokenResponse(text: string): string {
    return text.replace(/"(access_token|id_token|refresh_token)":"([^"]+)"/g, (_w, key: string, value: string) => `"${key}":"${this.name(key, value)}"`);
  }
}

async function tokenEndpoint(params: Record<string, string>, client?: { id: string; secret: string }): Promise<{ text: string; body: Record<string, string> }> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (client) headers.authorization = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`;
  const res = await fetch(`${issuer}/oauth2/token`, { method: "POST", headers, body: new URLSearchParams(params) });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return { text, body: JSON.parse(text) as Record<string, string> };
}

/** The hosted sign-in with PKCE and a nonce: the code at the callback. */
async function signInForCode(clientId: string, scope: string): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString("base64url");
  const query = new URLSearchParams({
    client_id: clientId, response_type: "code", scope, redirect_uri: CALLBACK, state: "golden-state", nonce: "golden-nonce",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256",
  });
  const browser = new TestBrowser(server.url);
  const page = await browser.request(`${issuer}/oauth2/authorize?${query}`);
  const done = await browser.submit(page, { login: "gold@example.com", password: PASSWORD });
  assert.ok(done.url.startsWith(CALLBACK), `expected the callback, got ${done.url}: ${flashOf(done)}`);
  const code = new URL(done.url).searchParams.get("code");
  assert.ok(code);
  return { code, verifier };
}

/** userInfo's answer as text: the status, then the body (the Cognito API's tokens lack openid: a 403). */
async function userInfo(accessToken: string): Promise<string> {
  const res = await fetch(`${issuer}/oauth2/userInfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  return `${res.status} ${await res.text()}`;
}

const secretHash = (username: string, clientId: string, secret: string) => createHmac("sha256", secret).update(username + clientId).digest("base64");

test("tokens, claims and userInfo answers are the same as the fixture's", async () => {
  const p = new Placeholders();
  const out: Record<string, unknown> = {};
  const tokensOf = (answer: Record<string, string | undefined>) => ({
    ...(answer.access_token ? { access: p.jwt(answer.access_token) } : {}),
    ...(answer.id_token ? { id: p.jwt(answer.id_token) } : {}),
  });
  const rotating = { id: "rotating", secret: ROTATING_SECRET };

  // Hosted UI, public client: code exchange, then refresh without rotation, then userInfo of each access token.
  const web = await signInForCode("web", "openid email phone profile https://api.example.com/read");
  const webCode = await tokenEndpoint({ grant_type: "authorization_code", client_id: "web", code: web.code, code_verifier: web.verifier, redirect_uri: CALLBACK });
  out["web: authorization_code"] = { response: p.tokenResponse(webCode.text), ...tokensOf(webCode.body), userInfo: p.userInfo(await userInfo(webCode.body.access_token!)) };
  const webRefresh = await tokenEndpoint({ grant_type: "refresh_token", client_id: "web", refresh_token: webCode.body.refresh_token! });
  out["web: refresh_token"] = { response: p.tokenResponse(webRefresh.text), ...tokensOf(webRefresh.body), userInfo: p.userInfo(await userInfo(webRefresh.body.access_token!)) };

  // Hosted UI, confidential client with rotation and aws.cognito.signin.user.admin.
  const conf = await signInForCode("rotating", "openid email profile aws.cognito.signin.user.admin");
  const confCode = await tokenEndpoint({ grant_type: "authorization_code", code: conf.code, code_verifier: conf.verifier, redirect_uri: CALLBACK }, rotating);
  out["rotating: authorization_code"] = { response: p.tokenResponse(confCode.text), ...tokensOf(confCode.body), userInfo: p.userInfo(await userInfo(confCode.body.access_token!)) };
  const confRefresh = await tokenEndpoint({ grant_type: "refresh_token", refresh_token: confCode.body.refresh_token! }, rotating);
  out["rotating: refresh_token (rotated)"] = { response: p.tokenResponse(confRefresh.text), ...tokensOf(confRefresh.body), userInfo: p.userInfo(await userInfo(confRefresh.body.access_token!)) };
  const confRefresh2 = await tokenEndpoint({ grant_type: "refresh_token", refresh_token: confRefresh.body.refresh_token! }, rotating);
  out["rotating: refresh_token (rotated twice)"] = { response: p.tokenResponse(confRefresh2.text), ...tokensOf(confRefresh2.body) };

  // client_credentials.
  const machine = await tokenEndpoint({ grant_type: "client_credentials", scope: "https://api.example.com/read" }, { id: "machine", secret: MACHINE_SECRET });
  out["machine: client_credentials"] = { response: p.tokenResponse(machine.text), ...tokensOf(machine.body) };

  // The Cognito API, through the AWS SDK.
  const sdk = sdkClient(server);
  const apiTokens = (r: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string } | undefined) => {
    assert.ok(r?.AccessToken && r.IdToken);
    return {
      result: { ExpiresIn: r.ExpiresIn, TokenType: r.TokenType, RefreshToken: r.RefreshToken ? p.name("refresh_token", r.RefreshToken) : null },
      access: p.jwt(r.AccessToken), id: p.jwt(r.IdToken),
    };
  };
  const apiWeb = await sdk.send(new InitiateAuthCommand({ ClientId: "web", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gold@example.com", PASSWORD } }));
  out["web: InitiateAuth USER_PASSWORD_AUTH"] = { ...apiTokens(apiWeb.AuthenticationResult), userInfo: p.userInfo(await userInfo(apiWeb.AuthenticationResult!.AccessToken!)) };
  const apiWebRefresh = await sdk.send(new InitiateAuthCommand({ ClientId: "web", AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: apiWeb.AuthenticationResult!.RefreshToken! } }));
  out["web: InitiateAuth REFRESH_TOKEN_AUTH"] = { ...apiTokens(apiWebRefresh.AuthenticationResult), userInfo: p.userInfo(await userInfo(apiWebRefresh.AuthenticationResult!.AccessToken!)) };
  const apiConf = await sdk.send(new InitiateAuthCommand({
    ClientId: "rotating", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gold@example.com", PASSWORD, SECRET_HASH: secretHash("gold@example.com", "rotating", ROTATING_SECRET) },
  }));
  out["rotating: InitiateAuth USER_PASSWORD_AUTH"] = apiTokens(apiConf.AuthenticationResult);
  const sub = (JSON.parse(Buffer.from(apiConf.AuthenticationResult!.AccessToken!.split(".")[1]!, "base64url").toString()) as { username: string }).username;
  const apiConfRefresh = await sdk.send(new InitiateAuthCommand({
    ClientId: "rotating", AuthFlow: "REFRESH_TOKEN_AUTH",
    AuthParameters: { REFRESH_TOKEN: apiConf.AuthenticationResult!.RefreshToken!, SECRET_HASH: secretHash(sub, "rotating", ROTATING_SECRET) },
  }));
  out["rotating: InitiateAuth REFRESH_TOKEN_AUTH (rotated)"] = apiTokens(apiConfRefresh.AuthenticationResult);
  // A refresh token from the Cognito API, redeemed at the token endpoint.
  const crossed = await tokenEndpoint({ grant_type: "refresh_token", client_id: "web", refresh_token: apiWebRefresh.AuthenticationResult!.RefreshToken ?? apiWeb.AuthenticationResult!.RefreshToken! });
  out["web: InitiateAuth's refresh token at /oauth2/token"] = { response: p.tokenResponse(crossed.text), ...tokensOf(crossed.body) };

  const actual = `${JSON.stringify(out, null, 2)}\n`;
  if (process.env.UPDATE_TOKEN_FIXTURE === "1") {
    writeFileSync(FIXTURE, actual);
    return;
  }
  const expected = readFileSync(FIXTURE, "utf8");
  // Entry by entry first, for a readable difference; then the whole text.
  const want = JSON.parse(expected) as Record<string, unknown>;
  const got = JSON.parse(actual) as Record<string, unknown>;
  assert.deepEqual(Object.keys(got), Object.keys(want));
  for (const door of Object.keys(want)) assert.deepEqual(got[door], want[door], door);
  assert.equal(actual, expected);
});
