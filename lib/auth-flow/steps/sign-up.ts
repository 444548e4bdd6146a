// SignUp: a new, unconfirmed account and its confirmation code. The flow then waits for ConfirmSignUp.
import { permissionsOf } from "../../pools/client-attributes.queries.ts";
import { signUp as createSignUp } from "../../users/sign-up.ts";
import type { Outcome, StartParameters, StepInput } from "../contract.ts";
import { outcome } from "./outcome.ts";

export async function signUp({ deps, pool, state, answers }: StepInput<StartParameters["SignUp"]>): Promise<Outcome> {
  // One read of the client: what it may write, and whether it hides existing accounts.
  const row = await deps.db.appClient.findFirst({
    where: { clientId: state.clientId, poolId: pool.id },
    select: { preventUserExistenceErrors: true, readAttributes: true, writeAttributes: true },
  });
  const client = permissionsOf(row);
  const preventUserExistenceErrors = row?.preventUserExistenceErrors !== "LEGACY";
  const result = await createSignUp(deps, {
    pool, client, username: answers.USERNAME, password: answers.PASSWORD, attributes: answers.userAttributes, preventUserExistenceErrors,
  });
  // No user when the sign-up hid an existing account: ConfirmSignUp then answers as for one.
  state.userId = result.user?.id ?? null;
  state.step = "ConfirmSignUp";
  state.passwordVerified = true;
  state.amr = ["pwd"];
  state.destination = result.codeDestination;
  if (result.concealedAddress) state.concealedSignUp = result.concealedAddress;
  return outcome(state, result.user, { sent: result.codeDestination !== null });
}
