// Which second factor a sign-in asks for, and opening its challenge. As Cognito:
// - pool.mfa OFF asks none; only the factors in pool.mfaMethods count.
// - the factors the user turned on are asked for; the preferred one if it is among them, the only
//   one if there is one, else SELECT_MFA_TYPE lets the user choose (MFAS_CAN_CHOOSE).
// - where MFA is required and the user turned none on, what they can already receive counts: a
//   verified authenticator, and (SMS and email need "no additional configuration after your user
//   adds an email address or phone number", in Cognito's words) a verified phone or email. Gatehouse
//   sends codes only to verified ones: an unverified address may be anyone's.
// - where MFA is required and nothing is there, MFA_SETUP, listing what the pool offers.
import { AppError, isAppError } from "../../errors.ts";
import { sendSignInCode, signInCodeAddress, type CodeChannel } from "../../mfa/sign-in-codes.ts";
import type { Pool } from "../../pools/pool.ts";
import { factorEnabled, factorReady, factorsOffered, isMfaFactor, type MfaFactor, type MfaUser } from "../../users/mfa-preference.ts";
import { maskDestination, type UserRow } from "../../users/user.ts";
import type { EngineDeps, FlowState, Outcome } from "../contract.ts";
import { outcome } from "./outcome.ts";

export type MfaPlan =
  | { kind: "none" }
  | { kind: "ask"; factor: MfaFactor }
  | { kind: "choose"; factors: MfaFactor[] }
  | { kind: "setup"; factors: MfaFactor[] };

export function mfaPlan(pool: Pick<Pool, "mfa" | "mfaMethods">, user: MfaUser): MfaPlan {
  if (pool.mfa === "OFF") return { kind: "none" };
  const offered = factorsOffered(pool);
  let candidates = offered.filter((factor) => factorEnabled(user, factor));
  if (pool.mfa === "ON" && candidates.length === 0) candidates = offered.filter((factor) => factorReady(user, factor));
  if (candidates.length === 0) return pool.mfa === "ON" ? { kind: "setup", factors: offered } : { kind: "none" };
  const preferred = user.preferredMfa && isMfaFactor(user.preferredMfa) && candidates.includes(user.preferredMfa) ? user.preferredMfa : null;
  if (preferred) return { kind: "ask", factor: preferred };
  if (candidates.length === 1) return { kind: "ask", factor: candidates[0]! };
  return { kind: "choose", factors: candidates };
}

export const CHANNEL_OF: Record<"SMS_MFA" | "EMAIL_OTP", CodeChannel> = { SMS_MFA: "SMS", EMAIL_OTP: "EMAIL" };

/** Opens the factor's challenge; for SMS and email, sends the code (CODE_DELIVERY_DESTINATION says where). */
export async function openMfaFactor(deps: EngineDeps, pool: Pool, state: FlowState, user: UserRow, factor: MfaFactor): Promise<Outcome> {
  delete state.mfaChoices;
  state.step = factor;
  if (factor === "SOFTWARE_TOKEN_MFA") return outcome(state, user);
  const channel = CHANNEL_OF[factor];
  const address = signInCodeAddress(user, channel);
  if (!address) throw new AppError("InvalidParameterException", channel === "SMS" ? "The user has no verified phone number." : "The user has no verified email address.");
  state.destination = maskDestination(address);
  try {
    await sendSignInCode(deps, { pool, user, channel, clientId: state.clientId });
    return outcome(state, user, { sent: true });
  } catch (error) {
    // Past the hourly cap, the code sent before (if still valid) works; the challenge stands. A
    // delivery failure is the caller's to see (Cognito's CodeDeliveryFailureException).
    if (isAppError(error) && error.code === "LimitExceededException") return outcome(state, user, { sent: false });
    throw error;
  }
}
