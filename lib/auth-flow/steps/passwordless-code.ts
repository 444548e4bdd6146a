// EMAIL_OTP and SMS_OTP as the first and only factor of USER_AUTH (passwordless): a code sent to
// the user's verified email or phone by lib/mfa/sign-in-codes.ts, the same module as the MFA codes.
// state.passwordless marks the flow as this one, not Cognito's email MFA of the same challenge name.
// A name with no account (where user-existence errors are prevented) goes through the same motions:
// a masked address that looks like one, sends counted against the name, and no code that matches.
import { checkSignInCode, sendSignInCode, signInCodeAddress, type CodeChannel } from "../../mfa/sign-in-codes.ts";
import type { Pool } from "../../pools/pool.ts";
import { findPoolUser } from "../auth-flow.queries.ts";
import { countCodeSend, refuseCodeWithoutAccount } from "../../users/codes.ts";
import { maskDestination, type UserRow } from "../../users/user.ts";
import type { Answers, EngineDeps, FlowState, Outcome, RequestContext, StepInput } from "../contract.ts";
import { required, sessionExpired } from "../errors.ts";
import { afterFirstFactor } from "./after-first-factor.ts";
import { outcome } from "./outcome.ts";

const PURPOSE = { EMAIL: "SIGN_IN_EMAIL", SMS: "SIGN_IN_SMS" } as const;

export async function openPasswordlessCode(
  deps: EngineDeps, options: { pool: Pool; state: FlowState; user: UserRow | null; login: string; channel: CodeChannel; context: RequestContext },
): Promise<Outcome> {
  const { pool, state, user, channel } = options;
  state.passwordless = { channel };
  state.step = channel === "EMAIL" ? "EMAIL_OTP" : "SMS_OTP";
  state.wrongCodes = 0;
  if (user && user.enabled && signInCodeAddress(user, channel)) {
    const sent = await sendSignInCode(deps, { pool, user, channel, clientId: state.clientId, clientMetadata: options.context.clientMetadata });
    state.destination = sent.destination;
  } else {
    // Nobody to send to: counted as a send would be, and answered as one.
    await countCodeSend(deps.counters, { purpose: PURPOSE[channel], account: { poolId: pool.id, unknownLogin: options.login } });
    state.destination = maskDestination(channel === "EMAIL" ? (options.login.includes("@") ? options.login : `${options.login}@mail.com`) : "+10000000000");
  }
  return outcome(state, user, { sent: true });
}

async function answerCode(input: StepInput<unknown>, channel: CodeChannel, code: string): Promise<Outcome> {
  const { deps, pool, state } = input;
  if (state.passwordless?.channel !== channel) throw sessionExpired();
  const user = state.userId ? await findPoolUser(deps.db, { poolId: pool.id, userId: state.userId }) : null;
  if (!user || !user.enabled || !signInCodeAddress(user, channel)) {
    // No code went out (no account, or none that may sign in this way): refused as a wrong code would be.
    const refused = await refuseCodeWithoutAccount(deps.counters, { poolId: pool.id, login: state.userAuth?.login ?? "", purpose: PURPOSE[channel], triesOnCode: state.wrongCodes ?? 0 });
    state.wrongCodes = refused.triesOnCode;
    throw refused.error;
  }
  await checkSignInCode(deps, { userId: user.id, channel, code });
  delete state.passwordless;
  delete state.destination;
  return afterFirstFactor(deps, pool, state, user, { amr: channel === "EMAIL" ? ["otp"] : ["sms", "otp"], multiFactor: false });
}

export async function emailOtpSignIn(input: StepInput<Answers["EMAIL_OTP"]>): Promise<Outcome> {
  return answerCode(input, "EMAIL", required(input.answers.EMAIL_OTP_CODE, "EMAIL_OTP_CODE", "code"));
}

export async function smsOtpSignIn(input: StepInput<Answers["SMS_OTP"]>): Promise<Outcome> {
  return answerCode(input, "SMS", required(input.answers.SMS_OTP_CODE, "SMS_OTP_CODE", "code"));
}
