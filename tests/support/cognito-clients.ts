// What the tests of Cognito's own client packages (amazon-cognito-identity-js, Amplify) share: a
// key-value store such as a browser's localStorage, kept per test so no state leaks, TOTP codes as
// an authenticator app shows them, and new names to sign up with.
import { randomBytes } from "node:crypto";
import { generate } from "otplib";

/** The Storage shape both packages accept (amazon-cognito-identity-js's ICognitoStorage, Amplify's KeyValueStorageInterface). */
export class MapStorage {
  readonly map = new Map<string, string>();
  setItem(key: string, value: string) {
    this.map.set(key, value);
    return value;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  removeItem(key: string) {
    return this.map.delete(key);
  }
  clear() {
    this.map.clear();
    return {};
  }
}

/** The code an authenticator app shows now (lib/mfa/totp.ts: otplib's defaults, 30-second steps). */
export function totpCode(secret: string): Promise<string> {
  return generate({ secret });
}

/**
 * The code of the next 30-second step: Gatehouse accepts one step of drift and refuses a step at or
 * before the last one used, so a second sign-in right after a first uses it instead of waiting.
 */
export function nextTotpCode(secret: string): Promise<string> {
  return generate({ secret, epoch: (Math.floor(Date.now() / 30_000) + 1) * 30 });
}

/** An address no other test uses. */
export function newEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

/** A JWT's payload, without checking anything (what a client reads). */
export function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** The JWT with its payload changed and its signature kept (now wrong): what a client that reads claims without checking them sees. */
export function withClaims(jwt: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = jwt.split(".");
  const changed = { ...(JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as object), ...claims };
  return [header, Buffer.from(JSON.stringify(changed)).toString("base64url"), signature].join(".");
}
