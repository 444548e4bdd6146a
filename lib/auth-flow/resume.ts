// Flows a door resumes by name rather than by a kept state: Cognito's ConfirmSignUp,
// ResendConfirmationCode and ConfirmForgotPassword name the user (Username) instead of handing
// back a Session. The state built here is what the flow would hold had it started in this request;
// `respond` then applies the same rules to it. A name with no account gets the state a concealed
// account gets (the same answers, counted the same way) when the client prevents user-existence
// errors, and UserNotFoundException when it does not.
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { findUserByLogin } from "../users/find-user.ts";
import type { UserRow } from "../users/user.ts";
import type { EngineDeps, FlowState } from "./contract.ts";
import { newFlowState } from "./engine.ts";

type Resume = { pool: Pool; clientId: string; login: string; preventUserExistenceErrors: boolean };

const notFound = () => new AppError("UserNotFoundException", "Username/client id combination not found.");

/** The state of a sign-up waiting for its code (ConfirmSignUp, ResendConfirmationCode). */
export async function signUpAwaitingCode(deps: Pick<EngineDeps, "db">, options: Resume): Promise<{ state: FlowState; user: UserRow | null }> {
  const user = await findUserByLogin(deps.db, options.pool, options.login);
  const state: FlowState = { ...newFlowState({ poolId: options.pool.id, clientId: options.clientId }), step: "ConfirmSignUp" };
  if (!user) {
    if (!options.preventUserExistenceErrors) throw notFound();
    return { state: { ...state, passwordVerified: true, concealedSignUp: options.login.trim().toLowerCase() }, user: null };
  }
  return { state: { ...state, userId: user.id }, user };
}

/** The state of a password reset waiting for its code (ConfirmForgotPassword). */
export async function resetAwaitingCode(deps: Pick<EngineDeps, "db">, options: Resume): Promise<FlowState> {
  const user = await findUserByLogin(deps.db, options.pool, options.login);
  if (!user && !options.preventUserExistenceErrors) throw notFound();
  return { ...newFlowState({ poolId: options.pool.id, clientId: options.clientId }), step: "ConfirmForgotPassword", userId: user?.id ?? null, resetLogin: options.login };
}
