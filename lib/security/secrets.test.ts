import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { constantTimeEqual, createSecrets, loadRootSecret, randomDigits, randomToken, sha256 } from "./secrets.ts";

const ROOT = "a-root-secret-of-at-least-32-characters!";

/** Flips one bit of the n-th dot-separated part of a sealed secret. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

test("secrets at rest: encrypt then decrypt gives back the plain text", () => {
  const secrets = createSecrets(ROOT);
  for (const plain of ["", "JBSWY3DPEHPK3PXP", '{"kty":"RSA","d":"…"}', "ünïcödé 🔑".repeat(100)]) {
    const sealed = secrets.encrypt(plain);
    assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]*$/);
    assert.ok(!sealed.includes(plain) || plain === "", "the plain text must not appear in the sealed value");
    assert.equal(secrets.decrypt(sealed), plain);
  }
  // Another instance with the same root (another Gatehouse process) can decrypt.
  assert.equal(createSecrets(ROOT).decrypt(secrets.encrypt("shared")), "shared");
});

test("secrets at rest: each encryption uses a fresh IV", () => {
  const secrets = createSecrets(ROOT);
  const a = secrets.encrypt("same");
  const b = secrets.encrypt("same");
  assert.notEqual(a, b);
  assert.notEqual(a.split(".")[1], b.split(".")[1]);
});

test("secrets at rest: a tampered ciphertext, IV or tag is detected and refused", () => {
  const secrets = createSecrets(ROOT);
  const sealed = secrets.encrypt("totp-seed-ABCDEFGHIJ");
  for (const part of [1, 2, 3]) {
    assert.throws(() => secrets.decrypt(tamper(sealed, part)), `tampering with part ${part} must be detected`);
  }
  const [, iv, tag, body] = sealed.split(".");
  assert.throws(() => secrets.decrypt(["v2", iv, tag, body].join(".")), /unrecognised sealed secret/);
  assert.throws(() => secrets.decrypt(`v1.${iv}.${tag}`), /unrecognised sealed secret/);
  assert.throws(() => secrets.decrypt("plain text"), /unrecognised sealed secret/);
});

test("secrets at rest: a different GATEHOUSE_SECRET cannot decrypt", () => {
  const sealed = createSecrets(ROOT).encrypt("private signing key");
  assert.throws(() => createSecrets(ROOT + "x").decrypt(sealed));
});

test("secrets: cookie keys are derived from the root secret, and differ from root to root", () => {
  const a = createSecrets(ROOT).cookieKeys;
  assert.equal(a.length, 1);
  assert.deepEqual(createSecrets(ROOT).cookieKeys, a);
  assert.notDeepEqual(createSecrets(ROOT + "x").cookieKeys, a);
  assert.equal(Buffer.from(a[0]!, "base64url").length, 32);
  assert.ok(!a[0]!.includes(ROOT));
});

test("secrets: without GATEHOUSE_SECRET a root secret is generated once into the data directory, readable only by its owner", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-secret-"));
  try {
    const lines: string[] = [];
    assert.equal(loadRootSecret({ secret: "from-the-environment", dataDir: dir }), "from-the-environment");
    const first = loadRootSecret({ secret: undefined, dataDir: path.join(dir, "data"), log: (l) => lines.push(l) });
    assert.equal(Buffer.from(first, "base64url").length, 32);
    const file = path.join(dir, "data", "gatehouse.secret");
    assert.equal(readFileSync(file, "utf8"), `${first}\n`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /GATEHOUSE_SECRET is not set/);
    // The next start reuses it, silently.
    assert.equal(loadRootSecret({ secret: undefined, dataDir: path.join(dir, "data"), log: (l) => lines.push(l) }), first);
    assert.equal(lines.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("constant-time comparison: equal strings match, any difference does not", () => {
  assert.equal(constantTimeEqual("csrf-token-123", "csrf-token-123"), true);
  assert.equal(constantTimeEqual("", ""), true);
  assert.equal(constantTimeEqual("csrf-token-123", "csrf-token-124"), false);
  assert.equal(constantTimeEqual("csrf-token-123", "csrf-token-12"), false);
  assert.equal(constantTimeEqual("csrf-token-12", "csrf-token-123"), false);
  assert.equal(constantTimeEqual("abc", ""), false);
  assert.equal(constantTimeEqual("é", "e\u0301"), false);
});

test("sha256 and randomToken", () => {
  assert.equal(sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.match(randomToken(), /^[\w-]{43}$/);
  assert.match(randomToken(24), /^[\w-]{32}$/);
  assert.notEqual(randomToken(), randomToken());
});

test("verification codes: randomDigits gives exactly the digits asked for", () => {
  for (const digits of [1, 6, 8, 32]) {
    const code = randomDigits(digits);
    assert.equal(code.length, digits);
    assert.match(code, /^\d+$/);
  }
  assert.equal(randomDigits(0), "");
});

test("verification codes: randomDigits is uniform over 0-9 (no modulo bias)", () => {
  const counts = new Array<number>(10).fill(0);
  const sample = randomDigits(50_000);
  for (const c of sample) counts[Number(c)]! += 1;
  // Expected 5,000 each, standard deviation ≈ 67; ±500 is more than 7 deviations.
  for (const [digit, count] of counts.entries()) assert.ok(count > 4500 && count < 5500, `digit ${digit} appeared ${count} times`);
  // And codes do not repeat in practice.
  const codes = new Set(Array.from({ length: 200 }, () => randomDigits(8)));
  assert.ok(codes.size >= 199);
});

// Without authTagLength Node accepts a GCM tag truncated to as little as 4 bytes, and a forger
// would need to match only 32 bits of it.
test("secrets at rest: a truncated authentication tag is refused", () => {
  const secrets = createSecrets(ROOT);
  const [version, iv, tag, body] = secrets.encrypt("private signing key").split(".");
  const short = Buffer.from(tag!, "base64url").subarray(0, 4).toString("base64url");
  assert.throws(() => secrets.decrypt([version, iv, short, body].join(".")));
});
