// The client's side of Cognito's SRP, computed the way amazon-cognito-identity-js does but with
// native exponentiation, so a benchmark's client does not starve the server it measures.
import { createDiffieHellman, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { formatTimestamp, g, k, N, padHex, poolNameOf } from "../lib/security/srp.ts";

const toBig = (hex: string) => BigInt(`0x${hex}`);
const hexHash = (hex: string) => createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
const dh = createDiffieHellman(Buffer.from(N.toString(16), "hex"), Buffer.from([2]));
export const nativePow = (base: bigint, exponent: bigint) => {
  dh.setPrivateKey(Buffer.from(padHex(exponent), "hex"));
  return toBig(dh.computeSecret(Buffer.from(base.toString(16).padStart(768, "0"), "hex")).toString("hex"));
};

/** One sign-in's client: SRP_A to start with, then the PASSWORD_VERIFIER answer to the challenge. */
export function srpClient(poolId: string) {
  const a = toBig(randomBytes(128).toString("hex"));
  const A = nativePow(g, a);
  return {
    A: A.toString(16),
    answer(challenge: { USER_ID_FOR_SRP: string; SALT: string; SRP_B: string; SECRET_BLOCK: string }, password: string) {
      const poolName = poolNameOf(poolId);
      const x = toBig(hexHash(padHex(toBig(challenge.SALT)) + createHash("sha256").update(`${poolName}${challenge.USER_ID_FOR_SRP}:${password}`).digest("hex")));
      const B = toBig(challenge.SRP_B);
      const u = toBig(hexHash(padHex(A) + padHex(B)));
      const base = (((B - k * nativePow(g, x)) % N) + N) % N;
      const S = nativePow(base, a + u * x);
      const key = Buffer.from(hkdfSync("sha256", Buffer.from(padHex(S), "hex"), Buffer.from(padHex(u), "hex"), "Caldera Derived Key", 16));
      const timestamp = formatTimestamp(new Date());
      const signature = createHmac("sha256", key)
        .update(Buffer.concat([Buffer.from(poolName), Buffer.from(challenge.USER_ID_FOR_SRP), Buffer.from(challenge.SECRET_BLOCK, "base64"), Buffer.from(timestamp)]))
        .digest("base64");
      return { PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp, USERNAME: challenge.USER_ID_FOR_SRP };
    },
  };
}
