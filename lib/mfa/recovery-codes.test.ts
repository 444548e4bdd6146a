// Recovery codes against real PostgreSQL (a database of its own): their form, their storage, and
// spending one exactly once.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database.ts";
import { createDb, type Db } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { applyConfig, parseConfigText } from "../config/apply-config.ts";
import { createSecrets } from "../security/secrets.ts";
import {
  clearRecoveryCodes, newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT, regenerateRecoveryCodes, remainingRecoveryCodes, redeemRecoveryCode,
} from "./recovery-codes.ts";

let database: TestDatabase;
let db: Db;
let userId: string;
const skip = !process.env.DATABASE_URL && "needs DATABASE_URL (PostgreSQL)";

before(async () => {
  database = await createTestDatabase();
  if (!database.url) return;
  await applyMigrations({ url: database.url });
  db = createDb({ url: database.url, embedded: false });
  const config = { pools: [{ id: "local_Recovery1", name: "R", signInAliases: ["email"], users: [{ username: "ann", password: "Sunny-Day-42", attributes: { email: "ann@example.com" } }] }] };
  await applyConfig({ db, secrets: createSecrets("recovery-test") }, parseConfigText(JSON.stringify(config)));
  userId = (await db.user.findFirstOrThrow({ where: { username: "ann" } })).id;
});
after(async () => {
  await db?.$disconnect();
  await database?.drop();
});

test("a code is xxxxx-xxxxx from Crockford's base32: 50 random bits, no i, l, o or u", () => {
  const seen = new Set<string>();
  const chars = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const code = newRecoveryCode();
    assert.match(code, /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    seen.add(code);
    for (const c of code.replace("-", "")) chars.add(c);
  }
  assert.equal(seen.size, 2000, "no repeats");
  assert.equal(chars.size, 32, "every one of the 32 characters turns up");
});

test("what is typed is read as Crockford does: case, spaces and dashes ignored, O as 0, I and L as 1", () => {
  assert.equal(normalizeRecoveryCode(" AB1O0-il xyz "), "ab10011xyz");
  assert.equal(normalizeRecoveryCode("7K2MQ-4HX9D"), "7k2mq4hx9d");
});

test("ten codes, stored as hashes; a new set replaces the old one", { skip }, async () => {
  const first = await regenerateRecoveryCodes(db, { userId });
  assert.equal(first.length, RECOVERY_CODE_COUNT);
  assert.equal(await remainingRecoveryCodes(db, { userId }), 10);
  const rows = await db.recoveryCode.findMany({ where: { userId } });
  assert.equal(rows.length, 10);
  for (const row of rows) assert.ok(!first.some((code) => row.codeHash.includes(code) || row.codeHash.includes(code.replace("-", ""))));

  const second = await regenerateRecoveryCodes(db, { userId });
  assert.equal(await db.recoveryCode.count({ where: { userId } }), 10);
  assert.equal(await redeemRecoveryCode(db, { userId, code: first[0]! }), false, "the old set no longer works");
  assert.equal(await redeemRecoveryCode(db, { userId, code: second[0]! }), true);
  assert.equal(await remainingRecoveryCodes(db, { userId }), 9);
});

test("a code is spent once, in whatever spelling; of ten racing uses, one succeeds", { skip }, async () => {
  const codes = await regenerateRecoveryCodes(db, { userId });
  assert.equal(await redeemRecoveryCode(db, { userId, code: codes[0]!.toUpperCase().replace("-", " ") }), true);
  assert.equal(await redeemRecoveryCode(db, { userId, code: codes[0]! }), false);
  const results = await Promise.all(Array.from({ length: 10 }, () => redeemRecoveryCode(db, { userId, code: codes[1]! })));
  assert.equal(results.filter(Boolean).length, 1);
  assert.equal(await remainingRecoveryCodes(db, { userId }), 8);
  // Not a code at all, or someone else's: false, nothing spent.
  assert.equal(await redeemRecoveryCode(db, { userId, code: "not a code" }), false);
  assert.equal(await redeemRecoveryCode(db, { userId: "someone-else", code: codes[2]! }), false);
  assert.equal(await remainingRecoveryCodes(db, { userId }), 8);
});

test("clearing removes every code", { skip }, async () => {
  await regenerateRecoveryCodes(db, { userId });
  assert.equal(await clearRecoveryCodes(db, { userId }), 10);
  assert.equal(await remainingRecoveryCodes(db, { userId }), 0);
});
