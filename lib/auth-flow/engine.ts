// The sign-in engine every front door drives. `start` begins a flow (a sign-in with a password, a
// sign-up, a forgotten password) and `respond` answers the step the flow waits for; both return
// the next challenge with its public parameters, or the finished sign-in. Rate limits, lockout
// (in lib/users/verify-sign-in.ts), audit events and clearing failed attempts happen here, so
// every door gets the same rules. Words and pages do not: errors carry Cognito's codes and
// messages, and each door maps them (lib/hosted-ui/wording.ts; the Cognito API sends them as is).
//
// The flow's state is plain JSON that the door keeps: the hosted UI in its AuthFlow row, the
// Cognito API sealed in the `Session` it hands out (session.ts).
import { isAppError } from "../errors.ts";
import { findPoolUser } from "./auth-flow.queries.ts";
import type { Pool } from "../pools/pool.ts";
import { runPostAuthentication } from "../triggers/sign-in-triggers.ts";
import { clearFailedAttempts } from "../users/verify-sign-in.ts";
import { linkProviderForUser } from "../federation/identities.ts";
import { RECOVERY_CODE_STEPS, type Answers, type EngineDeps, type FlowState, type Outcome, type RequestContext, type ResponseName, type StartFlow, type StartParameters } from "./contract.ts";
import { sessionExpired } from "./errors.ts";
import { assertWithinRateLimit, auditFailure, auditSignIn } from "./guard.ts";
import { RESPONSE_STEPS, START_STEPS } from "./steps/index.ts";
import { deviceProofBeforeDone } from "../devices/device-sign-in.ts";

/** A flow that has not started: it waits for the password. */
export function newFlowState(options: { poolId: string; clientId: string }): FlowState {
  return { poolId: options.poolId, clientId: options.clientId, step: "PASSWORD_VERIFIER", userId: null };
}

/**
 * Whether a name a door received is one the engine answers. A Cognito challenge it does not
 * implement yet (SELECT_MFA_TYPE, CUSTOM_CHALLENGE, SMS_MFA, EMAIL_OTP) is not: the door answers
 * InvalidParameterException before opening any flow.
 */
export function isResponseName(value: string): value is ResponseName {
  return Object.hasOwn(RESPONSE_STEPS, value);
}

/** Whether `name` answers what the flow waits for (a resend belongs to the step whose code it resends). */
export function accepts(state: FlowState, name: ResponseName): boolean {
  // A passwordless EMAIL_OTP is a first factor: no resend from its page (it goes back to the sign-in
  // page for another), and never a recovery code, which only ever stands in for a second factor.
  if (name === "ResendSignInCode") return !state.passwordless && (state.step === "SMS_MFA" || state.step === "EMAIL_OTP");
  if (name === "RecoveryCode") return !state.passwordless && (RECOVERY_CODE_STEPS as readonly string[]).includes(state.step);
  return name === "ResendConfirmationCode" ? state.step === "ConfirmSignUp" : state.step === name;
}

/** Begins a new flow, independent of any earlier one. */
export async function start<F extends StartFlow>(
  deps: EngineDeps,
  options: { pool: Pool; clientId: string; flow: F; parameters: StartParameters[F]; context: RequestContext },
): Promise<Outcome> {
  const { pool, flow, context } = options;
  const state = newFlowState({ poolId: pool.id, clientId: options.clientId });
  return run(deps, { pool, state, operation: flow, context, typedLogin: typedLogin(options.parameters) }, () =>
    (START_STEPS[flow] as (input: { deps: EngineDeps; pool: Pool; state: FlowState; answers: StartParameters[F]; context: RequestContext }) => Promise<Outcome>)(
      { deps: withRequestLocale(deps, context), pool, state, answers: options.parameters, context },
    ));
}

/**
 * Answers the step the flow waits for. `state` is updated in place, also when the answer is
 * refused (counts of wrong codes live in it): a door that keeps the state saves it either way.
 */
export async function respond<N extends ResponseName>(
  deps: EngineDeps,
  options: { pool: Pool; state: FlowState; name: N; answers: Answers[N]; context: RequestContext },
): Promise<Outcome> {
  const { pool, state, name, context } = options;
  if (state.poolId !== pool.id || !accepts(state, name)) throw sessionExpired();
  return run(deps, { pool, state, operation: name, context, typedLogin: typedLogin(options.answers) }, () =>
    (RESPONSE_STEPS[name] as (input: { deps: EngineDeps; pool: Pool; state: FlowState; answers: Answers[N]; context: RequestContext }) => Promise<Outcome>)(
      { deps: withRequestLocale(deps, context), pool, state, answers: options.answers, context },
    ));
}

/** The deps a step runs with: the engine's, and the language of the request for the messages it sends. */
function withRequestLocale(deps: EngineDeps, context: RequestContext): EngineDeps {
  return context.locale ? { ...deps, requestLocale: context.locale } : deps;
}

type Run = { pool: Pool; state: FlowState; operation: StartFlow | ResponseName; context: RequestContext; typedLogin: string | null };

async function run(deps: EngineDeps, r: Run, step: () => Promise<Outcome>): Promise<Outcome> {
  const target = { poolId: r.pool.id, state: r.state, typedLogin: r.typedLogin, context: r.context };
  await assertWithinRateLimit(deps, { poolId: r.pool.id, operation: r.operation, context: r.context });
  let result: Outcome;
  try {
    result = await step();
  } catch (error) {
    if (isAppError(error)) await auditFailure(deps, r.operation, error, target);
    throw error;
  }
  if (result.kind === "done") {
    // A tracked device the sign-in named proves itself before the sign-in finishes (lib/devices).
    const deviceStep = await deviceProofBeforeDone(deps, r.pool, r.state, result.user);
    if (deviceStep) return deviceStep;
    // A native user who proved their account takes the IdP identity that led here.
    const link = r.state.link;
    if (link && link.userId === result.userId) await linkProviderForUser(deps.db, { pool: r.pool, ...link });
    // Post authentication may still refuse the sign-in (UserLambdaValidationException), before any token.
    if (r.pool.triggers.postAuthentication) await postAuthentication(deps, r, result.userId);
    // A completed sign-in: the failures before it no longer count toward a lockout (nothing to
    // write when the step's own read of the user shows none).
    if (!result.user || result.user.failedAttempts > 0 || result.user.lockedUntil) await clearFailedAttempts(deps.db, result.userId);
    await auditSignIn(deps, result.amr, { ...target, user: result.user });
  }
  return result;
}

async function postAuthentication(deps: EngineDeps, r: Run, userId: string): Promise<void> {
  const user = await findPoolUser(deps.db, { poolId: r.pool.id, userId });
  if (!user) throw sessionExpired();
  const context = { clientId: r.state.clientId, validationData: r.context.validationData, clientMetadata: r.context.clientMetadata };
  try {
    await runPostAuthentication(deps, { pool: r.pool, user, context });
  } catch (error) {
    if (isAppError(error)) await auditFailure(deps, r.operation, error, { poolId: r.pool.id, state: r.state, typedLogin: r.typedLogin, context: r.context });
    throw error;
  }
}

function typedLogin(parameters: object): string | null {
  const login = (parameters as { USERNAME?: unknown }).USERNAME;
  return typeof login === "string" ? login : null;
}

export { pendingSecretCode } from "./steps/mfa-setup.ts";
