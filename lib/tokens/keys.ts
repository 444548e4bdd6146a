// Each pool's RS256 signing keys, private halves encrypted at rest. Rotation publishes a new key
// at once and keeps the old one in the JWKS until every token it signed has expired.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { JWK } from "jose";
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import type { Secrets } from "../security/secrets.ts";
import { countActiveKeys, findPublishedPrivateKeys, findPublishedPublicKeys, insertSigningKey, lockPoolKeys, retireActiveKeys } from "./keys.queries.ts";

// The longest an ID or access token can live (Cognito's bound), plus clock skew.
const MAX_TOKEN_LIFETIME_MS = 24 * 3600 * 1000 + 5 * 60 * 1000;

type NewKey = { kid: string; publicJwk: JWK; privateJwk: JWK };

function newKey(): NewKey {
  const kid = randomBytes(16).toString("base64url");
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const base = { kid, alg: "RS256", use: "sig" };
  return {
    kid,
    publicJwk: { ...(publicKey.export({ format: "jwk" }) as JWK), ...base },
    privateJwk: { ...(privateKey.export({ format: "jwk" }) as JWK), ...base },
  };
}

// The row to store: the private half encrypted.
function sealed(key: NewKey, secrets: Secrets, poolId: string) {
  return { poolId, kid: key.kid, publicJwk: key.publicJwk, privateJwkEnc: secrets.encrypt(JSON.stringify(key.privateJwk)) };
}

export async function ensureSigningKey(db: Db, secrets: Secrets, poolId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockPoolKeys(tx, { poolId });
    if (await countActiveKeys(tx, { poolId })) return;
    await insertSigningKey(tx, sealed(newKey(), secrets, poolId));
  });
}

/** The private keys oidc-provider signs with: the active key first, then those still retiring. */
export async function loadSigningKeys(db: Db, secrets: Secrets, poolId: string): Promise<JWK[]> {
  await ensureSigningKey(db, secrets, poolId);
  const sealedKeys = await findPublishedPrivateKeys(db, { poolId });
  return sealedKeys.map((enc) => JSON.parse(secrets.decrypt(enc)) as JWK);
}

/** Public keys for the JWKS document. */
export async function loadPublicKeys(db: Db, poolId: string): Promise<JWK[]> {
  const keys = await findPublishedPublicKeys(db, { poolId });
  return keys.map((jwk) => jwk as JWK);
}

/** A new active key; the old one retires. `audit` writes the change's audit row in the same transaction. */
export async function rotateSigningKey(db: Db, secrets: Secrets, poolId: string, options: { audit?: AuditIn } = {}): Promise<string> {
  const key = newKey();
  await db.$transaction(async (tx) => {
    await lockPoolKeys(tx, { poolId });
    await retireActiveKeys(tx, { poolId, retireAfter: new Date(Date.now() + MAX_TOKEN_LIFETIME_MS) });
    await insertSigningKey(tx, sealed(key, secrets, poolId));
    await options.audit?.(tx, { kid: key.kid });
  });
  return key.kid;
}
