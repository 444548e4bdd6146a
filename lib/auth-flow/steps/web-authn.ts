// WEB_AUTHN: sign in with a passkey. The challenge goes out as CREDENTIAL_REQUEST_OPTIONS and is
// kept in the flow's state only; the answer (CREDENTIAL, the browser's AuthenticationResponseJSON)
// takes it out before it is checked, so each challenge is answered once, right or wrong.
import { AppError } from "../../errors.ts";
import { findPoolUser } from "../auth-flow.queries.ts";
import { startPasskeySignIn, verifyPasskeySignIn } from "../../passkeys/authenticate.ts";
import type { PasskeyDeps } from "../../passkeys/register.ts";
import type { Pool } from "../../pools/pool.ts";
import type { UserRow } from "../../users/user.ts";
import type { Answers, EngineDeps, FlowState, Outcome, StepInput } from "../contract.ts";
import { required, sessionExpired } from "../errors.ts";
import { afterFirstFactor } from "./after-first-factor.ts";
import { outcome } from "./outcome.ts";

export function passkeyDepsOf(deps: EngineDeps): PasskeyDeps {
  const publicUrl = deps.env.publicUrl;
  if (!publicUrl) throw new AppError("WebAuthnConfigurationMissingException", "The passkey relying party is not configured.");
  return { db: deps.db, env: { publicUrl }, log: deps.log };
}

/** Opens WEB_AUTHN for `user` (their passkeys allowed), or for whoever a discoverable passkey names. */
export async function openWebAuthn(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow | null): Promise<Outcome> {
  const { requestOptions, challenge } = await startPasskeySignIn(passkeyDepsOf(deps), { pool, userId: user?.id ?? null });
  state.webAuthn = challenge;
  state.step = "WEB_AUTHN";
  const result = outcome(state, user);
  if (result.kind === "challenge") result.parameters.CREDENTIAL_REQUEST_OPTIONS = JSON.stringify(requestOptions);
  return result;
}

export async function webAuthn({ deps, pool, state, answers }: StepInput<Answers["WEB_AUTHN"]>): Promise<Outcome> {
  const challenge = state.webAuthn;
  delete state.webAuthn;
  if (!challenge) throw sessionExpired();
  const credential = required(answers.CREDENTIAL, "CREDENTIAL");
  const proved = await verifyPasskeySignIn(passkeyDepsOf(deps), { pool, userId: state.userId, challenge, credential });
  const user = await findPoolUser(deps.db, { poolId: pool.id, userId: proved.userId });
  if (!user) throw sessionExpired();
  // Verified by the authenticator (PIN, biometrics): possession and the user, two factors in one.
  return afterFirstFactor(deps, pool, state, user, {
    amr: proved.userVerified ? ["hwk", "user", "mfa"] : ["hwk"], multiFactor: proved.userVerified,
  });
}
