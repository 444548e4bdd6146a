// App clients are held in memory with their pool's provider (lib/oidc/pool-clients.ts). A change to
// a client (its secret rotated, its settings changed, the client deleted or made) must still take
// effect at once on the instance that made it, and on another instance sharing the database and
// Redis as soon as Redis has carried the note: no request may be let in by a client as it was.
// Two real instances here, the admin API and the Cognito API (the real AWS SDK) making the changes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolClientCommand, DeleteUserPoolClientCommand, InitiateAuthCommand, UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_ENV, createSigningKey, refusal, type SigningKey } from "../support/cognito-admin.ts";
import { API_PASSWORD, API_POOL, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";
import { secretHashOf } from "../../lib/cognito-api/app-client.ts";

const SCOPE = "https://api.example.com/read";
const MACHINE = { id: "worker", secret: "worker-secret-0123456789abcdefghij" };

let a: RunningServer;
let b: RunningServer;
let admin: SigningKey;

function config() {
  const base = cognitoApiConfig();
  const pool = base.pools[0] as Record<string, unknown> & { clients: unknown[] };
  pool.resourceServers = [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "read", description: "Read things" }] }];
  pool.clients.push({ clientId: MACHINE.id, clientSecret: MACHINE.secret, name: "worker", allowedOAuthFlows: ["client_credentials"], allowedScopes: [SCOPE] });
  return base;
}

before(async () => {
  assert.ok(process.env.REDIS_URL, "the instances hear of each other's changes through Redis: set REDIS_URL (CI does)");
  a = await startServer({ config: config(), env: ADMIN_ENV });
  // Before B starts: each instance writes the console's client with its own PUBLIC_URL at start.
  admin = await createSigningKey(a, "client-changes");
  b = await startServer({ config: config(), env: ADMIN_ENV, shareWith: a });
});
after(async () => {
  await b?.stop();
  await a?.stop();
});

/** client_credentials at `server`'s token endpoint: the HTTP status and the OAuth error, if any. */
async function clientCredentials(server: RunningServer, client: { id: string; secret: string }) {
  const response = await fetch(`${server.url}/${API_POOL}/oauth2/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: SCOPE }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  return { status: response.status, error: body.error ?? null, issued: !!body.access_token };
}

/** The other instance hears of a change through Redis, a moment after the answer that made it. */
async function eventually(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 3000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(what);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const passwordSignIn = (server: RunningServer, clientId: string, extra: Record<string, string> = {}) =>
  sdkClient(server).send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD: API_PASSWORD, ...extra } }));

describe("the token endpoint", () => {
  test("a rotated secret: the old one is refused at once, here and on the other instance; the new one works on both", async () => {
    // Both instances hold the client (and its old secret) before the change.
    for (const server of [a, b]) assert.ok((await clientCredentials(server, MACHINE)).issued);
    const rotated = await admin.api("POST", `/pools/${API_POOL}/clients/${MACHINE.id}/secret`);
    assert.equal(rotated.status, 200);
    const renewed = { id: MACHINE.id, secret: rotated.body.clientSecret as string };
    assert.deepEqual(await clientCredentials(a, MACHINE), { status: 401, error: "invalid_client", issued: false });
    await eventually(async () => (await clientCredentials(b, MACHINE)).error === "invalid_client", "the other instance refuses the old secret");
    for (const server of [a, b]) assert.ok((await clientCredentials(server, renewed)).issued);
    MACHINE.secret = renewed.secret;
  });

  test("a client made after its id was refused works at once: an unknown id is not remembered past a change", async () => {
    const late = { id: "late-worker", secret: "" };
    for (const server of [a, b]) assert.equal((await clientCredentials(server, { id: late.id, secret: "guess" })).error, "invalid_client");
    const created = await admin.api("POST", `/pools/${API_POOL}/clients`, {
      clientId: late.id, name: "late worker", generateSecret: true, allowedOAuthFlows: ["client_credentials"], allowedScopes: [SCOPE],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    late.secret = created.body.clientSecret;
    assert.ok((await clientCredentials(a, late)).issued);
    await eventually(async () => (await clientCredentials(b, late)).issued, "the other instance knows the new client");
  });

  test("a client deleted through the Cognito API: client_credentials is refused at once, here and on the other instance", async () => {
    const { UserPoolClient: made } = await admin.cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientName: "doomed worker", GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: [SCOPE],
    }));
    const doomed = { id: made!.ClientId!, secret: made!.ClientSecret! };
    for (const server of [a, b]) assert.ok((await clientCredentials(server, doomed)).issued, "a client made through the Cognito API works at once on both");
    await admin.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: doomed.id }));
    assert.equal((await clientCredentials(a, doomed)).error, "invalid_client");
    await eventually(async () => (await clientCredentials(b, doomed)).error === "invalid_client", "the other instance refuses the deleted client");
  });
});

describe("the Cognito API", () => {
  test("a flow taken away by UpdateUserPoolClient is refused at once, here and on the other instance", async () => {
    const { UserPoolClient: made } = await admin.cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientName: "changing app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }));
    const clientId = made!.ClientId!;
    for (const server of [a, b]) assert.ok((await passwordSignIn(server, clientId)).AuthenticationResult);
    await admin.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: clientId, ClientName: "changing app", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] }));
    const refused = "USER_PASSWORD_AUTH flow not enabled for this client";
    assert.equal((await refusal(passwordSignIn(a, clientId))).message, refused);
    await eventually(async () => (await refusal(passwordSignIn(b, clientId))).message === refused, "the other instance refuses the flow");
  });

  test("a rotated secret: SECRET_HASH made with the old one is refused at once, here and on the other instance", async () => {
    const { UserPoolClient: made } = await admin.cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: API_POOL, ClientName: "server app", GenerateSecret: true, ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
    }));
    const clientId = made!.ClientId!;
    const hashWith = (secret: string) => ({ SECRET_HASH: secretHashOf(secret, "alice", clientId) });
    for (const server of [a, b]) assert.ok((await passwordSignIn(server, clientId, hashWith(made!.ClientSecret!))).AuthenticationResult);
    const rotated = await admin.api("POST", `/pools/${API_POOL}/clients/${clientId}/secret`);
    assert.equal(rotated.status, 200);
    const refused = `Unable to verify secret hash for client ${clientId}`;
    assert.equal((await refusal(passwordSignIn(a, clientId, hashWith(made!.ClientSecret!)))).message, refused);
    await eventually(async () => (await refusal(passwordSignIn(b, clientId, hashWith(made!.ClientSecret!)))).message === refused, "the other instance refuses the old secret");
    for (const server of [a, b]) assert.ok((await passwordSignIn(server, clientId, hashWith(rotated.body.clientSecret))).AuthenticationResult);
  });

  test("a deleted client is one that does not exist, here and on the other instance", async () => {
    const { UserPoolClient: made } = await admin.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: API_POOL, ClientName: "short-lived app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }));
    const clientId = made!.ClientId!;
    for (const server of [a, b]) assert.ok((await passwordSignIn(server, clientId)).AuthenticationResult);
    await admin.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: API_POOL, ClientId: clientId }));
    assert.equal((await refusal(passwordSignIn(a, clientId))).name, "ResourceNotFoundException");
    await eventually(async () => (await refusal(passwordSignIn(b, clientId))).name === "ResourceNotFoundException", "the other instance no longer knows the client");
  });
});
