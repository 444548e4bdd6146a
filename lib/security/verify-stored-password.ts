// Checks a password against whatever User.passwordHash holds: our argon2id hash, or a hash brought
// from another system (password-hashes.ts), each by its own algorithm, and says whether the hash
// should be replaced by ours (anything but argon2id with our exact parameters). A hash over the
// work caps, or one no format recognises, never verifies. Every comparison is constant-time, and a
// missing hash still costs one argon2 verification (passwords.ts), so it answers like a wrong one;
// so does any hash that is not ours, on top of its own check (never sooner than an unknown name).
import { parseOptions as argon2Options, verify as argon2Verify } from "@node-rs/argon2";
import { verify as bcryptVerify } from "@node-rs/bcrypt";
import { createCipheriv, pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { capProblem, readStoredHash, type FirebaseScrypt, type StoredHash } from "./password-hashes.ts";
import { ARGON2ID_OPTIONS, verifyPassword } from "./passwords.ts";

export type StoredPasswordVerdict = {
  ok: boolean;
  /** The password is right and the hash is not ours: replace it with hashPassword's (and an SRP verifier). */
  needsRehash: boolean;
};

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

export async function verifyStoredPassword(stored: string | null | undefined, password: string): Promise<StoredPasswordVerdict> {
  if (!stored) return { ok: await verifyPassword(null, password), needsRehash: false };
  const hash = readStoredHash(stored);
  if (!hash || capProblem(hash)) return { ok: await verifyPassword(null, password) && false, needsRehash: false };
  const ok = await verifyByFormat(hash, password).catch(() => false);
  const current = isCurrentArgon2id(hash);
  // A hash from elsewhere may be far cheaper than ours (bcrypt cost 5): one argon2 verification
  // more keeps its answer from coming sooner than an unknown name's, which would tell the account
  // exists. Paid until the first sign-in replaces the hash.
  if (!current) await verifyPassword(null, password);
  return { ok, needsRehash: ok && !current };
}

function verifyByFormat(hash: StoredHash, password: string): Promise<boolean> {
  switch (hash.format) {
    case "argon2":
      // The parameters, salt and variant are read from the string itself.
      return argon2Verify(hash.text, password);
    case "bcrypt":
      return bcryptVerify(password, hash.text);
    case "django-pbkdf2":
    case "pbkdf2":
    {
      // The key length is the stored hash's: Django's is the digest's, Keycloak's 64 bytes by default.
      const expected = Buffer.from(hash.hashBase64, "base64");
      return pbkdf2Async(password, Buffer.from(hash.salt.text, hash.salt.encoding), hash.iterations, expected.length, hash.digest).then((derived) => timingSafeEqual(derived, expected));
    }
    case "firebase-scrypt":
      return firebaseScrypt(hash.params, password);
  }
}

/**
 * Firebase's modified scrypt: key = scrypt(password, salt ‖ saltSeparator, N = 2^memCost,
 * r = rounds, p = 1, 32 bytes); the hash is the project's signerKey encrypted with AES-256-CTR
 * under that key and a zero IV.
 */
async function firebaseScrypt(params: FirebaseScrypt, password: string): Promise<boolean> {
  const N = 2 ** params.memCost;
  const salt = Buffer.concat([Buffer.from(params.salt, "base64"), Buffer.from(params.saltSeparator, "base64")]);
  const key = await scryptAsync(password, salt, 32, { N, r: params.rounds, p: 1, maxmem: 256 * N * params.rounds });
  const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
  const computed = Buffer.concat([cipher.update(Buffer.from(params.signerKey, "base64")), cipher.final()]);
  const expected = Buffer.from(params.hash, "base64");
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

function isCurrentArgon2id(hash: StoredHash): boolean {
  if (hash.format !== "argon2") return false;
  const o = argon2Options(hash.text);
  return Number(o.algorithm) === ARGON2ID_OPTIONS.algorithm && Number(o.version) === 1 /* 0x13 */ && o.memoryCost === ARGON2ID_OPTIONS.memoryCost &&
    o.timeCost === ARGON2ID_OPTIONS.timeCost && o.parallelism === ARGON2ID_OPTIONS.parallelism && o.outputLen === 32 && o.saltLen >= 16;
}
