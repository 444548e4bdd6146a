// Each imported format verifies its own password, refuses a wrong one, and asks to be replaced;
// our own argon2id does not; hashes over the work caps are refused at import and never verify.
// Vectors (tests/support/password-hash-vectors.ts, shared with the integration test) were made
// outside this code: bcrypt and argon2 with @node-rs/bcrypt and @node-rs/argon2, Django and Keycloak
// PBKDF2 with Python's hashlib.pbkdf2_hmac, and Firebase's published vector.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hashSync as argon2HashSync } from "@node-rs/argon2";
import { parsePasswordHashText, PasswordHashInputSchema } from "./password-hashes.ts";
import { hashPassword } from "./passwords.ts";
import { verifyStoredPassword } from "./verify-stored-password.ts";
import { ARGON2, BCRYPT, DJANGO, FIREBASE, KEYCLOAK } from "../../tests/support/password-hash-vectors.ts";

const stored = (input: unknown) => PasswordHashInputSchema.parse(input);

async function assertImported(hash: string, password: string) {
  assert.deepEqual(await verifyStoredPassword(hash, password), { ok: true, needsRehash: true }, hash);
  assert.deepEqual(await verifyStoredPassword(hash, `${password}!`), { ok: false, needsRehash: false }, hash);
  assert.deepEqual(await verifyStoredPassword(hash, password.toUpperCase()), { ok: false, needsRehash: false }, hash);
}

test("bcrypt ($2a$, $2b$, $2y$) verifies its password and asks to be replaced", async () => {
  for (const hash of BCRYPT.hashes) await assertImported(stored(hash), BCRYPT.password);
});

test("argon2 with other parameters (argon2i, argon2id, argon2d) verifies and asks to be replaced", async () => {
  for (const hash of ARGON2.hashes) await assertImported(stored(hash), ARGON2.password);
});

test("our own argon2id verifies without asking to be replaced; argon2id with our m but another t does ask", async () => {
  const ours = await hashPassword("Corr3ct horse!");
  assert.deepEqual(await verifyStoredPassword(ours, "Corr3ct horse!"), { ok: true, needsRehash: false });
  assert.deepEqual(await verifyStoredPassword(ours, "corr3ct horse!"), { ok: false, needsRehash: false });
  const otherPasses = argon2HashSync("Corr3ct horse!", { algorithm: 2, memoryCost: 19_456, timeCost: 3, parallelism: 1 });
  assert.deepEqual(await verifyStoredPassword(otherPasses, "Corr3ct horse!"), { ok: true, needsRehash: true });
});

test("Django PBKDF2 (pbkdf2_sha256, pbkdf2_sha512) verifies with the salt as text", async () => {
  for (const hash of DJANGO.hashes) await assertImported(stored(hash), DJANGO.password);
});

test("Keycloak PBKDF2 (sha256, sha512, and pbkdf2 = SHA-1) verifies with the salt as base64 bytes", async () => {
  for (const digest of ["sha256", "sha512", "sha1"] as const) {
    const algorithm = digest === "sha1" ? "pbkdf2" : `pbkdf2-${digest}`;
    const { iterations, value } = KEYCLOAK[digest];
    const flat = stored({ algorithm, hashIterations: iterations, salt: KEYCLOAK.salt, value });
    assert.equal(flat, `$pbkdf2-${digest}$i=${iterations}$${KEYCLOAK.salt}$${value}`);
    await assertImported(flat, KEYCLOAK.password);
    // Keycloak's own credential representation gives the same stored string.
    const credential = { type: "password", secretData: JSON.stringify({ value, salt: KEYCLOAK.salt }), credentialData: JSON.stringify({ hashIterations: iterations, algorithm }) };
    assert.equal(stored(credential), flat);
  }
});

test("Firebase scrypt verifies Firebase's published vector", async () => {
  const hash = stored(FIREBASE.hash);
  assert.ok(hash.startsWith("$firebase-scrypt$"));
  await assertImported(hash, FIREBASE.password);
  // A CSV cell holds the same object as JSON text.
  assert.equal(parsePasswordHashText(JSON.stringify(FIREBASE.hash)).data, hash);
  const otherSigner = stored({ ...FIREBASE.hash, signerKey: Buffer.alloc(64, 1).toString("base64") });
  assert.equal((await verifyStoredPassword(otherSigner, FIREBASE.password)).ok, false);
});

test("a missing or unrecognised stored hash never verifies", async () => {
  for (const hash of [null, undefined, "", "plaintext", "$1$abc$def", "sha1$salt$hash", "$firebase-scrypt$not json", "$2b$05$short"]) {
    assert.deepEqual(await verifyStoredPassword(hash, "plaintext"), { ok: false, needsRehash: false }, String(hash));
  }
});

test("hash work caps: absurd parameters are refused at import, naming the parameter, and never verify", async () => {
  const cases: [unknown, RegExp][] = [
    ["$2b$16$XbMr1gPhGRRrUx3a8PFPNOAEuS9eVjeQrI3XDTp.omK32ZsrfNExe", /bcrypt cost 16 is over the cap of 15/],
    ["$argon2id$v=19$m=1048576,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", /m=1048576 KiB is over the cap/],
    ["$argon2id$v=19$m=19456,t=50,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", /t=50 is over the cap of 10/],
    ["$argon2id$v=19$m=19456,t=2,p=64$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", /p=64 is over the cap of 16/],
    ["pbkdf2_sha256$60000000$salt$CGFP03a920m6+aWyYmBQOohFy0GwprskBEosDXn2B4Q=", /PBKDF2 work .* over the cap of 6,000,000/],
    [{ algorithm: "pbkdf2", hashIterations: 2_000_000, salt: KEYCLOAK.salt, value: KEYCLOAK.sha1.value }, /PBKDF2 work \(2000000 iterations × output blocks\)/],
    [{ algorithm: "pbkdf2-sha256", hashIterations: 1000, salt: KEYCLOAK.salt, value: Buffer.alloc(512).toString("base64") }, /PBKDF2 hash of 512 bytes is over the cap of 64/],
    [{ ...FIREBASE.hash, memCost: 20 }, /memCost 20 is over the cap of 14/],
    [{ ...FIREBASE.hash, rounds: 100 }, /rounds 100 is over the cap of 8/],
  ];
  for (const [input, message] of cases) {
    const parsed = PasswordHashInputSchema.safeParse(input);
    assert.equal(parsed.success, false, JSON.stringify(input));
    assert.match(parsed.error.issues.map((i) => i.message).join("; "), message);
  }
  const slowBcrypt = cases[0]![0] as string;
  const started = Date.now();
  assert.deepEqual(await verifyStoredPassword(slowBcrypt, "x"), { ok: false, needsRehash: false });
  assert.ok(Date.now() - started < 500, "a hash over the caps is refused without computing it");
});

test("an unrecognised passwordHash input gets an error naming the formats", () => {
  const parsed = PasswordHashInputSchema.safeParse("md5:5f4dcc3b5aa765d61d8327deb882cf99");
  assert.equal(parsed.success, false);
  assert.match(parsed.error.issues[0]!.message, /not a recognised password hash: bcrypt/);
});
