// Registration challenges are kept on the server, hashed, as VerificationCode rows of their own
// purpose: one open registration per user (a new one replaces it), valid 5 minutes, spent by the
// first completion that names it, whether it then succeeds or not. The challenge a browser sends
// back is only used to find the row; a challenge we never issued (or already spent) finds none.
// Sign-in challenges live in the sign-in flow's state instead (sealed or server-side, see
// lib/auth-flow/steps/web-authn.ts), under the same 5 minutes.
import type { Db } from "../db/client.ts";
import { sha256 } from "../security/secrets.ts";
import { insertChallenge, spendChallenge, spendOpenChallenges } from "./passkeys.queries.ts";

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const REGISTRATION_PURPOSE = "WEBAUTHN_REGISTRATION";

type Tx = Pick<Db, "verificationCode">;

/** The hash under which a challenge is kept: bound to the user and to the app client that asked, if any. */
const hashOf = (userId: string, clientId: string | null, challenge: string) => sha256(`webauthn:${userId}:${clientId ?? ""}:${challenge}`);

export async function keepRegistrationChallenge(db: Tx, options: { userId: string; clientId: string | null; challenge: string; now?: number }): Promise<void> {
  const now = options.now ?? Date.now();
  await spendOpenChallenges(db, { userId: options.userId, purpose: REGISTRATION_PURPOSE, at: new Date(now) });
  await insertChallenge(db, {
    userId: options.userId, purpose: REGISTRATION_PURPOSE, codeHash: hashOf(options.userId, options.clientId, options.challenge), expiresAt: new Date(now + CHALLENGE_TTL_MS),
  });
}

/**
 * Spends the open registration challenge `challenge` of the user (for the same app client), and
 * says whether there was one. Only the request that marks it consumed wins a race.
 */
export async function takeRegistrationChallenge(db: Tx, options: { userId: string; clientId: string | null; challenge: string; now?: number }): Promise<boolean> {
  const now = new Date(options.now ?? Date.now());
  return spendChallenge(db, { userId: options.userId, purpose: REGISTRATION_PURPOSE, codeHash: hashOf(options.userId, options.clientId, options.challenge), at: now });
}
