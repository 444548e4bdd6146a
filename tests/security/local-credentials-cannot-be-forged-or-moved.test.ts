// Rule: Gatehouse's local credentials are only good as issued. A session token moved to another
// access key id, a secret that is not the key's, a session token altered by one byte, and
// credentials sealed with another GATEHOUSE_SECRET are all refused by STS GetCallerIdentity (the
// check every consumer of these credentials shares, lib/cognito-api/sigv4.ts verifySignature).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startServer, type RunningServer } from "../support/server.ts";
import { DENY_POOL, OPEN_POOL, ROLE, credentialsConfig, sdkCredentials, signIn, tokenToCredentials } from "../support/identity-credentials.ts";
import { createSecrets } from "../../lib/security/secrets.ts";
import { localSecretAccessKey, mintLocalCredentials } from "../../lib/identity-pools/local-credentials.ts";

let server: RunningServer;

before(async () => {
  server = await startServer({ config: credentialsConfig() });
});
after(async () => {
  await server?.stop();
});

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken: string };

async function getCallerIdentity(credentials: Creds): Promise<string> {
  const client = new STSClient({ endpoint: `${server.url}/sts`, region: "us-east-1", credentials, maxAttempts: 1 });
  try {
    return (await client.send(new GetCallerIdentityCommand({}))).Arn!;
  } catch (error) {
    return `refused: ${(error as Error).name}`;
  } finally {
    client.destroy();
  }
}

async function issued(username: string | null): Promise<Creds> {
  const answer = await tokenToCredentials(server, username ? { identityPoolId: OPEN_POOL, idToken: (await signIn(server, username)).idToken } : { identityPoolId: OPEN_POOL });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return sdkCredentials(answer.body);
}

test("as issued, the credentials name their role (the control)", async () => {
  assert.equal(await getCallerIdentity(await issued("alice")), "arn:aws:sts::123456789012:assumed-role/Eng/CognitoIdentityCredentials");
});

test("a session token moved to another access key id (with that key's own secret) is refused", async () => {
  const eng = await issued("alice");
  const guest = await issued(null);
  // The guest's key and secret, carrying the Eng user's session token: an attempt to upgrade the role.
  assert.equal(await getCallerIdentity({ ...guest, sessionToken: eng.sessionToken }), "refused: InvalidClientTokenId");
  assert.equal(await getCallerIdentity({ ...eng, sessionToken: guest.sessionToken }), "refused: InvalidClientTokenId");
});

test("a secret that is not the key's is refused, even another issued key's", async () => {
  const eng = await issued("alice");
  const other = await issued("bob");
  assert.equal(await getCallerIdentity({ ...eng, secretAccessKey: other.secretAccessKey }), "refused: SignatureDoesNotMatch");
});

test("a session token altered anywhere is refused", async () => {
  const eng = await issued("alice");
  const raw = Buffer.from(eng.sessionToken.slice("GhSt1.".length), "base64");
  for (const at of [0, 12, 20, 28, raw.length - 1]) {
    const altered = Buffer.from(raw);
    altered[at] = altered[at]! ^ 0x01;
    assert.equal(await getCallerIdentity({ ...eng, sessionToken: `GhSt1.${altered.toString("base64")}` }), "refused: InvalidClientTokenId", `byte ${at}`);
  }
});

test("credentials sealed with another GATEHOUSE_SECRET are refused, however well-formed", async () => {
  const foreign = createSecrets(randomBytes(32).toString("base64url"));
  const minted = mintLocalCredentials(foreign, { identityPoolId: DENY_POOL, identityId: "local:0f0f0f0f-1b1b-4c2c-8d3d-4e4e4e4e4e4e", roleArn: ROLE("Admin"), authenticated: true, providers: [] }, new Date(Date.now() + 600_000));
  assert.equal(minted.secretAccessKey, localSecretAccessKey(foreign, minted.accessKeyId));
  assert.equal(await getCallerIdentity(minted), "refused: InvalidClientTokenId");
  // The same subject sealed with the server's own secret is accepted: the secret is what differs.
  const own = mintLocalCredentials(createSecrets(server.shared.GATEHOUSE_SECRET), { identityPoolId: DENY_POOL, identityId: "local:0f0f0f0f-1b1b-4c2c-8d3d-4e4e4e4e4e4e", roleArn: ROLE("Admin"), authenticated: true, providers: [] }, new Date(Date.now() + 600_000));
  assert.equal(await getCallerIdentity(own), "arn:aws:sts::123456789012:assumed-role/Admin/CognitoIdentityCredentials");
});
