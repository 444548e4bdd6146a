import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyPassword } from "../security/passwords.ts";
import { computePasswordRecord, passwordColumns } from "./password-record.ts";

test("password record: an argon2id hash of the password, set at the given time", async () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const record = await computePasswordRecord({ password: "Corr3ct horse!", now });
  assert.match(record.passwordHash, /^\$argon2id\$/);
  assert.ok(await verifyPassword(record.passwordHash, "Corr3ct horse!"));
  assert.equal(await verifyPassword(record.passwordHash, "corr3ct horse!"), false);
  assert.equal(record.passwordSetAt, now);
  assert.deepEqual(passwordColumns(record), { passwordHash: record.passwordHash, passwordSetAt: now });
});

test("password record: none clears the columns (a user who must reset before signing in)", () => {
  assert.deepEqual(passwordColumns(null), { passwordHash: null, passwordSetAt: null });
});
