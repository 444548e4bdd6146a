// CUSTOM_AUTH: sign-in by challenges the pool's own triggers define, as Cognito's custom
// authentication. DefineAuthChallenge looks at the session so far (each challenge and whether it
// was answered right) and says what comes next: another challenge, tokens, or failure;
// CreateAuthChallenge makes a CUSTOM_CHALLENGE (public parameters for the app, private ones kept
// sealed in the flow for the check); VerifyAuthChallengeResponse judges the answer. Wrong answers
// count toward the user's lockout, as wrong passwords and codes do.
import { AppError } from "../../errors.ts";
import { findPoolUser } from "../auth-flow.queries.ts";
import type { Pool } from "../../pools/pool.ts";
import { cognitoEvent } from "../../triggers/events.ts";
import { hasTrigger, invokeTrigger } from "../../triggers/invoke.ts";
import { findUserByLogin } from "../../users/find-user.ts";
import type { UserRow } from "../../users/user.ts";
import { eventUserAttributes } from "../../triggers/user-attributes.ts";
import { runPreAuthentication } from "../../triggers/sign-in-triggers.ts";
import { triggerContextOf } from "./trigger-context.ts";
import { assertNotLocked, recordFailedAttempt } from "../../users/verify-sign-in.ts";
import type { Answers, EngineDeps, FlowState, Outcome, StartParameters, StepInput } from "../contract.ts";
import { required, sessionExpired } from "../errors.ts";
import { mfaStep } from "./after-password.ts";
import { openSrpChallenge } from "./srp-challenge.ts";
import { outcome } from "./outcome.ts";

/** Cognito's limit on a custom flow's rounds. */
const MAX_ROUNDS = 10;
const WRONG = "Incorrect username or password.";

type Define = { challengeName?: string; issueTokens?: boolean; failAuthentication?: boolean };
type Create = { publicChallengeParameters?: Record<string, string>; privateChallengeParameters?: Record<string, string>; challengeMetadata?: string };

export async function startCustomAuth({ deps, pool, state, answers, context }: StepInput<StartParameters["CUSTOM_AUTH"]>): Promise<Outcome> {
  const login = required(answers.USERNAME, "USERNAME", "login");
  if (!hasTrigger(pool, "defineAuthChallenge")) throw new AppError("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.");
  const user = await findUserByLogin(deps.db, pool, login);
  if (!user && !answers.preventUserExistenceErrors) throw new AppError("UserNotFoundException", "User does not exist.");
  if (user) {
    if (!user.enabled) throw new AppError("NotAuthorizedException", "User is disabled.");
    if (user.status === "UNCONFIRMED") throw new AppError("UserNotConfirmedException", "User is not confirmed.");
    if (user.status === "RESET_REQUIRED") throw new AppError("PasswordResetRequiredException", "Password reset required for the user");
    assertNotLocked(user, WRONG);
  }
  // Pre authentication, as for any sign-in: once the user (or, hiding existence, no one) is found.
  await runPreAuthentication(deps, { pool, user, login, context: triggerContextOf(state, context) });
  state.userId = user?.id ?? null;
  state.custom = { login, userName: user?.username ?? login, userNotFound: !user, history: [], clientMetadata: answers.clientMetadata ?? {} };
  if (answers.SRP_A) {
    // The app offers the password first (amazon-cognito-identity-js's and Amplify's custom flow
    // with SRP). As Cognito, the session starts with SRP_A, and DefineAuthChallenge answering
    // PASSWORD_VERIFIER takes the password through SRP before its own challenges.
    state.custom.history.push({ challengeName: "SRP_A", challengeResult: true, challengeMetadata: "" });
    const decision = await define(deps, pool, state, user);
    if (decision.challengeName === "PASSWORD_VERIFIER") return openSrpChallenge(deps, pool, state, login, answers.SRP_A);
    return decide(deps, pool, state, user, decision);
  }
  return nextRound(deps, pool, state, user);
}

/** The password step of a custom flow passed: it joins the session, and the triggers go on. */
export async function passwordStepOfCustomAuth(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow): Promise<Outcome> {
  state.custom!.history.push({ challengeName: "PASSWORD_VERIFIER", challengeResult: true, challengeMetadata: "" });
  state.passwordVerified = true;
  return nextRound(deps, pool, state, user);
}

export async function customChallenge({ deps, pool, state, answers }: StepInput<Answers["CUSTOM_CHALLENGE"]>): Promise<Outcome> {
  const custom = state.custom;
  if (!custom?.pending) throw sessionExpired();
  const answer = required(answers.ANSWER, "ANSWER");
  const user = state.userId ? await findPoolUser(deps.db, { poolId: pool.id, userId: state.userId }) : null;
  if (state.userId && (!user || !user.enabled)) throw sessionExpired();
  if (user) assertNotLocked(user, WRONG);
  const verified = await invokeTrigger(deps, pool, "verifyAuthChallengeResponse", cognitoEvent(pool, {
    triggerSource: "VerifyAuthChallengeResponse_Authentication", userName: custom.userName, clientId: state.clientId,
    request: {
      userAttributes: user ? eventUserAttributes(user) : {},
      privateChallengeParameters: custom.pending.privateParameters,
      challengeAnswer: answer,
      clientMetadata: answers.clientMetadata ?? custom.clientMetadata,
      userNotFound: custom.userNotFound,
    },
    response: { answerCorrect: false },
  }));
  const correct = verified?.response.answerCorrect === true;
  custom.history.push({ challengeName: "CUSTOM_CHALLENGE", challengeResult: correct, challengeMetadata: custom.pending.metadata });
  delete custom.pending;
  // A wrong answer counts as a wrong password does (and may lock the account).
  if (!correct && user) await recordFailedAttempt(deps.db, user.id, WRONG);
  return nextRound(deps, pool, state, user);
}

/** Asks DefineAuthChallenge what comes next, given the session so far, and does it. */
async function nextRound(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow | null): Promise<Outcome> {
  if (state.custom!.history.length >= MAX_ROUNDS) throw new AppError("NotAuthorizedException", WRONG);
  return decide(deps, pool, state, user, await define(deps, pool, state, user));
}

async function define(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow | null): Promise<Define> {
  const custom = state.custom!;
  const defined = await invokeTrigger(deps, pool, "defineAuthChallenge", cognitoEvent(pool, {
    triggerSource: "DefineAuthChallenge_Authentication", userName: custom.userName, clientId: state.clientId,
    request: { userAttributes: user ? eventUserAttributes(user) : {}, session: custom.history, clientMetadata: custom.clientMetadata, userNotFound: custom.userNotFound },
    response: { challengeName: "", issueTokens: false, failAuthentication: false },
  }));
  return defined?.response ?? {};
}

async function decide(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow | null, decision: Define): Promise<Outcome> {
  const custom = state.custom!;
  // A user who does not exist never gets tokens, whatever the trigger says.
  if (decision.failAuthentication || (decision.issueTokens && !user)) throw new AppError("NotAuthorizedException", WRONG);
  if (decision.issueTokens) {
    state.amr = state.passwordVerified ? ["pwd", "custom"] : ["custom"];
    return mfaStep(deps, pool, state, user!);
  }
  if (decision.challengeName !== "CUSTOM_CHALLENGE") {
    throw new AppError("InvalidParameterException", `DefineAuthChallenge answered the challenge ${JSON.stringify(decision.challengeName ?? null)}; Gatehouse's custom flow offers CUSTOM_CHALLENGE.`);
  }
  const blank: Create = { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: "" };
  const created = await invokeTrigger(deps, pool, "createAuthChallenge", cognitoEvent(pool, {
    triggerSource: "CreateAuthChallenge_Authentication", userName: custom.userName, clientId: state.clientId,
    request: { userAttributes: user ? eventUserAttributes(user) : {}, challengeName: "CUSTOM_CHALLENGE", session: custom.history, clientMetadata: custom.clientMetadata, userNotFound: custom.userNotFound },
    response: blank,
  }));
  const response = created?.response ?? {};
  custom.pending = {
    publicParameters: stringMap(response.publicChallengeParameters),
    privateParameters: stringMap(response.privateChallengeParameters),
    metadata: typeof response.challengeMetadata === "string" ? response.challengeMetadata : "",
  };
  state.step = "CUSTOM_CHALLENGE";
  return outcome(state, user);
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
