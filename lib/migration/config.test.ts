import { test } from "node:test";
import assert from "node:assert/strict";
import { MigrateFromSchema, mergeMigrateFrom, storedMigrateFromOf, viewMigrateFrom } from "./config.ts";

const secrets = { encrypt: (plain: string) => `sealed:${plain}` };
const setting = { type: "cognito" as const, userPoolId: "eu-west-1_AbCdEf123", clientId: "abc", region: "eu-west-1" };

test("the client secret is stored sealed and never shown", () => {
  const stored = mergeMigrateFrom(secrets, null, { ...setting, clientSecret: "s3cret" });
  assert.equal(stored?.clientSecretEnc, "sealed:s3cret");
  assert.deepEqual(viewMigrateFrom(stored), { ...setting, hasClientSecret: true });
  assert.ok(!JSON.stringify(viewMigrateFrom(stored)).includes("s3cret"));
});

test("given again without its secret (an export, the console), the stored secret is kept for the same pool and client only", () => {
  const stored = mergeMigrateFrom(secrets, null, { ...setting, clientSecret: "s3cret" });
  assert.equal(mergeMigrateFrom(secrets, stored, setting)?.clientSecretEnc, "sealed:s3cret");
  assert.equal(mergeMigrateFrom(secrets, stored, { ...setting, clientId: "other" })?.clientSecretEnc, undefined);
  assert.equal(mergeMigrateFrom(secrets, stored, null), null, "null turns migration off");
});

test("a malformed stored value reads as off; a bad pool id is refused naming the field", () => {
  assert.equal(storedMigrateFromOf({ type: "cognito" }), null);
  assert.equal(storedMigrateFromOf(null), null);
  const parsed = MigrateFromSchema.safeParse({ ...setting, userPoolId: "nope" });
  assert.equal(parsed.success, false);
  assert.deepEqual(parsed.error?.issues[0]?.path, ["userPoolId"]);
});
