// Gatehouse's one root secret and what is derived from it: the key that encrypts secrets at rest
// (signing keys, TOTP seeds) and the keys that sign cookies.
import { createCipheriv, createDecipheriv, hash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Secrets = {
  encrypt: (plain: string) => string;
  decrypt: (sealed: string) => string;
  cookieKeys: string[];
  /** A stable secret for one named purpose, the same on every instance sharing GATEHOUSE_SECRET. */
  derive: (purpose: string) => string;
};

/** Reads GATEHOUSE_SECRET, or the one generated into the data directory on the first start. */
export function loadRootSecret(options: { secret: string | undefined; dataDir: string; log?: (l: string) => void }): string {
  if (options.secret) return options.secret;
  const file = path.join(options.dataDir, "gatehouse.secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(options.dataDir, { recursive: true });
  const generated = randomBytes(32).toString("base64url");
  writeFileSync(file, generated + "\n", { mode: 0o600 });
  options.log?.(`GATEHOUSE_SECRET is not set: generated one in ${file}. Set the same value on every instance.`);
  return generated;
}

function derive(root: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", root, "gatehouse", purpose, 32));
}

export function createSecrets(root: string): Secrets {
  const key = derive(root, "encryption-at-rest/v1");
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unrecognised sealed secret");
      const authTag = Buffer.from(tag, "base64url");
      // A short tag would weaken the authentication: accept only full 16-byte tags.
      if (authTag.length !== 16) throw new Error("sealed secret has a bad authentication tag");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
      decipher.setAuthTag(authTag);
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    },
    cookieKeys: [derive(root, "cookies/v1").toString("base64url")],
    derive: (purpose) => derive(root, purpose).toString("base64url"),
  };
}

// crypto.hash: one-shot, a fraction of createHash's cost for a short input (every client secret check).
export function sha256(value: string): string {
  return hash("sha256", value);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = hash("sha256", a, "buffer");
  const right = hash("sha256", b, "buffer");
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** A numeric code of `digits` digits from a uniform distribution. */
export function randomDigits(digits: number): string {
  let out = "";
  while (out.length < digits) {
    const byte = randomBytes(1)[0]!;
    if (byte < 250) out += String(byte % 10);
  }
  return out;
}
