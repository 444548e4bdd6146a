// Signing-key rotation against a real (embedded) PostgreSQL: the new key signs at once, the old
// one stays published until every token it signed has expired.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "../lib/db/client.ts";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { createSecrets } from "../lib/security/secrets.ts";
import { loadPublicKeys, loadSigningKeys, rotateSigningKey } from "../lib/tokens/keys.ts";

let dir: string;
let embedded: EmbeddedDatabase;
let db: Db;
const secrets = createSecrets("rotation-test-secret-0123456789abcdef");

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "gatehouse-keys-"));
  embedded = await startEmbeddedDatabase({ dataDir: dir });
  await applyMigrations({ url: embedded.url });
  db = createDb({ url: embedded.url, embedded: true });
  await db.userPool.create({ data: { id: "local_Keys00001", name: "Keys", passwordPolicy: {} } });
});
after(async () => {
  await db?.$disconnect();
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("key rotation: the new key signs, the old one stays in the JWKS until its tokens expire", async () => {
  const [first] = await loadSigningKeys(db, secrets, "local_Keys00001");
  assert.ok(first?.kid && first.d, "a private signing key is created on demand");
  const newKid = await rotateSigningKey(db, secrets, "local_Keys00001");
  const signing = await loadSigningKeys(db, secrets, "local_Keys00001");
  assert.equal(signing[0]!.kid, newKid, "the new key comes first, so it signs");
  const published = (await loadPublicKeys(db, "local_Keys00001")).map((k) => k.kid);
  assert.deepEqual(published.sort(), [first.kid, newKid].sort());
  assert.ok((await loadPublicKeys(db, "local_Keys00001")).every((k) => k.d === undefined), "no private parts published");

  // Once the retiring key's last token has expired, it leaves the JWKS.
  await db.signingKey.update({ where: { kid: first.kid }, data: { retireAfter: new Date(Date.now() - 1000) } });
  assert.deepEqual((await loadPublicKeys(db, "local_Keys00001")).map((k) => k.kid), [newKid]);
});

test("private keys are stored encrypted", async () => {
  const rows = await db.signingKey.findMany({ where: { poolId: "local_Keys00001" } });
  for (const row of rows) {
    assert.ok(row.privateJwkEnc.startsWith("v1."));
    assert.ok(!row.privateJwkEnc.includes('"d"'));
  }
});
