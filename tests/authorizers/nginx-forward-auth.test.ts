// Debian's nginx with `auth_request` in front of a small API, asking Gatehouse's
// /authorizers/{name} about each request, as the README sets it up: every reason a token is
// refused (401, named in WWW-Authenticate), the rules' 403s, a 200 whose X-Gatehouse-* headers
// reach the API, a token refused right after sign-out and after its user is disabled, and
// SigV4-signed requests through an AWS_IAM authorizer. Tokens come from the real server.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { AdminDisableUserCommand, CognitoIdentityProviderClient, GlobalSignOutCommand } from "@aws-sdk/client-cognito-identity-provider";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from "jose";
import pg from "pg";
import { createSecrets } from "../../lib/security/secrets.ts";
import { ADMIN_ENV, createSigningKey } from "../support/cognito-admin.ts";
import {
  APP_USER_ROLE, AUTHZ_POOL, GUEST_ROLE, IDENTITY_POOL, MACHINE_SECRET, OTHER_IDENTITY_POOL, WRITE_SCOPE,
  forwardAuthConfig, forwardAuthServer, signIn, startEchoApi, startProxy, type EchoApi, type RunningProxy,
} from "../support/forward-auth.ts";
import { freePort, startServer, type RunningServer } from "../support/server.ts";

let server: RunningServer;
let api: EchoApi;
let proxy: RunningProxy;
let orders: string;
let files: string;
let filesHost: string;

before(async () => {
  server = await startServer({ config: forwardAuthConfig(["carol", "dave"]), env: ADMIN_ENV });
  api = await startEchoApi();
  const [p1, p2] = [await freePort(), await freePort()];
  proxy = await startProxy(
    [
      forwardAuthServer({ listen: p1, gatehouse: server.url, authorizer: "orders", api: api.port }),
      forwardAuthServer({ listen: p2, gatehouse: server.url, authorizer: "files", api: api.port }),
    ],
    [p1, p2],
  );
  orders = `http://127.0.0.1:${p1}`;
  filesHost = `127.0.0.1:${p2}`;
  files = `http://${filesHost}`;
});
after(async () => {
  await proxy?.stop();
  await api?.stop();
  await server?.stop();
});

const call = (url: string, token?: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });

/** The reason the authorizer named, as nginx passes it on: WWW-Authenticate's error_description. */
async function refusedFor(url: string, token: string | undefined, reason: RegExp, init: RequestInit = {}) {
  const res = await call(url, token, init);
  await res.text();
  assert.equal(res.status, 401, `${url}: ${proxy.errors().slice(-500)}`);
  const challenge = res.headers.get("www-authenticate") ?? "";
  assert.match(challenge, /^Bearer realm="gatehouse"/);
  assert.match(challenge, reason);
  return challenge;
}

/** A token signed with the pool's own current key (read from the database, decrypted with GATEHOUSE_SECRET). */
async function signWithPoolKey(claims: Record<string, unknown>): Promise<string> {
  const db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  const { rows } = await db.query<{ kid: string; privateJwkEnc: string }>(`SELECT kid, "privateJwkEnc" FROM "SigningKey" WHERE "poolId" = $1 AND status = 'active'`, [AUTHZ_POOL]);
  await db.end();
  const jwk = JSON.parse(createSecrets(server.shared.GATEHOUSE_SECRET).decrypt(rows[0]!.privateJwkEnc)) as JWK;
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: rows[0]!.kid }).sign(await importJWK(jwk, "RS256"));
}

describe("COGNITO_USER_POOLS behind nginx auth_request", () => {
  test("a valid access token passes, and the API gets who it is in X-Gatehouse-* headers", async () => {
    const { accessToken } = await signIn(server, "alice");
    const res = await call(`${orders}/orders/42?expand=1`, accessToken);
    assert.equal(res.status, 200, proxy.errors());
    const echoed = (await res.json()) as { url: string; headers: Record<string, string> };
    assert.equal(echoed.url, "/orders/42?expand=1");
    const claims = decodeJwt(accessToken);
    assert.equal(echoed.headers["x-gatehouse-sub"], claims.sub);
    assert.equal(echoed.headers["x-gatehouse-username"], "alice");
    assert.equal(echoed.headers["x-gatehouse-groups"], "staff");
    assert.equal(echoed.headers["x-gatehouse-scopes"], "aws.cognito.signin.user.admin");
    assert.equal(echoed.headers["x-gatehouse-client-id"], "spa");
    assert.deepEqual(JSON.parse(Buffer.from(echoed.headers["x-gatehouse-claims"]!, "base64url").toString()), claims);
  });

  test("no token, or not a JWT: 401 naming it", async () => {
    const missing = await refusedFor(`${orders}/orders/1`, undefined, /error_description="No token was presented"/);
    assert.doesNotMatch(missing, /error=/, "RFC 6750: no error code when no token came");
    await refusedFor(`${orders}/orders/1`, "not-a-jwt", /error="invalid_token", error_description="The token is not a well-formed JWT"/);
  });

  test("a tampered payload fails its signature", async () => {
    const { accessToken } = await signIn(server, "alice");
    const [header, payload, signature] = accessToken.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), "cognito:groups": ["admins"] })).toString("base64url");
    await refusedFor(`${orders}/admin/x`, `${header}.${forged}.${signature}`, /The token's signature is invalid/);
  });

  test("an expired token, and one signed with a key the pool does not publish", async () => {
    const { accessToken } = await signIn(server, "alice");
    const claims = decodeJwt(accessToken);
    const now = Math.floor(Date.now() / 1000);
    await refusedFor(`${orders}/orders/1`, await signWithPoolKey({ ...claims, iat: now - 7200, exp: now - 3600 }), /The token has expired/);
    // The same claims and a real signature, by a key of the right shape that the pool never had.
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const stranger = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: randomUUID() }).sign(privateKey);
    assert.notEqual(decodeProtectedHeader(stranger).kid, decodeProtectedHeader(accessToken).kid);
    await refusedFor(`${orders}/orders/1`, stranger, /signed with a key that is not in the pool's JWKS/);
  });

  test("another pool's token, another client's, and an ID token where access tokens are required", async () => {
    await refusedFor(`${orders}/orders/1`, (await signIn(server, "erin", "elsewhere")).accessToken, /issued by a user pool this resource does not trust/);
    await refusedFor(`${orders}/orders/1`, (await signIn(server, "alice", "other")).accessToken, /issued to an app client this resource does not trust/);
    await refusedFor(`${orders}/orders/1`, (await signIn(server, "alice")).idToken, /wrong type \(token_use\)/);
  });

  test("a rule's scope missing, or its group: 403; met: 200", async () => {
    const alice = (await signIn(server, "alice")).accessToken;
    const post = { method: "POST", body: "{}", headers: { "content-type": "application/json" } };
    assert.equal((await call(`${orders}/orders/1`, alice, post)).status, 403, "POST /orders/* needs the write scope");
    assert.equal((await call(`${orders}/orders`, alice, post)).status, 403, "/orders/* covers /orders itself");
    assert.equal((await call(`${orders}/orders/1`, alice)).status, 200, "the rule is for POST only");
    assert.equal((await call(`${orders}/admin/users`, alice)).status, 403, "alice is staff, not admins");
    assert.equal((await call(`${orders}/orders/../admin/users`, alice)).status, 403, "a dot segment does not dodge the rule");
    assert.equal((await call(`${orders}/%61dmin/users`, alice)).status, 403, "nor an escape");
    assert.equal((await call(`${orders}/admin/users`, (await signIn(server, "bob")).accessToken)).status, 200);

    // The 403's reason, as the endpoint answers the proxy.
    const direct = await fetch(`${server.url}/authorizers/orders`, { headers: { authorization: `Bearer ${alice}`, "x-original-uri": "/orders/1", "x-original-method": "POST" } });
    assert.equal(direct.status, 403);
    assert.deepEqual(await direct.json(), { message: `The token lacks the scope ${WRITE_SCOPE} that /orders/* needs` });
    const group = await fetch(`${server.url}/authorizers/orders`, { headers: { authorization: `Bearer ${alice}`, "x-forwarded-uri": "/admin/users", "x-forwarded-method": "GET" } });
    assert.deepEqual(await group.json(), { message: "The user is not in the group admins that /admin/* needs" });

    const token = await fetch(`${server.url}/${AUTHZ_POOL}/oauth2/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`machine:${MACHINE_SECRET}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: WRITE_SCOPE }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const machine = await call(`${orders}/orders/1`, access_token, post);
    assert.equal(machine.status, 200, "a token with the write scope may POST");
    assert.equal(((await machine.json()) as { headers: Record<string, string> }).headers["x-gatehouse-scopes"], WRITE_SCOPE);
  });

  test("a token is refused right after GlobalSignOut, and right after AdminDisableUser, though it passed just before", async () => {
    const carol = await signIn(server, "carol");
    assert.equal((await call(`${orders}/orders/1`, carol.accessToken)).status, 200);
    const cognito = new CognitoIdentityProviderClient({ endpoint: server.url, region: "eu-west-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" }, maxAttempts: 1 });
    await cognito.send(new GlobalSignOutCommand({ AccessToken: carol.accessToken }));
    await refusedFor(`${orders}/orders/1`, carol.accessToken, /revoked or its user signed out/);

    const dave = await signIn(server, "dave");
    assert.equal((await call(`${orders}/orders/1`, dave.accessToken)).status, 200);
    const admin = await createSigningKey(server, "authorizer-tests");
    await admin.cognito.send(new AdminDisableUserCommand({ UserPoolId: AUTHZ_POOL, Username: "dave" }));
    // Disabling signs the user out everywhere too, so the grant is gone first.
    await refusedFor(`${orders}/orders/1`, dave.accessToken, /revoked or its user signed out|user is disabled/);
  });
});

describe("AWS_IAM behind nginx auth_request", () => {
  type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** Credentials as an app gets them: from /token-to-credentials, with alice's ID token (AppUser) or none (a guest). */
  async function credentials(identityPoolId: string, roleArn: string): Promise<Credentials> {
    const idToken = roleArn === APP_USER_ROLE ? (await signIn(server, "alice")).idToken : undefined;
    const res = await fetch(`${server.url}/token-to-credentials`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ identityPoolId, idToken }) });
    assert.equal(res.status, 200, await res.clone().text());
    const answer = (await res.json()) as { roleArn: string; credentials: Credentials };
    assert.equal(answer.roleArn, roleArn);
    return answer.credentials;
  }

  /** A request signed as API Gateway's clients sign (service execute-api), sent through nginx. */
  async function signedCall(options: { path: string; creds: Credentials; tamper?: boolean; query?: Record<string, string> }) {
    const signer = new SignatureV4({ service: "execute-api", region: "eu-west-1", sha256: Hash.bind(null, "sha256"), credentials: options.creds });
    const signed = await signer.sign(new HttpRequest({ method: "GET", protocol: "http:", hostname: "127.0.0.1", port: Number(filesHost.split(":")[1]), path: options.path, query: options.query ?? {}, headers: { host: filesHost } }));
    const headers = { ...(signed.headers as Record<string, string>) };
    delete headers.host;
    if (options.tamper) headers.authorization = headers.authorization!.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === "0" ? "1" : "0"}`);
    const search = new URLSearchParams(options.query ?? {}).toString();
    return fetch(`${files}${options.path}${search ? `?${search}` : ""}`, { headers });
  }

  test("a signature by identity-pool credentials passes; the API learns the identity and role", async () => {
    const creds = await credentials(IDENTITY_POOL, APP_USER_ROLE);
    const res = await signedCall({ path: "/private/report.pdf", creds, query: { version: "2" } });
    assert.equal(res.status, 200, proxy.errors().slice(-500));
    const { headers } = (await res.json()) as { headers: Record<string, string> };
    assert.equal(headers["x-gatehouse-role"], APP_USER_ROLE);
    assert.match(headers["x-gatehouse-identity-id"] ?? "", /^local:/);
    assert.equal(headers["x-gatehouse-sub"], headers["x-gatehouse-identity-id"]);
  });

  test("a tampered signature: 401; an unsigned request: 401; another identity pool's credentials: 401", async () => {
    assert.equal((await signedCall({ path: "/public/x", creds: await credentials(IDENTITY_POOL, APP_USER_ROLE), tamper: true })).status, 401);
    assert.equal((await fetch(`${files}/public/x`)).status, 401);
    assert.equal((await signedCall({ path: "/public/x", creds: await credentials(OTHER_IDENTITY_POOL, GUEST_ROLE) })).status, 401);
    const direct = await fetch(`${server.url}/authorizers/files`, { headers: { authorization: "AWS4-HMAC-SHA256 Credential=x" } });
    assert.equal(direct.status, 401);
    assert.deepEqual(await direct.json(), { message: "The security token included in the request is invalid." });
  });

  test("a signed POST with a body: its signed length and payload hash vouch for the body the authorizer never sees", async () => {
    const creds = await credentials(IDENTITY_POOL, APP_USER_ROLE);
    const body = JSON.stringify({ hello: "world" });
    const signer = new SignatureV4({ service: "execute-api", region: "eu-west-1", sha256: Hash.bind(null, "sha256"), credentials: creds });
    const signed = await signer.sign(new HttpRequest({
      method: "POST", protocol: "http:", hostname: "127.0.0.1", port: Number(filesHost.split(":")[1]), path: "/private/upload",
      headers: { host: filesHost, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }, body,
    }));
    assert.match(String(signed.headers.authorization), /SignedHeaders=content-length;content-type;host;x-amz-content-sha256;/);
    const headers = { ...(signed.headers as Record<string, string>) };
    delete headers.host;
    delete headers["content-length"];
    const res = await fetch(`${files}/private/upload`, { method: "POST", headers, body });
    assert.equal(res.status, 200, proxy.errors().slice(-500));
    const { headers: seen } = (await res.json()) as { headers: Record<string, string> };
    assert.equal(seen["x-gatehouse-role"], APP_USER_ROLE);
  });

  test("a role rule not met: 403; outside the rule any pool's role will do", async () => {
    const guest = await credentials(IDENTITY_POOL, GUEST_ROLE);
    assert.equal((await signedCall({ path: "/private/report.pdf", creds: guest })).status, 403);
    assert.equal((await signedCall({ path: "/public/readme", creds: guest })).status, 200);
  });
});
