// Signing in with a passkey: the options for navigator.credentials.get() (the user's passkeys, or
// none for a discoverable passkey that names its user), and the assertion checked against the
// challenge the sign-in flow kept, the relying party, the allowed origins, the stored public key
// and the signature counter. The challenge lives in the flow's state (sealed, or in the hosted
// flow's row), and the caller removes it before calling verifyPasskeySignIn: one answer per challenge.
import { generateAuthenticationOptions, verifyAuthenticationResponse, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { isoBase64URL, parseAuthenticatorData } from "@simplewebauthn/server/helpers";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { constantTimeEqual } from "../security/secrets.ts";
import { CHALLENGE_TTL_MS } from "./challenges.ts";
import { counterAccepted } from "./counter.ts";
import { authenticationResponseOf, clientDataOf } from "./credential-json.ts";
import { passkeyErrors } from "./errors.ts";
import { advanceCredentialCounter, findPoolCredential, findUserCredentialIds } from "./passkeys.queries.ts";
import { assertPasskeysEnabled, assertRelyingParty, type PasskeyDeps } from "./register.ts";
import { originAllowed, relyingPartyOf } from "./relying-party.ts";

/** A sign-in challenge as the flow keeps it. */
export type PasskeyChallenge = { challenge: string; expiresAt: number };

export const PASSKEY_SIGN_IN_FAILED = "Passkey authentication failed.";
const failed = () => new AppError("NotAuthorizedException", PASSKEY_SIGN_IN_FAILED);

/** Options for navigator.credentials.get(), and the challenge for the flow to keep. */
export async function startPasskeySignIn(
  deps: PasskeyDeps, options: { pool: Pool; userId: string | null; now?: number },
): Promise<{ requestOptions: PublicKeyCredentialRequestOptionsJSON; challenge: PasskeyChallenge }> {
  const { pool } = options;
  assertPasskeysEnabled(pool);
  const rp = relyingPartyOf(pool, deps.env.publicUrl);
  const credentials = options.userId
    ? await findUserCredentialIds(deps.db, { poolId: pool.id, userId: options.userId })
    : [];
  const requestOptions = await generateAuthenticationOptions({
    rpID: rp.id, userVerification: pool.passkeys.userVerification, timeout: CHALLENGE_TTL_MS,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
  });
  return { requestOptions, challenge: { challenge: requestOptions.challenge, expiresAt: (options.now ?? Date.now()) + CHALLENGE_TTL_MS } };
}

/**
 * Checks an assertion against the flow's challenge (already taken out of the flow by the caller),
 * for `userId` when the flow knows its user, else for whoever the discoverable passkey names.
 * Answers the user and whether the authenticator verified them (PIN, biometrics).
 */
export async function verifyPasskeySignIn(
  deps: PasskeyDeps, options: { pool: Pool; userId: string | null; challenge: PasskeyChallenge | undefined; credential: unknown; now?: number },
): Promise<{ userId: string; userVerified: boolean; credentialId: string }> {
  const { pool } = options;
  assertPasskeysEnabled(pool);
  const rp = relyingPartyOf(pool, deps.env.publicUrl);
  const response = authenticationResponseOf(options.credential);
  const clientData = clientDataOf(response.response.clientDataJSON);
  const kept = options.challenge;
  if (!kept || kept.expiresAt <= (options.now ?? Date.now()) || !constantTimeEqual(kept.challenge, clientData.challenge)) throw passkeyErrors.challengeNotFound();
  if (clientData.type !== "webauthn.get") throw passkeyErrors.invalid("it is not an assertion.");
  if (!originAllowed(rp, clientData.origin)) throw passkeyErrors.originNotAllowed();
  let rpIdHash: Uint8Array;
  try {
    rpIdHash = parseAuthenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData)).rpIdHash;
  } catch {
    throw passkeyErrors.invalid("its authenticator data cannot be read.");
  }
  assertRelyingParty(rpIdHash, rp.id);

  const stored = await findPoolCredential(deps.db, { poolId: pool.id, credentialId: response.id });
  if (!stored || (options.userId && stored.userId !== options.userId)) throw failed();
  // A discoverable passkey names its user (the sub we gave it at registration): it must be this credential's.
  const handle = response.response.userHandle;
  if (handle && Buffer.from(handle, "base64url").toString("utf8") !== stored.userId) throw failed();

  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response, expectedChallenge: kept.challenge, expectedOrigin: clientData.origin, expectedRPID: rp.id,
      // The counter rule is ours (counter.ts), applied below once the signature is known to be good.
      credential: { id: stored.credentialId, publicKey: new Uint8Array(stored.publicKey), counter: 0, transports: stored.transports },
      requireUserVerification: pool.passkeys.userVerification === "required",
    });
  } catch {
    throw failed();
  }
  if (!verified.verified) throw failed();
  const { newCounter, userVerified } = verified.authenticationInfo;
  if (!counterAccepted(stored.counter, newCounter)) {
    deps.log?.(`passkey ${stored.credentialId} of user ${stored.userId}: counter ${newCounter} not above ${stored.counter}, a cloned authenticator? sign-in refused`);
    throw new AppError("NotAuthorizedException", "This passkey's signature counter went backwards, which happens when an authenticator is cloned. Sign in another way and remove this passkey.");
  }
  // Only if no other sign-in moved the counter meanwhile (the same assertion twice wins once).
  const advanced = await advanceCredentialCounter(deps.db, {
    id: stored.id, counter: stored.counter, newCounter, lastUsedAt: new Date(options.now ?? Date.now()), backedUp: verified.authenticationInfo.credentialBackedUp,
  });
  if (!advanced) throw failed();
  return { userId: stored.userId, userVerified, credentialId: stored.credentialId };
}
