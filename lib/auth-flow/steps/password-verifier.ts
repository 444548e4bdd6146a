// PASSWORD_VERIFIER: with the password itself (USER_PASSWORD_AUTH, and the hosted sign-in form), or
// with the SRP proof of USER_SRP_AUTH, which first opened the challenge (startSrp) and sent the
// client the salt and B. Either way the account's status then decides the next step.
import { startSrpSignIn, verifySignInPassword, verifySrpSignIn } from "../../users/verify-sign-in.ts";
import type { Pool } from "../../pools/pool.ts";
import { runPreAuthentication } from "../../triggers/sign-in-triggers.ts";
import { migrateUser } from "../../triggers/user-migration.ts";
import type { TriggerContext } from "../../triggers/sign-up-triggers.ts";
import type { UserRow } from "../../users/user.ts";
import type { Answers, EngineDeps, FlowState, Outcome, StartParameters, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { afterPassword } from "./after-password.ts";
import { outcome } from "./outcome.ts";
import { triggerContextOf } from "./trigger-context.ts";

/**
 * The pre authentication trigger for the account a name refers to; for a name with no account,
 * only where the app client prevents user-existence errors (with userNotFound), as Cognito.
 */
async function preAuthentication(
  deps: EngineDeps, options: { pool: Pool; state: FlowState; found: UserRow | null; login: string; trigger: TriggerContext },
): Promise<void> {
  const { pool, found } = options;
  if (!found) {
    const client = await deps.db.appClient.findFirst({ where: { clientId: options.state.clientId, poolId: pool.id }, select: { preventUserExistenceErrors: true } });
    if (client?.preventUserExistenceErrors === "LEGACY") return;
  }
  await runPreAuthentication(deps, { pool, user: found, login: options.login, context: options.trigger });
}

export async function passwordVerifier({ deps, pool, state, answers, context }: StepInput<Answers["PASSWORD_VERIFIER"]>): Promise<Outcome> {
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
  const trigger = triggerContextOf(state, context);
  const user = await verifySignInPassword(deps, {
    pool, login, password,
    beforeProof: pool.triggers.preAuthentication ? (found) => preAuthentication(deps, { pool, state, found, login, trigger }) : undefined,
    // A password sign-in may migrate an unknown name; SRP cannot (the password is never sent), as in Cognito.
    migrate: pool.triggers.userMigration ? () => migrateUser(deps, { pool, source: "UserMigration_Authentication", login, password, context: trigger }) : undefined,
  });
  return afterPassword(deps, pool, state, user);
}

/** USER_SRP_AUTH: opens PASSWORD_VERIFIER with the salt and B for the name given. */
export async function startSrp({ deps, pool, state, answers, context }: StepInput<StartParameters["USER_SRP_AUTH"]>): Promise<Outcome> {
  const login = required(answers.USERNAME, "USERNAME", "login");
  const A = required(answers.SRP_A, "SRP_A");
  const { user, challenge, salt } = await startSrpSignIn(deps, { pool, login, A });
  // Cognito asks pre authentication once the user is found, before the proof (here, its answer) is checked.
  if (pool.triggers.preAuthentication) await preAuthentication(deps, { pool, state, found: user, login, trigger: triggerContextOf(state, context) });
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
