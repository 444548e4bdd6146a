// Registering a passkey for a signed-in user: the options for navigator.credentials.create() (the
// user's existing passkeys excluded, a discoverable credential preferred so the passkey can sign in
// without a username), then the authenticator's answer checked against the challenge kept on the
// server, the pool's relying party and its allowed origins, and stored.
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { decodeAttestationObject, isoBase64URL, parseAuthenticatorData } from "@simplewebauthn/server/helpers";
import { createHash } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Pool } from "../pools/pool.ts";
import type { UserRow } from "../users/user.ts";
import { keepRegistrationChallenge, takeRegistrationChallenge } from "./challenges.ts";
import { clientDataOf, registrationResponseOf } from "./credential-json.ts";
import { passkeyErrors } from "./errors.ts";
import { findUserCredentialIds, insertCredential } from "./passkeys.queries.ts";
import { originAllowed, relyingPartyOf } from "./relying-party.ts";
import { describePasskey, type PasskeyDescription } from "./credentials.ts";

export type PasskeyDeps = { db: Db; env: { publicUrl: string }; log?: (line: string) => void };
type RegisteringUser = Pick<UserRow, "id" | "poolId" | "username" | "email">;

/** ES256, EdDSA and RS256: what authenticators offer (ML-DSA stays out until browsers ship it). */
const ALGORITHMS = [-7, -8, -257];

export function assertPasskeysEnabled(pool: Pick<Pool, "signInMethods">): void {
  if (!pool.signInMethods.includes("PASSKEY")) throw passkeyErrors.notEnabled();
}

/** Options for navigator.credentials.create(); the challenge is kept (hashed) on the server for 5 minutes. */
export async function startPasskeyRegistration(
  deps: PasskeyDeps, options: { pool: Pool; user: RegisteringUser; clientId?: string | null },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { pool, user } = options;
  assertPasskeysEnabled(pool);
  const rp = relyingPartyOf(pool, deps.env.publicUrl);
  const existing = await findUserCredentialIds(deps.db, { poolId: pool.id, userId: user.id });
  const creation = await generateRegistrationOptions({
    rpName: rp.name, rpID: rp.id,
    userName: user.email ?? user.username, userDisplayName: user.email ?? user.username,
    // The user handle is the sub: a discoverable passkey names its user by it at sign-in.
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: pool.passkeys.userVerification },
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: 5 * 60 * 1000,
  });
  await keepRegistrationChallenge(deps.db, { userId: user.id, clientId: options.clientId ?? null, challenge: creation.challenge });
  return creation;
}

/** Checks the authenticator's answer to startPasskeyRegistration's options and stores the passkey. */
export async function completePasskeyRegistration(
  deps: PasskeyDeps, options: { pool: Pool; user: RegisteringUser; credential: unknown; friendlyName?: string | null; clientId?: string | null },
): Promise<PasskeyDescription> {
  const { pool, user } = options;
  assertPasskeysEnabled(pool);
  const rp = relyingPartyOf(pool, deps.env.publicUrl);
  const response = registrationResponseOf(options.credential);
  const clientData = clientDataOf(response.response.clientDataJSON);
  if (clientData.type !== "webauthn.create") throw passkeyErrors.invalid("it is not a registration.");
  // Spent here, before any other check: a challenge answers one completion, right or wrong.
  if (!(await takeRegistrationChallenge(deps.db, { userId: user.id, clientId: options.clientId ?? null, challenge: clientData.challenge }))) {
    throw passkeyErrors.challengeNotFound();
  }
  if (!originAllowed(rp, clientData.origin)) throw passkeyErrors.originNotAllowed();
  assertRelyingParty(rpIdHashOfAttestation(response.response.attestationObject), rp.id);
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response, expectedChallenge: clientData.challenge, expectedOrigin: clientData.origin, expectedRPID: rp.id,
      requireUserVerification: pool.passkeys.userVerification === "required", supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (error) {
    throw passkeyErrors.notSupported(error instanceof Error ? error.message : String(error));
  }
  if (!verified.verified) throw passkeyErrors.notSupported("the attestation could not be verified.");
  const info = verified.registrationInfo;
  const transports = response.response.transports ?? info.credential.transports ?? [];
  try {
    const row = await insertCredential(deps.db, {
        poolId: pool.id, userId: user.id, credentialId: info.credential.id, publicKey: Buffer.from(info.credential.publicKey),
        counter: BigInt(info.credential.counter), transports, attachment: response.authenticatorAttachment ?? null,
        deviceType: info.credentialDeviceType, backedUp: info.credentialBackedUp, aaguid: info.aaguid, relyingPartyId: rp.id,
        friendlyName: options.friendlyName?.trim().slice(0, 64) || defaultName(response.authenticatorAttachment, info.credentialBackedUp),
    });
    return describePasskey(row);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw passkeyErrors.alreadyRegistered();
    throw error;
  }
}

function defaultName(attachment: string | undefined, backedUp: boolean): string {
  if (attachment === "cross-platform") return "Security key";
  return backedUp ? "Synced passkey" : "Passkey";
}

function rpIdHashOfAttestation(attestationObject: string): Uint8Array {
  try {
    const decoded = decodeAttestationObject(isoBase64URL.toBuffer(attestationObject));
    return parseAuthenticatorData(decoded.get("authData")).rpIdHash;
  } catch {
    throw passkeyErrors.invalid("its attestation cannot be read.");
  }
}

/** The authenticator data names its relying party by hash: a passkey made for another site is refused by name. */
export function assertRelyingParty(rpIdHash: Uint8Array, rpId: string): void {
  const expected = createHash("sha256").update(rpId, "utf8").digest();
  if (rpIdHash.length !== 32 || !expected.equals(Buffer.from(rpIdHash))) throw passkeyErrors.relyingPartyMismatch();
}
