// Each pool's RS256 signing keys, private halves encrypted at rest. Rotation publishes a new key
// at once and keeps the old one in the JWKS until every token it signed has expired.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { JWK } from "jose";
import type { Db } from "../db/client.ts";
import type { Secrets } from "../security/secrets.ts";

// The longest an ID or access token can live (Cognito's bound), plus clock skew.
const MAX_TOKEN_LIFETIME_MS = 24 * 3600 * 1000 + 5 * 60 * 1000;

function newKey(): { kid: string; publicJwk: JWK; privateJwk: JWK } {
  const kid = randomBytes(16).toString("base64url");
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const base = { kid, alg: "RS256", use: "sig" };
  return {
    kid,
    publicJwk: { ...(publicKey.export({ format: "jwk" }) as JWK), ...base },
    privateJwk: { ...(privateKey.export({ format: "jwk" }) as JWK), ...base },
  };
}

export async function ensureSigningKey(db: Db, secrets: Secrets, poolId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`keys:${poolId}`}))`;
    if (await tx.signingKey.count({ where: { poolId, status: "active" } })) return;
    const key = newKey();
    await tx.signingKey.create({
      data: { kid: key.kid, poolId, publicJwk: key.publicJwk as object, privateJwkEnc: secrets.encrypt(JSON.stringify(key.privateJwk)) },
    });
  });
}

/** The private keys oidc-provider signs with: the active key first, then those still retiring. */
export async function loadSigningKeys(db: Db, secrets: Secrets, poolId: string): Promise<JWK[]> {
  await ensureSigningKey(db, secrets, poolId);
  const rows = await db.signingKey.findMany({
    where: { poolId, OR: [{ status: "active" }, { retireAfter: { gt: new Date() } }] },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
  });
  return rows.map((row) => JSON.parse(secrets.decrypt(row.privateJwkEnc)) as JWK);
}

/** Public keys for the JWKS document. */
export async function loadPublicKeys(db: Db, poolId: string): Promise<JWK[]> {
  const rows = await db.signingKey.findMany({
    where: { poolId, OR: [{ status: "active" }, { retireAfter: { gt: new Date() } }] },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    select: { publicJwk: true },
  });
  return rows.map((row) => row.publicJwk as JWK);
}

export async function rotateSigningKey(db: Db, secrets: Secrets, poolId: string): Promise<string> {
  const key = newKey();
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`keys:${poolId}`}))`;
    await tx.signingKey.updateMany({
      where: { poolId, status: "active" },
      data: { status: "retiring", retireAfter: new Date(Date.now() + MAX_TOKEN_LIFETIME_MS) },
    });
    await tx.signingKey.create({
      data: { kid: key.kid, poolId, publicJwk: key.publicJwk as object, privateJwkEnc: secrets.encrypt(JSON.stringify(key.privateJwk)) },
    });
  });
  return key.kid;
}
