// PASSWORD_VERIFIER: with the password itself (USER_PASSWORD_AUTH, and the hosted sign-in form), or
// with the SRP proof of USER_SRP_AUTH, which first opened the challenge (startSrp) and sent the
// client the salt and B. Either way the account's status then decides the next step.
import { flowClient } from "../flow-client.ts";
import { verifySignInPassword, verifySrpSignIn } from "../../users/verify-sign-in.ts";
import type { Pool } from "../../pools/pool.ts";
import { runPreAuthentication } from "../../triggers/sign-in-triggers.ts";
import { migrateUser } from "../../triggers/user-migration.ts";
import { adoptOldPassword, migrateOnSignIn } from "../../migration/cognito-source.ts";
import { passOldPoolChallenge } from "./old-pool-challenge.ts";
import type { TriggerContext } from "../../triggers/sign-up-triggers.ts";
import type { UserRow } from "../../users/user.ts";
import type { Answers, EngineDeps, FlowState, Outcome, StartParameters, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { afterPassword } from "./after-password.ts";
import { passwordStepOfCustomAuth } from "./custom-challenge.ts";
import { openSrpChallenge } from "./srp-challenge.ts";
import { triggerContextOf } from "./trigger-context.ts";
import { noteDevice } from "../../devices/device-sign-in.ts";

/**
 * The pre authentication trigger for the account a name refers to; for a name with no account,
 * only where the app client prevents user-existence errors (with userNotFound), as Cognito.
 */
async function preAuthentication(
  deps: EngineDeps, options: { pool: Pool; state: FlowState; found: UserRow | null; login: string; trigger: TriggerContext },
): Promise<void> {
  const { pool, found } = options;
  if (!found) {
    const client = await flowClient(deps, pool.id, options.state.clientId);
    if (client?.preventUserExistenceErrors === "LEGACY") return;
  }
  await runPreAuthentication(deps, { pool, user: found, login: options.login, context: options.trigger });
}

export async function passwordVerifier({ deps, pool, state, answers, context }: StepInput<Answers["PASSWORD_VERIFIER"]>): Promise<Outcome> {
  await noteDevice(deps, state, answers);
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
  const trigger = triggerContextOf(state, context);
  const trigger_ = pool.triggers.userMigration ? () => migrateUser(deps, { pool, source: "UserMigration_Authentication", login, password, context: trigger }) : null;
  const migrateFrom = pool.migrateFrom ? () => migrateOnSignIn(deps, { pool, login, password }) : null;
  const proved = await verifySignInPassword(deps, {
    pool, login, password,
    beforeProof: pool.triggers.preAuthentication ? (found) => preAuthentication(deps, { pool, state, found, login, trigger }) : undefined,
    // A password sign-in may migrate an unknown name; SRP cannot (the password is never sent), as in
    // Cognito. The live Cognito pool (migrateFrom) is asked first; the trigger, for names it does not know.
    migrate: migrateFrom || trigger_ ? async () => {
      const moved = migrateFrom ? await migrateFrom() : { kind: "none" as const };
      return moved.kind === "none" && trigger_ ? trigger_() : moved;
    } : undefined,
    // An account imported from the old pool without its password gets it at its first sign-in.
    adopt: pool.migrateFrom ? (user) => adoptOldPassword(deps, { pool, user, login, password }) : undefined,
  });
  if ("kind" in proved) return passOldPoolChallenge(state, proved.challenge);
  return afterPassword(deps, pool, state, proved);
}

/** USER_SRP_AUTH: opens PASSWORD_VERIFIER with the salt and B for the name given. */
export async function startSrp({ deps, pool, state, answers, context }: StepInput<StartParameters["USER_SRP_AUTH"]>): Promise<Outcome> {
  const login = required(answers.USERNAME, "USERNAME", "login");
  await noteDevice(deps, state, answers);
  // Cognito asks pre authentication once the user is found, before the proof (here, its answer) is checked.
  const beforeChallenge = pool.triggers.preAuthentication
    ? (found: UserRow | null) => preAuthentication(deps, { pool, state, found, login, trigger: triggerContextOf(state, context) })
    : undefined;
  return openSrpChallenge(deps, pool, state, login, required(answers.SRP_A, "SRP_A"), beforeChallenge);
}
