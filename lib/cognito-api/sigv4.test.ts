// SigV4 on the Cognito API: requests signed as AWS SDK clients sign them (AWS's own signer, and the
// real Cognito client captured on the wire) with an admin API key's AWS credentials, checked
// against real PostgreSQL. Each rule of verifySigV4 has its own test.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database.ts";
import { createApiKey, revokeApiKey, secretAccessKeyFor } from "../admin/api-keys.ts";
import { createDb, type Db } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { AppError } from "../errors.ts";
import { createSecrets } from "../security/secrets.ts";
import { verifySigV4, type SigV4Request } from "./sigv4.ts";

const HOST = "gatehouse.example.com";
const TARGET = "AWSCognitoIdentityProviderService.AdminGetUser";
const BODY = JSON.stringify({ UserPoolId: "local_Test00001", Username: "alice" });
const secrets = createSecrets("sigv4-test-secret");
let database: TestDatabase;
let db: Db;
let key: { id: string; accessKeyId: string; secretAccessKey: string };

before(async () => {
  database = await createTestDatabase();
  if (!database.url) return;
  await applyMigrations({ url: database.url });
  db = createDb({ url: database.url, embedded: false });
  const created = await createApiKey({ db, secrets }, { name: "sdk", createdBy: "tests" });
  key = { id: created.apiKey.id, accessKeyId: created.apiKey.accessKeyId, secretAccessKey: created.secretAccessKey };
});
after(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const skip = !process.env.DATABASE_URL && "needs DATABASE_URL (PostgreSQL)";

type SignOptions = {
  accessKeyId?: string; secretAccessKey?: string; region?: string; service?: string; date?: Date; body?: string;
  /** false: no x-amz-content-sha256 header (the SDK's signer adds and signs one by default). */
  applyChecksum?: boolean;
  extraHeaders?: Record<string, string>;
};

/** A request signed exactly as an AWS SDK client signs one, in the shape verifySigV4 takes. */
async function signed(options: SignOptions = {}): Promise<SigV4Request> {
  const body = options.body ?? BODY;
  const signer = new SignatureV4({
    service: options.service ?? "cognito-idp", region: options.region ?? "us-east-1", sha256: Hash.bind(null, "sha256"),
    credentials: { accessKeyId: options.accessKeyId ?? key.accessKeyId, secretAccessKey: options.secretAccessKey ?? key.secretAccessKey },
    ...(options.applyChecksum === undefined ? {} : { applyChecksum: options.applyChecksum }),
  });
  const request = await signer.sign(
    new HttpRequest({
      method: "POST", protocol: "https:", hostname: HOST, path: "/",
      headers: { host: HOST, "content-type": "application/x-amz-json-1.1", "x-amz-target": TARGET, "content-length": String(Buffer.byteLength(body)), ...options.extraHeaders },
      body,
    }),
    { signingDate: options.date ?? new Date() },
  );
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  // What a client adds after signing and servers see anyway.
  headers["user-agent"] = "aws-sdk-js/3 test";
  return { method: "POST", path: "/", headers, body: new TextEncoder().encode(body) };
}

async function refused(request: SigV4Request | Promise<SigV4Request>, code: string, message?: string | RegExp) {
  await assert.rejects(verifySigV4({ db, secrets }, await request), (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.status, 400);
    if (typeof message === "string") assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const UNRECOGNIZED = "The security token included in the request is invalid.";

describe("SigV4 with an API key's AWS credentials", { skip }, () => {
  test("a request signed with the key's credentials is the key's", async () => {
    assert.match(key.accessKeyId, /^GHK[A-Z2-7]{17}$/);
    assert.equal(key.secretAccessKey.length, 40);
    assert.deepEqual(await verifySigV4({ db, secrets }, await signed()), { apiKeyId: key.id, name: "sdk" });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true } });
    assert.ok(row.lastUsedAt, "a signed call counts as a use of the key");
  });

  test("a request captured from the real AWS SDK Cognito client verifies", async () => {
    let captured: { request: IncomingMessage; body: Buffer } | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        captured = { request, body: Buffer.concat(chunks) };
        response.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ UserPools: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const client = new CognitoIdentityProviderClient({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: "eu-west-3",
        credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }, maxAttempts: 1,
      });
      assert.deepEqual((await client.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools, []);
      client.destroy();
    } finally {
      server.close();
    }
    assert.ok(captured);
    const { request, body } = captured;
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
    assert.equal(headers["x-amz-target"], "AWSCognitoIdentityProviderService.ListUserPools");
    const raw: SigV4Request = { method: request.method!, path: request.url!, headers, body };
    assert.deepEqual(await verifySigV4({ db, secrets }, raw), { apiKeyId: key.id, name: "sdk" });
    // And the same bytes with one changed are refused.
    await refused({ ...raw, body: Buffer.from(body.toString().replace("10", "60")) }, "InvalidSignatureException", MISMATCH);
  });

  test("any region works; the scope must name cognito-idp", async () => {
    for (const region of ["eu-west-1", "local", "ap-southeast-2"]) assert.equal((await verifySigV4({ db, secrets }, await signed({ region }))).apiKeyId, key.id, region);
    await refused(signed({ service: "execute-api" }), "InvalidSignatureException", "Credential should be scoped to correct service: 'cognito-idp'. ");
  });

  test("a wrong secret access key is refused as a signature mismatch", async () => {
    await refused(signed({ secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }), "InvalidSignatureException", MISMATCH);
    // The secret another GATEHOUSE_SECRET would give the same id is as wrong.
    await refused(signed({ secretAccessKey: secretAccessKeyFor(createSecrets("another-root-secret"), key.accessKeyId) }), "InvalidSignatureException", MISMATCH);
  });

  test("a body or signed header changed after signing is refused", async () => {
    const request = await signed();
    await refused({ ...request, body: new TextEncoder().encode(BODY.replace("alice", "admin")) }, "InvalidSignatureException", MISMATCH);
    await refused({ ...request, headers: { ...request.headers, "x-amz-target": "AWSCognitoIdentityProviderService.AdminDeleteUser" } }, "InvalidSignatureException", MISMATCH);
    await refused({ ...request, method: "PUT" }, "InvalidSignatureException", MISMATCH);
    await refused({ ...request, path: "/?Action=x" }, "InvalidSignatureException", MISMATCH);
    // Headers the client did not sign may change (proxies add and rewrite them).
    assert.equal((await verifySigV4({ db, secrets }, { ...request, headers: { ...request.headers, "user-agent": "other", "x-forwarded-for": "1.2.3.4" } })).apiKeyId, key.id);
  });

  test("a signed payload hash must be the body's: the signer would take it on trust", async () => {
    const request = await signed();
    assert.ok(request.headers["x-amz-content-sha256"], "the SDK signs a payload hash header");
    await refused({ ...request, body: new TextEncoder().encode(BODY.replace("alice", "admin")) }, "InvalidSignatureException", MISMATCH);
    await refused(signed({ extraHeaders: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } }), "InvalidSignatureException", MISMATCH);
    // Without the header, the signature covers the body's hash directly.
    const bare = await signed({ applyChecksum: false });
    assert.equal(bare.headers["x-amz-content-sha256"], undefined);
    assert.equal((await verifySigV4({ db, secrets }, bare)).apiKeyId, key.id);
    await refused({ ...bare, body: new TextEncoder().encode(BODY.replace("alice", "admin")) }, "InvalidSignatureException", MISMATCH);
  });

  test("an unknown access key id is an unrecognized client", async () => {
    await refused(signed({ accessKeyId: "GHKAAAAAAAAAAAAAAAAA" }), "UnrecognizedClientException", UNRECOGNIZED);
    await refused(signed({ accessKeyId: "AKIAIOSFODNN7EXAMPLE" }), "UnrecognizedClientException", UNRECOGNIZED);
  });

  test("a revoked key's credentials stop working at once", async () => {
    const other = await createApiKey({ db, secrets }, { name: "short-lived", createdBy: "tests" });
    const credentials = { accessKeyId: other.apiKey.accessKeyId, secretAccessKey: other.secretAccessKey };
    assert.equal((await verifySigV4({ db, secrets }, await signed(credentials))).apiKeyId, other.apiKey.id);
    await revokeApiKey(db, other.apiKey.id);
    await refused(signed(credentials), "UnrecognizedClientException", UNRECOGNIZED);
  });

  test("no Authorization header is a missing authentication token, as AWS says", async () => {
    const { authorization: _, ...headers } = (await signed()).headers;
    await refused({ method: "POST", path: "/", headers, body: new TextEncoder().encode(BODY) }, "MissingAuthenticationTokenException", "Missing Authentication Token");
  });

  test("a garbled Authorization header, or one that does not sign the host and date, is an unrecognized client", async () => {
    const request = await signed();
    const auth = request.headers.authorization!;
    const garbled = [
      "Bearer ghk_abc",
      auth.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"),
      auth.replace(/, Signature=\w+/, ""),
      auth.replace(/Signature=\w+/, "Signature=abc"),
      auth.replace(/Credential=[^,]+/, `Credential=${key.accessKeyId}/us-east-1/cognito-idp/aws4_request`),
      auth.replace("SignedHeaders=", "SignedHeaders=Host;"),
      auth.replace(/SignedHeaders=[^,]+/, "SignedHeaders=content-type;x-amz-date;x-amz-target"),
    ];
    for (const authorization of garbled) await refused({ ...request, headers: { ...request.headers, authorization } }, "UnrecognizedClientException", UNRECOGNIZED);
    const { "x-amz-date": _, ...undated } = request.headers;
    await refused({ ...request, headers: undated }, "UnrecognizedClientException", UNRECOGNIZED);
    await refused({ ...request, headers: { ...request.headers, "x-amz-date": "2026-01-01T00:00:00Z" } }, "UnrecognizedClientException", UNRECOGNIZED);
  });

  test("a session token is refused: API keys have none", async () => {
    await refused(signed({ extraHeaders: { "x-amz-security-token": "FwoGZXIvYXdzEXAMPLE" } }), "UnrecognizedClientException", UNRECOGNIZED);
  });

  test("a request signed more than 5 minutes ago or ahead is refused in AWS's words", async () => {
    const now = new Date("2026-11-26T12:00:00Z");
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const verify = async (request: SigV4Request) => verifySigV4({ db, secrets, now: () => now }, request);
    assert.equal((await verify(await signed({ date: at(-4.9) }))).apiKeyId, key.id);
    assert.equal((await verify(await signed({ date: at(4.9) }))).apiKeyId, key.id);
    await assert.rejects(verify(await signed({ date: at(-6) })), {
      code: "InvalidSignatureException",
      message: "Signature expired: 20261126T115400Z is now earlier than 20261126T115500Z (20261126T120000Z - 5 min.)",
    });
    await assert.rejects(verify(await signed({ date: at(6) })), {
      code: "InvalidSignatureException",
      message: "Signature not yet current: 20261126T120600Z is still later than 20261126T120500Z (20261126T120000Z + 5 min.)",
    });
  });

  test("the credential scope's date must be the request's", async () => {
    const request = await signed({ date: new Date("2026-11-26T00:01:00Z") });
    const auth = request.headers.authorization!.replace("/20261126/", "/20261125/");
    await assert.rejects(verifySigV4({ db, secrets, now: () => new Date("2026-11-26T00:02:00Z") }, { ...request, headers: { ...request.headers, authorization: auth } }), {
      code: "InvalidSignatureException",
      message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261125' != '20261126', from '20261126T000100Z'.",
    });
  });
});

describe("API keys made before AWS credentials existed", { skip }, () => {
  test("get an access key id from the migration, and their credentials work", async () => {
    const old = await createTestDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-migrations-"));
    const all = readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).sort();
    const introduced = all.findIndex((d) => d.endsWith("_api_key_access_key_id"));
    assert.ok(introduced > 0);
    let oldDb: Db | undefined;
    try {
      for (const name of all.slice(0, introduced)) cpSync(path.join("prisma/migrations", name), path.join(dir, name), { recursive: true });
      await applyMigrations({ url: old.url!, dir });
      const client = new pg.Client({ connectionString: old.url });
      await client.connect();
      await client.query(`INSERT INTO "ApiKey" (id, name, prefix, "keyHash", "createdBy") VALUES ('k1', 'old one', 'ghk_aaaaaa', 'h1', 'tests'), ('k2', 'old two', 'ghk_bbbbbb', 'h2', 'tests')`);
      await client.end();
      await applyMigrations({ url: old.url! });
      oldDb = createDb({ url: old.url!, embedded: false });
      const rows = await oldDb.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, accessKeyId: true } });
      assert.equal(rows.length, 2);
      for (const row of rows) assert.match(row.accessKeyId, /^GHK[A-Z2-7]{17}$/);
      assert.notEqual(rows[0]!.accessKeyId, rows[1]!.accessKeyId);
      const request = await signed({ accessKeyId: rows[0]!.accessKeyId, secretAccessKey: secretAccessKeyFor(secrets, rows[0]!.accessKeyId) });
      assert.deepEqual(await verifySigV4({ db: oldDb, secrets }, request), { apiKeyId: "k1", name: "old one" });
    } finally {
      await oldDb?.$disconnect();
      await old.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
