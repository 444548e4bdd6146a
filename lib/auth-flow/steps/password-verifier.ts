// PASSWORD_VERIFIER: with the password itself (USER_PASSWORD_AUTH, and the hosted sign-in form), or
// with the SRP proof of USER_SRP_AUTH, which first opened the challenge (startSrp) and sent the
// client the salt and B. Either way the account's status then decides the next step.
import { verifySignInPassword, verifySrpSignIn } from "../../users/verify-sign-in.ts";
import type { Answers, Outcome, StartParameters, StepInput } from "../contract.ts";
import { passwordStepOfCustomAuth } from "./custom-challenge.ts";
import { openSrpChallenge } from "./srp-challenge.ts";
import { required } from "../errors.ts";
import { afterPassword } from "./after-password.ts";

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
    // Inside a custom flow (CUSTOM_AUTH with SRP_A), the triggers decide what follows the password.
    if (state.custom) return passwordStepOfCustomAuth(deps, pool, state, user);
    return afterPassword(deps, pool, state, user);
  }
  const login = required(answers.USERNAME, "USERNAME", "login");
  const password = required(answers.PASSWORD, "PASSWORD", "password");
  const user = await verifySignInPassword(deps, { pool, login, password });
  return afterPassword(deps, pool, state, user);
}

/** USER_SRP_AUTH: opens PASSWORD_VERIFIER with the salt and B for the name given. */
export async function startSrp({ deps, pool, state, answers }: StepInput<StartParameters["USER_SRP_AUTH"]>): Promise<Outcome> {
  return openSrpChallenge(deps, pool, state, required(answers.USERNAME, "USERNAME", "login"), required(answers.SRP_A, "SRP_A"));
}
