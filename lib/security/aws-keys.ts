// AWS-shaped key material: ids in AWS's alphabet and length (`GHK…` admin keys, `ASIA…` temporary
// credentials, `AROA…` role ids) and secret access keys derived from an access key id, so they are
// never stored and every instance sharing GATEHOUSE_SECRET recomputes the same one.
import { createHmac, randomInt } from "node:crypto";
import type { Secrets } from "./secrets.ts";

// RFC 4648's base32 alphabet, as AWS's own access key ids use.
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** `prefix` and `length` base32 characters: random, or taken from `bytes` (a digest) when given. */
export function awsStyleId(prefix: string, length: number, bytes?: Uint8Array): string {
  let id = prefix;
  for (let i = 0; i < length; i++) id += BASE32[bytes ? bytes[i]! % 32 : randomInt(32)];
  return id;
}

/** The 40-character secret access key of an access key id, under the key derived for `purpose`. */
export function derivedSecretAccessKey(secrets: Pick<Secrets, "derive">, purpose: string, accessKeyId: string): string {
  return createHmac("sha256", secrets.derive(purpose)).update(accessKeyId).digest("base64url").slice(0, 40);
}
