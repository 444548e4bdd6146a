import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { createSecrets } from "../security/secrets.ts";
import { openCookie, sealCookie } from "./sealed-cookie.ts";

const secrets = createSecrets("test-root-secret");
const schema = z.object({ sub: z.string() });

test("a sealed cookie opens only as its own kind, in its own pool, before it expires", () => {
  const cookie = sealCookie(secrets, { kind: "session", poolId: "local_A", data: { sub: "u1" }, maxAge: 60, secure: false });
  assert.equal(cookie.path, "/local_A/account");
  assert.deepEqual(openCookie(secrets, { kind: "session", poolId: "local_A", value: cookie.value, schema }), { sub: "u1" });
  assert.equal(openCookie(secrets, { kind: "session", poolId: "local_B", value: cookie.value, schema }), null, "another pool");
  assert.equal(openCookie(secrets, { kind: "flash", poolId: "local_A", value: cookie.value, schema }), null, "another kind");
  assert.equal(openCookie(createSecrets("another-root"), { kind: "session", poolId: "local_A", value: cookie.value, schema }), null, "another secret");
  assert.equal(openCookie(secrets, { kind: "session", poolId: "local_A", value: cookie.value.slice(0, -2) + "AA", schema }), null, "tampered");
  const expired = sealCookie(secrets, { kind: "session", poolId: "local_A", data: { sub: "u1" }, maxAge: -1, secure: false });
  assert.equal(openCookie(secrets, { kind: "session", poolId: "local_A", value: expired.value, schema }), null, "expired");
  assert.equal(openCookie(secrets, { kind: "session", poolId: "local_A", value: secrets.encrypt("not json"), schema }), null);
});
