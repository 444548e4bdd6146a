import assert from "node:assert/strict";
import { test } from "node:test";
import { createSecrets } from "../security/secrets.ts";
import { assumedRoleArn, localSecretAccessKey, mintLocalCredentials, openLocalCredentials } from "./local-credentials.ts";

const secrets = createSecrets("a root secret for the tests");
const subject = { identityPoolId: "local:7c9a4d2e-5b1f-4e8a-9f3d-2a6b8c0d1e4f", identityId: "local:0c9a4d2e-5b1f-4e8a-9f3d-2a6b8c0d1e4f", roleArn: "arn:aws:iam::123456789012:role/AppUser", authenticated: true, providers: ["localhost:3000/local_Demo12345"] };

test("local credentials look like AWS's and open to what they were minted for", () => {
  const c = mintLocalCredentials(secrets, subject, new Date(Date.now() + 3600_000));
  assert.match(c.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.equal(c.secretAccessKey.length, 40);
  assert.equal(c.secretAccessKey, localSecretAccessKey(secrets, c.accessKeyId));
  const opened = openLocalCredentials(secrets, c.accessKeyId, c.sessionToken);
  assert.ok(opened.ok);
  assert.equal(opened.credentials.identityId, subject.identityId);
  assert.equal(opened.credentials.roleArn, subject.roleArn);
});

test("a session token opens only with its own access key id, under the same secret, before it expires", () => {
  const c = mintLocalCredentials(secrets, subject, new Date(Date.now() + 3600_000));
  const other = mintLocalCredentials(secrets, subject, new Date(Date.now() + 3600_000));
  assert.deepEqual(openLocalCredentials(secrets, other.accessKeyId, c.sessionToken), { ok: false, problem: "invalid" });
  assert.deepEqual(openLocalCredentials(createSecrets("another secret"), c.accessKeyId, c.sessionToken), { ok: false, problem: "invalid" });
  const tampered = c.sessionToken.slice(0, -4) + (c.sessionToken.endsWith("AAAA") ? "BBBB" : "AAAA");
  assert.deepEqual(openLocalCredentials(secrets, c.accessKeyId, tampered), { ok: false, problem: "invalid" });
  assert.deepEqual(openLocalCredentials(secrets, c.accessKeyId, c.sessionToken, new Date(Date.now() + 3601_000)), { ok: false, problem: "expired" });
});

test("the assumed-role ARN is STS's", () => {
  assert.equal(assumedRoleArn("arn:aws:iam::123456789012:role/path/AppUser"), "arn:aws:sts::123456789012:assumed-role/AppUser/CognitoIdentityCredentials");
});
