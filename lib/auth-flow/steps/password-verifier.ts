// PASSWORD_VERIFIER: with the password itself (USER_PASSWORD_AUTH, and the hosted sign-in form), or
// with the SRP proof of USER_SRP_AUTH, which first opened the challenge (startSrp) and sent the
// client the salt and B. Either way the account's status then decides the next step.
import { startSrpSignIn, verifySignInPassword, verifySrpSignIn } from "../../users/verify-sign-in.ts";
import type { Answers, Outcome, StartParameters, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { afterPassword } from "./after-password.ts";
import { outcome } from "./outcome.ts";

export async function passwordVerifier({ deps, pool, state, answers }: StepInput<Answers["PASSWORD_VERIFIER"]>): Promise<Outcome> {
  const srp = state.srp;
  if (srp) {
    // The challenge's state is used once, whatever the answer.
    delete state.srp;
    const user = await verifySrpSignIn(deps, {
      pool, userId: state.userId, challenge: srp,
      claim: {
        secretBlock: required(answers.PASSWORD_CLAIM_SECRET_BLOCK, "PASSWORD_CLAIM_SECRET_BLOCK"),
        signature: required(answers.PASSWORD_CLAIM_SIGNATURE, "PASSWORD_CLAIM_SIGNATURE"),
        timestamp: required(answers.TIMESTAMP, "TIMESTAMP"),
      },
    });
    return afterPassword(deps, pool, state, user);
  }
  const login = required(answers.USERNAME, "USERNAME", "login");
  const password = required(answers.PASSWORD, "PASSWORD", "password");
  const user = await verifySignInPassword(deps, { pool, login, password });
  return afterPassword(deps, pool, state, user);
}

/** USER_SRP_AUTH: opens PASSWORD_VERIFIER with the salt and B for the name given. */
export async function startSrp({ deps, pool, state, answers }: StepInput<StartParameters["USER_SRP_AUTH"]>): Promise<Outcome> {
  const login = required(answers.USERNAME, "USERNAME", "login");
  const A = required(answers.SRP_A, "SRP_A");
  const { user, challenge, salt } = await startSrpSignIn(deps, { pool, login, A });
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
