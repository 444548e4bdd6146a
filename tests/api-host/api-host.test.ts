// `npm run api-host` serves a function written for API Gateway's HTTP API behind a Gatehouse
// authorizer: the real server, the real forward-auth endpoint, a real token from the Cognito API
// (AWS SDK InitiateAuth), and the Cognito deep dive's Lambda example, in Node and in Python.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { freePort, startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";

const FIXTURES = "tests/api-host/fixtures";
const IDENTITY_POOL = "local:5d1e8a2b-3c4f-4a6b-9e8d-7f6a5b4c3d2e";
const APP_ROLE = "arn:aws:iam::123456789012:role/AppUser";

const config = {
  ...cognitoApiConfig(),
  authorizers: [
    // API Gateway's Cognito-style authorizer, taking ID tokens, so `email` is among the claims.
    { name: "hello", type: "COGNITO_USER_POOLS", poolIds: [API_POOL], tokenUse: "id", clientIds: ["spa"], rules: [{ path: "/admin/*", groups: ["admins"] }] },
    // The HTTP API's JWT authorizer: access tokens, whose scopes reach the event.
    { name: "orders", type: "COGNITO_USER_POOLS", poolIds: [API_POOL], tokenUse: "access", clientIds: ["spa"] },
    // API Gateway's IAM authorization: SigV4 with an identity pool's credentials.
    { name: "files", type: "AWS_IAM", identityPoolIds: [IDENTITY_POOL] },
  ],
  identityPools: [{ id: IDENTITY_POOL, name: "app", providers: [{ poolId: API_POOL, clientId: "spa" }], roles: { authenticated: APP_ROLE } }],
};

type Host = { url: string; output: () => string; exited: Promise<number | null> };
const running: ChildProcess[] = [];

function spawnHost(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/api-host.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function startHost(server: RunningServer, handler: string, authorizer: string, extra: string[] = []): Promise<Host> {
  const port = await freePort();
  const host = spawnHost([handler, "--authorizer", authorizer, "--port", String(port), "--gatehouse", server.url, ...extra]);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`api-host did not start:\n${host.output()}`)), 20_000);
    const poll = setInterval(() => {
      if (!host.output().includes("listening on")) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 50);
    void host.exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`api-host exited (${code}):\n${host.output()}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, output: host.output, exited: host.exited };
}

function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("api-host", () => {
  let server: RunningServer;
  let idToken: string;
  let accessToken: string;
  let node: Host;
  let echo: Host;
  let python: Host;
  let iam: Host;

  before(async () => {
    server = await startServer({ config });
    const signedIn = await sdkClient(server).send(new InitiateAuthCommand({
      ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice@example.com", PASSWORD: API_PASSWORD },
    }));
    idToken = signedIn.AuthenticationResult!.IdToken!;
    accessToken = signedIn.AuthenticationResult!.AccessToken!;
    [node, echo, python, iam] = await Promise.all([
      startHost(server, `${FIXTURES}/hello.mjs`, "hello"),
      startHost(server, `${FIXTURES}/echo.cjs`, "orders"),
      startHost(server, `${FIXTURES}/hello.py`, "hello"),
      startHost(server, `${FIXTURES}/echo.cjs`, "files"),
    ]);
  });
  after(async () => {
    for (const child of running) child.kill();
    await server?.stop();
  });

  test("the deep dive's Lambda answers a signed-in user with its own answer", async () => {
    const response = await fetch(`${node.url}/hello`, { headers: { authorization: `Bearer ${idToken}` } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { message: "Hello alice", email: "alice@example.com" });
    assert.match(response.headers.get("apigw-requestid") ?? "", /^[A-Za-z0-9+/]{15}=$/);
  });

  test("without a token the authorizer's 401 reaches the caller unchanged, and the handler never runs", async () => {
    const response = await fetch(`${node.url}/hello`);
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { message: "Unauthorized" });
    assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
    const garbled = await fetch(`${node.url}/hello`, { headers: { authorization: "Bearer not.a.token" } });
    assert.equal(garbled.status, 401);
    assert.match(garbled.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
  });

  test("a rule's 403 reaches the caller with the authorizer's message", async () => {
    const response = await fetch(`${node.url}/admin/reports`, { headers: { authorization: `Bearer ${idToken}` } });
    assert.equal(response.status, 403);
    const body = (await response.json()) as { message: string };
    assert.equal(typeof body.message, "string");
    assert.ok(body.message.length > 0);
    // The same token is fine below a path no rule covers.
    assert.equal((await fetch(`${node.url}/reports`, { headers: { authorization: `Bearer ${idToken}` } })).status, 200);
  });

  test("another authorizer's kind of token is refused: an ID token where access tokens are asked for", async () => {
    const response = await fetch(`${echo.url}/`, { headers: { authorization: `Bearer ${idToken}` } });
    assert.equal(response.status, 401);
    assert.match(response.headers.get("www-authenticate") ?? "", /token_use|access/i);
  });

  test("the event is API Gateway's payload format 2.0", async () => {
    const response = await fetch(`${echo.url}/orders/42/items?size=L&tag=a&tag=b&q=caf%C3%A9`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json", cookie: "theme=dark; lang=en", "user-agent": "api-host-test" },
      body: JSON.stringify({ quantity: 2 }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json", "a result without statusCode is a 200 JSON answer");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event as the handler received it (JSON), read field by field
    const { event, context } = (await response.json()) as { event: Record<string, any>; context: Record<string, any> };
    assert.equal(event.version, "2.0");
    assert.equal(event.routeKey, "$default");
    assert.equal(event.rawPath, "/orders/42/items");
    assert.equal(event.rawQueryString, "size=L&tag=a&tag=b&q=caf%C3%A9");
    assert.deepEqual(event.queryStringParameters, { size: "L", tag: "a,b", q: "café" });
    assert.deepEqual(event.cookies, ["theme=dark", "lang=en"]);
    assert.equal(event.headers.cookie, undefined, "cookies move to `cookies`");
    assert.equal(event.headers["content-type"], "application/json");
    assert.equal(event.headers.authorization, `Bearer ${accessToken}`);
    assert.equal(event.body, '{"quantity":2}');
    assert.equal(event.isBase64Encoded, false);
    assert.equal("pathParameters" in event, false);
    assert.ok(Object.keys(event.headers).every((name) => name === name.toLowerCase()));

    const rc = event.requestContext;
    assert.equal(rc.routeKey, "$default");
    assert.equal(rc.stage, "$default");
    assert.deepEqual(rc.http, { method: "POST", path: "/orders/42/items", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "api-host-test" });
    assert.equal(rc.domainName, "127.0.0.1");
    assert.match(rc.requestId, /^[A-Za-z0-9+/]{15}=$/);
    assert.equal(response.headers.get("apigw-requestid"), rc.requestId);
    assert.match(rc.time, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    assert.ok(Math.abs(rc.timeEpoch - Date.now()) < 60_000);
    assert.equal(typeof rc.accountId, "string");
    assert.equal(typeof rc.apiId, "string");

    // The JWT authorizer's claims are the token's, every one as a string as API Gateway gives them.
    const payload = jwtPayload(accessToken);
    const claims = rc.authorizer.jwt.claims as Record<string, unknown>;
    assert.deepEqual(Object.keys(claims).sort(), Object.keys(payload).sort());
    assert.ok(Object.values(claims).every((value) => typeof value === "string"));
    assert.equal(claims.sub, payload.sub);
    assert.equal(claims.exp, String(payload.exp));
    assert.equal(claims["cognito:groups"], "[staff]");
    assert.deepEqual(rc.authorizer.jwt.scopes, String(payload.scope).split(" "));

    assert.match(context.awsRequestId, /^[0-9a-f-]{36}$/);
    assert.equal(context.functionName, "echo");
    assert.ok(context.remaining > 25_000 && context.remaining <= 30_000);
  });

  test("a binary body arrives base64-encoded, and a body-less GET has no body", async () => {
    const bytes = Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x41]);
    const response = await fetch(`${echo.url}/upload`, { method: "PUT", headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/octet-stream" }, body: bytes });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event as the handler received it (JSON), read field by field
    const { event } = (await response.json()) as { event: Record<string, any> };
    assert.equal(event.isBase64Encoded, true);
    assert.equal(event.body, bytes.toString("base64"));
    // Form posts count as binary in HTTP APIs, too.
    const form = await fetch(`${echo.url}/form`, { method: "POST", headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/x-www-form-urlencoded" }, body: "a=1&b=2" });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event as the handler received it (JSON), read field by field
    const formEvent = ((await form.json()) as { event: Record<string, any> }).event;
    assert.equal(formEvent.isBase64Encoded, true);
    assert.equal(Buffer.from(formEvent.body, "base64").toString(), "a=1&b=2");

    const get = await fetch(`${echo.url}/nothing`, { headers: { authorization: `Bearer ${accessToken}` } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event as the handler received it (JSON), read field by field
    const getEvent = ((await get.json()) as { event: Record<string, any> }).event;
    assert.equal("body" in getEvent, false);
    assert.equal(getEvent.isBase64Encoded, false);
    assert.equal("queryStringParameters" in getEvent, false);
    assert.equal("cookies" in getEvent, false);
  });

  test("a handler that fails is API Gateway's 500 Internal Server Error", async () => {
    const response = await fetch(`${echo.url}/boom`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), { message: "Internal Server Error" });
    assert.match(echo.output(), /Error: boom/);
  });

  test("the Python version answers the same, through one reused python3 process", async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${python.url}/hello`, { headers: { authorization: `Bearer ${idToken}` } });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { message: "Hello alice", email: "alice@example.com" });
      const remaining = Number(response.headers.get("x-remaining-ms"));
      assert.ok(remaining > 25_000 && remaining <= 30_000, `context.get_remaining_time_in_millis() = ${remaining}`);
    }
    assert.equal((python.output().match(/^handling /gm) ?? []).length, 3, "the handler's prints go to the log");
    const refused = await fetch(`${python.url}/hello`);
    assert.equal(refused.status, 401);
  });

  test("behind an AWS_IAM authorizer, a request signed with identity-pool credentials carries authorizer.iam", async () => {
    // Credentials for the signed-in user, as an app gets them from Gatehouse.
    const exchanged = await fetch(`${server.url}/token-to-credentials`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ identityPoolId: IDENTITY_POOL, idToken }),
    });
    assert.equal(exchanged.status, 200);
    const { identityId, credentials } = (await exchanged.json()) as { identityId: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string } };
    const signer = new SignatureV4({ service: "execute-api", region: "eu-west-1", sha256: Hash.bind(null, "sha256"), credentials });
    /** Signed as API Gateway's clients sign; `send` may differ from the signed body. */
    const signedFetch = async (options: { method: string; path: string; query?: Record<string, string>; body?: string; send?: string }) => {
      const url = new URL(`${iam.url}${options.path}`);
      const signed = await signer.sign(new HttpRequest({
        method: options.method, protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query: options.query ?? {},
        headers: { host: url.host, ...(options.body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(options.body)) } : {}) },
        ...(options.body ? { body: options.body } : {}),
      }));
      const headers = { ...(signed.headers as Record<string, string>) };
      delete headers.host; // fetch sets the same ones itself
      delete headers["content-length"];
      const search = new URLSearchParams(options.query ?? {}).toString();
      return fetch(`${url}${search ? `?${search}` : ""}`, { method: options.method, headers, ...(options.body ? { body: options.send ?? options.body } : {}) });
    };

    const response = await signedFetch({ method: "GET", path: "/private/report", query: { version: "2" } });
    assert.equal(response.status, 200, iam.output());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event as the handler received it (JSON), read field by field
    const { event } = (await response.json()) as { event: Record<string, any> };
    assert.equal(event.requestContext.authorizer.jwt, undefined);
    const who = event.requestContext.authorizer.iam;
    assert.equal(who.accessKey, credentials.accessKeyId);
    assert.equal(who.accountId, "123456789012");
    assert.equal(who.userArn, "arn:aws:sts::123456789012:assumed-role/AppUser/CognitoIdentityCredentials");
    assert.match(who.userId, /^AROA[A-Z0-9]+:CognitoIdentityCredentials$/);
    assert.equal(who.callerId, who.userId);
    assert.equal(who.cognitoIdentity.identityId, identityId);
    assert.equal(who.cognitoIdentity.identityPoolId, IDENTITY_POOL);
    assert.deepEqual(event.queryStringParameters, { version: "2" });

    // A signed body: its signed hash vouches for it at Gatehouse, and the host checks the body against it.
    const body = JSON.stringify({ order: 42 });
    const posted = await signedFetch({ method: "POST", path: "/private/orders", body });
    assert.equal(posted.status, 200, iam.output());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event as the handler received it (JSON), read field by field
    assert.equal(((await posted.json()) as { event: Record<string, any> }).event.body, body);
    const swapped = await signedFetch({ method: "POST", path: "/private/orders", body, send: JSON.stringify({ order: 66 }) });
    assert.equal(swapped.status, 403, "a body swapped after signing is refused");
    assert.match(((await swapped.json()) as { message: string }).message, /signature we calculated does not match/);

    const unsigned = await fetch(`${iam.url}/private/report`);
    assert.equal(unsigned.status, 401);
    assert.equal(typeof ((await unsigned.json()) as { message: unknown }).message, "string");
  });

  test("a missing file or export is a clear error at start", async () => {
    const missing = spawnHost([`${FIXTURES}/nope.mjs`, "--authorizer", "hello", "--gatehouse", server.url]);
    assert.equal(await missing.exited, 2);
    assert.match(missing.output(), /nope\.mjs: no such file/);
    const noExport = spawnHost([`${FIXTURES}/hello.mjs`, "--handler", "main", "--authorizer", "hello", "--gatehouse", server.url]);
    assert.equal(await noExport.exited, 2);
    assert.match(noExport.output(), /exports no function named main/);
    const noPython = spawnHost([`${FIXTURES}/hello.py`, "--handler", "main", "--authorizer", "hello", "--gatehouse", server.url]);
    assert.equal(await noPython.exited, 2);
    assert.match(noPython.output(), /no function named main/);
    const unknown = spawnHost([`${FIXTURES}/hello.mjs`, "--authorizer", "nosuch", "--gatehouse", server.url]);
    assert.equal(await unknown.exited, 2);
    assert.match(unknown.output(), /has no authorizer named nosuch/);
    const noAuthorizer = spawnHost([`${FIXTURES}/hello.mjs`]);
    assert.equal(await noAuthorizer.exited, 2);
    assert.match(noAuthorizer.output(), /--authorizer is required/);
  });
});
