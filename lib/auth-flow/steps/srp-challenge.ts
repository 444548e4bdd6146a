// USER_SRP_AUTH's first step, and CUSTOM_AUTH's password step: PASSWORD_VERIFIER with the salt and
// B for the name given (a decoy's for a name with no account), the server's half kept in the flow.
import type { Pool } from "../../pools/pool.ts";
import type { UserRow } from "../../users/user.ts";
import { startSrpSignIn } from "../../users/verify-sign-in.ts";
import type { EngineDeps, FlowState, Outcome } from "../contract.ts";
import { outcome } from "./outcome.ts";

/** PASSWORD_VERIFIER with the salt and B for `login` (USER_SRP_AUTH, and CUSTOM_AUTH's password step). */
export async function openSrpChallenge(
  deps: EngineDeps, pool: Pool, state: FlowState, login: string, A: string,
  /** Runs once the user (or no one) is found, before the challenge goes out (the pre authentication trigger). */
  beforeChallenge?: (user: UserRow | null) => Promise<void>,
): Promise<Outcome> {
  const { user, challenge, salt } = await startSrpSignIn(deps, { pool, login, A });
  if (beforeChallenge) await beforeChallenge(user);
  state.userId = user?.id ?? null;
  state.srp = challenge;
  state.step = "PASSWORD_VERIFIER";
  const result = outcome(state, null);
  if (result.kind === "challenge") {
    Object.assign(result.parameters, {
      SALT: salt, SRP_B: challenge.B, SECRET_BLOCK: challenge.secretBlock, USERNAME: challenge.userIdForSrp, USER_ID_FOR_SRP: challenge.userIdForSrp,
    });
  }
  return result;
}
