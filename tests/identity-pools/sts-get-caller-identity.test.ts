// STS GetCallerIdentity answered by Gatehouse for its local credentials, asked the AWS way: by
// @aws-sdk/client-sts pointed at {PUBLIC_URL}/sts (and at the bare PUBLIC_URL, where the SDK posts
// to /), by the SDK's own credential_process support (fromProcess) reading a config file whose
// profile calls /token-to-credentials?format=credential_process, and by the machine's aws CLI.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromProcess } from "@aws-sdk/credential-providers";
import { startServer, type RunningServer } from "../support/server.ts";
import { OPEN_POOL, ROLE, credentialsConfig, sdkCredentials, signIn, tokenToCredentials } from "../support/identity-credentials.ts";
import { createSecrets } from "../../lib/security/secrets.ts";
import { mintLocalCredentials } from "../../lib/identity-pools/local-credentials.ts";

let server: RunningServer;
let dir: string;

before(async () => {
  server = await startServer({ config: credentialsConfig() });
  dir = mkdtempSync(path.join(tmpdir(), "gatehouse-sts-"));
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const sts = (credentials: Creds | (() => Promise<Creds>), endpoint = `${server.url}/sts`, region = "eu-west-1") =>
  new STSClient({ endpoint, region, credentials, maxAttempts: 1 });

async function callerOf(client: STSClient) {
  try {
    return await client.send(new GetCallerIdentityCommand({}));
  } finally {
    client.destroy();
  }
}

async function refusalOf(client: STSClient): Promise<{ name: string; status: number | undefined }> {
  try {
    await client.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    return { name: (error as Error).name, status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  } finally {
    client.destroy();
  }
  assert.fail("GetCallerIdentity succeeded");
}

async function credentialsOf(username: string | null) {
  const body = username ? { identityPoolId: OPEN_POOL, idToken: (await signIn(server, username)).idToken } : { identityPoolId: OPEN_POOL };
  const answer = await tokenToCredentials(server, body);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return sdkCredentials(answer.body);
}

describe("GetCallerIdentity with local credentials", () => {
  test("answers the mapped role's assumed-role ARN, its account and an AROA-style user id, at /sts and at the bare PUBLIC_URL, in any region", async () => {
    const credentials = await credentialsOf("alice");
    const atSts = await callerOf(sts(credentials));
    assert.equal(atSts.Arn, "arn:aws:sts::123456789012:assumed-role/Eng/CognitoIdentityCredentials");
    assert.equal(atSts.Account, "123456789012");
    assert.match(atSts.UserId!, /^AROA[A-Z2-7]{17}:CognitoIdentityCredentials$/);
    const atRoot = await callerOf(sts(credentials, server.url, "us-west-2"));
    assert.deepEqual({ ...atRoot, $metadata: undefined }, { ...atSts, $metadata: undefined });

    // The role's id is the role's: the same for another user of the role, another for another role.
    const carol = await callerOf(sts(await credentialsOf("carol")));
    assert.equal(carol.UserId, atSts.UserId);
    const guest = await callerOf(sts(await credentialsOf(null)));
    assert.equal(guest.Arn, "arn:aws:sts::123456789012:assumed-role/AppGuest/CognitoIdentityCredentials");
    assert.notEqual(guest.UserId, atSts.UserId);
  });

  test("a wrong secret is SignatureDoesNotMatch; no session token or an unknown key is InvalidClientTokenId; expired credentials are ExpiredToken", async () => {
    const credentials = await credentialsOf("bob");
    const flipped = credentials.secretAccessKey.slice(0, -1) + (credentials.secretAccessKey.endsWith("A") ? "B" : "A");
    assert.deepEqual(await refusalOf(sts({ ...credentials, secretAccessKey: flipped })), { name: "SignatureDoesNotMatch", status: 403 });
    assert.deepEqual(await refusalOf(sts({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey })), { name: "InvalidClientTokenId", status: 403 });
    assert.deepEqual(await refusalOf(sts({ ...credentials, accessKeyId: "AKIAIOSFODNN7EXAMPLE" })), { name: "InvalidClientTokenId", status: 403 });

    // Credentials Gatehouse sealed an hour ago for an hour (the server's own secret, as another instance would).
    const secrets = createSecrets(server.shared.GATEHOUSE_SECRET);
    const expired = mintLocalCredentials(secrets, { identityPoolId: OPEN_POOL, identityId: "local:0e0e0e0e-1b1b-4c2c-8d3d-4e4e4e4e4e4e", roleArn: ROLE("AppUser"), authenticated: true, providers: [] }, new Date(Date.now() - 1000));
    assert.deepEqual(await refusalOf(sts(expired)), { name: "ExpiredToken", status: 400 });
    const fresh = mintLocalCredentials(secrets, { identityPoolId: OPEN_POOL, identityId: "local:0e0e0e0e-1b1b-4c2c-8d3d-4e4e4e4e4e4e", roleArn: ROLE("AppUser"), authenticated: true, providers: [] }, new Date(Date.now() + 60_000));
    assert.equal((await callerOf(sts(fresh))).Arn, "arn:aws:sts::123456789012:assumed-role/AppUser/CognitoIdentityCredentials");
  });

  test("the wire: an unsigned call is MissingAuthenticationToken in STS's error XML; another action is InvalidAction; / still serves the home page and the Cognito API", async () => {
    const unsigned = await fetch(`${server.url}/sts`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity&Version=2011-06-15" });
    assert.equal(unsigned.status, 403);
    assert.match(unsigned.headers.get("content-type") ?? "", /text\/xml/);
    const xml = await unsigned.text();
    assert.match(xml, /<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>MissingAuthenticationToken<\/Code>\s*<Message>[^<]+<\/Message>\s*<\/Error>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>/);

    const home = await fetch(`${server.url}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get("content-type") ?? "", /text\/html/);
    // signIn above went through the Cognito API at / (InitiateAuth): it still answers JSON.
    assert.ok((await signIn(server, "alice")).idToken);
  });
});

describe("the AWS SDK's and CLI's credential_process", () => {
  function writeConfig(name: string, command: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, `[profile gatehouse]\nregion = eu-west-1\ncredential_process = ${command}\n`);
    return file;
  }

  test("fromProcess with a config file (AWS_CONFIG_FILE) whose profile curls ?format=credential_process: GetCallerIdentity names the role", async () => {
    const tokenFile = path.join(dir, "alice.token");
    writeFileSync(tokenFile, (await signIn(server, "alice")).idToken);
    const body = JSON.stringify({ identityPoolId: OPEN_POOL });
    const curl = `curl -sSf -X POST -H "content-type: application/json" -H "Authorization: Bearer $(cat ${tokenFile})" -d '${body}' "${server.url}/token-to-credentials?format=credential_process"`;
    const saved = { config: process.env.AWS_CONFIG_FILE, shared: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = writeConfig("config-curl", `sh -c '${curl.replace(/'/g, `'"'"'`)}'`);
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "no-credentials");
    try {
      const provider = fromProcess({ profile: "gatehouse" });
      const resolved = await provider();
      assert.match(resolved.accessKeyId, /^ASIA/);
      assert.ok(resolved.expiration && resolved.expiration.getTime() > Date.now());
      const caller = await callerOf(sts(provider));
      assert.equal(caller.Arn, "arn:aws:sts::123456789012:assumed-role/Eng/CognitoIdentityCredentials");
    } finally {
      if (saved.config === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = saved.config;
      if (saved.shared === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      else process.env.AWS_SHARED_CREDENTIALS_FILE = saved.shared;
    }
  });

  test("scripts/credential-process.ts as the credential_process: a guest, and a refused token failing the provider", async () => {
    const script = path.resolve("scripts/credential-process.ts");
    const guestFile = writeConfig("config-script", `${process.execPath} --import tsx ${script} --gatehouse ${server.url} --identity-pool ${OPEN_POOL}`);
    const guest = fromProcess({ profile: "gatehouse", configFilepath: guestFile, filepath: path.join(dir, "no-credentials") });
    assert.equal((await callerOf(sts(guest))).Arn, "arn:aws:sts::123456789012:assumed-role/AppGuest/CognitoIdentityCredentials");

    const badToken = path.join(dir, "bad.token");
    writeFileSync(badToken, "not-a-token");
    const refusedFile = writeConfig("config-refused", `${process.execPath} --import tsx ${script} --gatehouse ${server.url} --identity-pool ${OPEN_POOL} --token-file ${badToken}`);
    await assert.rejects(fromProcess({ profile: "gatehouse", configFilepath: refusedFile, filepath: path.join(dir, "no-credentials") })(), /NotAuthorizedException|401/);
  });

  test("the machine's aws CLI (when installed): aws sts get-caller-identity through the credential_process profile", async (t) => {
    const which = await promisify(execFile)("sh", ["-c", "command -v aws || true"]);
    const aws = which.stdout.trim();
    if (!aws || !existsSync(aws)) return t.skip("no aws CLI on this machine");
    const tokenFile = path.join(dir, "erin.token");
    writeFileSync(tokenFile, (await signIn(server, "erin")).idToken);
    const config = writeConfig("config-cli", `${process.execPath} --import tsx ${path.resolve("scripts/credential-process.ts")} --gatehouse ${server.url} --identity-pool ${OPEN_POOL} --token-file ${tokenFile}`);
    const { stdout } = await promisify(execFile)(aws, ["sts", "get-caller-identity", "--profile", "gatehouse", "--endpoint-url", `${server.url}/sts`, "--output", "json"], {
      env: { ...process.env, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "no-credentials"), AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_SESSION_TOKEN: "" },
    });
    const caller = JSON.parse(stdout) as { Arn: string; Account: string; UserId: string };
    assert.equal(caller.Arn, "arn:aws:sts::123456789012:assumed-role/Eng/CognitoIdentityCredentials");
    assert.equal(caller.Account, "123456789012");
  });
});
