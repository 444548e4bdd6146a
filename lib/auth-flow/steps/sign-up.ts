// SignUp: a new, unconfirmed account and its confirmation code. The flow then waits for ConfirmSignUp.
import { builtInClientRow } from "../../account/account-client.ts";
import { flowClient } from "../flow-client.ts";
import { permissionsOf } from "../../pools/client-attributes.queries.ts";
import { signUp as createSignUp } from "../../users/sign-up.ts";
import type { Outcome, StartParameters, StepInput } from "../contract.ts";
import { mfaStep } from "./after-password.ts";
import { restart } from "./confirm-sign-up.ts";
import { outcome } from "./outcome.ts";
import { triggerContextOf } from "./trigger-context.ts";

export async function signUp({ deps, pool, state, answers, context }: StepInput<StartParameters["SignUp"]>): Promise<Outcome> {
  // One read of the client: what it may write, and whether it hides existing accounts.
  const row = (await flowClient(deps, pool.id, state.clientId)) ?? builtInClientRow(state.clientId, []);
  const client = permissionsOf(row);
  const preventUserExistenceErrors = row?.preventUserExistenceErrors !== "LEGACY";
  const result = await createSignUp(deps, {
    pool, client, username: answers.USERNAME, password: answers.PASSWORD, attributes: answers.userAttributes, preventUserExistenceErrors,
    trigger: triggerContextOf(state, context),
  });
  if (result.confirmed && result.user) {
    // The pre sign-up trigger confirmed the account: no code; the hosted UI signs the user in
    // (through MFA as any sign-in), the API's SignUp answers UserConfirmed.
    if (answers.signInWhenConfirmed === false) return outcome({ ...restart(state), userId: result.user.id }, null);
    state.userId = result.user.id;
    state.passwordVerified = true;
    state.amr = ["pwd"];
    return mfaStep(deps, pool, state, result.user);
  }
  // No user when the sign-up hid an existing account: ConfirmSignUp then answers as for one.
  state.userId = result.user?.id ?? null;
  state.step = "ConfirmSignUp";
  state.passwordVerified = true;
  state.amr = ["pwd"];
  state.destination = result.codeDestination;
  if (result.concealedAddress) state.concealedSignUp = result.concealedAddress;
  return outcome(state, result.user, { sent: result.codeDestination !== null });
}
