// What SAML keeps in the database: the pool's own service-provider key pair (made once, sealed with
// GATEHOUSE_SECRET) and the ids of assertions already accepted (so none is accepted twice).
import type { Db } from "../db/client.ts";
import type { Secrets } from "../security/secrets.ts";
import { createSelfSignedCertificate } from "./saml-certificate.ts";

export type SpKeyPair = { certificate: string; privateKey: string };

/** The pool's SP key pair, created on first use. Two requests racing both insert without conflict
 * (ON CONFLICT DO NOTHING) and both read back the one row that won. */
export async function spKeyPair(deps: { db: Db; secrets: Pick<Secrets, "encrypt" | "decrypt"> }, poolId: string): Promise<SpKeyPair> {
  const read = () => deps.db.samlServiceProviderKey.findUnique({ where: { poolId }, select: { certificate: true, privateKeyEnc: true } });
  let row = await read();
  if (!row) {
    const made = await createSelfSignedCertificate({ commonName: `urn:amazon:cognito:sp:${poolId}` });
    await deps.db.samlServiceProviderKey.createMany({
      data: [{ poolId, certificate: made.certificate, privateKeyEnc: deps.secrets.encrypt(made.privateKey) }],
      skipDuplicates: true,
    });
    row = await read();
    if (!row) throw new Error(`SAML SP key of ${poolId} vanished after insert`);
  }
  return { certificate: row.certificate, privateKey: deps.secrets.decrypt(row.privateKeyEnc) };
}

/** Records an accepted assertion id; false when it was already recorded (a replay). Expired rows are
 * purged on the way, as their assertions would be refused as expired anyway. */
export async function recordAssertion(db: Db, options: { poolId: string; id: string; expiresAt: Date; now?: Date }): Promise<boolean> {
  const now = options.now ?? new Date();
  await db.samlAssertionSeen.deleteMany({ where: { expiresAt: { lt: now } } });
  const { count } = await db.samlAssertionSeen.createMany({
    data: [{ poolId: options.poolId, id: options.id, expiresAt: options.expiresAt }],
    skipDuplicates: true,
  });
  return count === 1;
}
