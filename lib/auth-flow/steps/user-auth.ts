// USER_AUTH, Cognito's choice-based sign-in: a name, and the factors that user can start with
// (AvailableChallenges): a passkey they registered, a code to their verified email or phone, their
// password (plain or SRP); only what the pool's signInMethods allow. A usable PREFERRED_CHALLENGE
// opens that factor at once; otherwise SELECT_CHALLENGE lets the user choose.
//
// A name with no account is not told apart where the client prevents user-existence errors: it is
// offered what a typical user of the pool is (password, and a code where the pool's users have an
// email or phone), a code is "sent" nowhere and never matches, a password is wrong as for anyone.
//
// As Cognito, one-time codes are not a way in where they would skip MFA: not in a pool that
// requires MFA, nor for a user who has a second factor turned on. A passkey whose authenticator
// verified the user (PIN, biometrics) is two factors in one and finishes the sign-in; one that did
// not goes on to MFA as a password does.
import { AppError } from "../../errors.ts";
import { signInCodeAddress } from "../../mfa/sign-in-codes.ts";
import { hasPasskey } from "../../passkeys/credentials.ts";
import type { Pool } from "../../pools/pool.ts";
import { runPreAuthentication } from "../../triggers/sign-in-triggers.ts";
import { findUserByLogin } from "../../users/find-user.ts";
import type { UserRow } from "../../users/user.ts";
import type { EngineDeps, FirstFactor, FlowState, Outcome, RequestContext, StartParameters, StepInput } from "../contract.ts";
import { ENGINE_MESSAGES, required } from "../errors.ts";
import { assertWithinRateLimit } from "../guard.ts";
import { outcome } from "./outcome.ts";
import { passwordVerifier, startSrp } from "./password-verifier.ts";
import { openPasswordlessCode } from "./passwordless-code.ts";
import { triggerContextOf } from "./trigger-context.ts";
import { openWebAuthn } from "./web-authn.ts";

const FACTOR_ORDER: FirstFactor[] = ["WEB_AUTHN", "EMAIL_OTP", "SMS_OTP", "PASSWORD", "PASSWORD_SRP"];

export function isFirstFactor(value: string | undefined): value is FirstFactor {
  return (FACTOR_ORDER as string[]).includes(value ?? "");
}

/** Whether one-time codes may be the only factor for this user (never where they would skip MFA). */
function codesAllowed(pool: Pool, user: UserRow | null): boolean {
  if (pool.mfa === "ON") return false;
  if (!user || pool.mfa === "OFF") return true;
  return !((user.totpSecretEnc && user.totpEnabled) || user.smsMfaEnabled || user.emailMfaEnabled);
}

/** The factors `user` can start with in `pool`. */
export async function factorsFor(deps: EngineDeps, pool: Pool, user: UserRow): Promise<FirstFactor[]> {
  const methods = pool.signInMethods;
  const out: FirstFactor[] = [];
  if (methods.includes("PASSKEY") && (await hasPasskey(deps.db, user.id))) out.push("WEB_AUTHN");
  if (methods.includes("EMAIL_OTP") && codesAllowed(pool, user) && signInCodeAddress(user, "EMAIL")) out.push("EMAIL_OTP");
  if (methods.includes("SMS_OTP") && codesAllowed(pool, user) && signInCodeAddress(user, "SMS")) out.push("SMS_OTP");
  if (methods.includes("PASSWORD") && user.passwordHash) out.push("PASSWORD", "PASSWORD_SRP");
  return out;
}

/** What a name with no account is offered: what a typical user of the pool would be. */
function decoyFactors(pool: Pool): FirstFactor[] {
  const methods = pool.signInMethods;
  const out: FirstFactor[] = [];
  const hasEmail = pool.signInAliases.includes("email") || pool.autoVerifiedAttributes.includes("email");
  const hasPhone = pool.signInAliases.includes("phone") || pool.autoVerifiedAttributes.includes("phone_number");
  if (methods.includes("EMAIL_OTP") && codesAllowed(pool, null) && hasEmail) out.push("EMAIL_OTP");
  if (methods.includes("SMS_OTP") && codesAllowed(pool, null) && hasPhone) out.push("SMS_OTP");
  if (methods.includes("PASSWORD")) out.push("PASSWORD", "PASSWORD_SRP");
  return out;
}

export async function startUserAuth(input: StepInput<StartParameters["USER_AUTH"]>): Promise<Outcome> {
  const { deps, pool, state, answers } = input;
  const login = answers.USERNAME?.trim() || null;
  const preferred = answers.PREFERRED_CHALLENGE;
  if (!login) {
    // A discoverable passkey names its user: the hosted page's "Sign in with a passkey" and autofill.
    if (preferred !== "WEB_AUTHN") required(undefined, "USERNAME", "login");
    state.userAuth = { login: null, available: ["WEB_AUTHN"] };
    return openWebAuthn(deps, pool, state, null);
  }
  const user = await findUserByLogin(deps.db, pool, login);
  if (!user && !answers.preventUserExistenceErrors) throw new AppError("UserNotFoundException", "User does not exist.");
  const available = user ? await factorsFor(deps, pool, user) : decoyFactors(pool);
  if (!available.length) throw new AppError("NotAuthorizedException", ENGINE_MESSAGES.cannotSignIn);
  state.userId = user?.id ?? null;
  state.userAuth = { login, available };
  if (isFirstFactor(preferred) && available.includes(preferred)) {
    return openFactor(input, user, preferred, { PASSWORD: answers.PASSWORD, SRP_A: answers.SRP_A });
  }
  state.step = "SELECT_CHALLENGE";
  return outcome(state, user);
}

/** Opens the factor chosen (a preference, or SELECT_CHALLENGE's answer); the password ones finish at once when their answer came with it. */
export async function openFactor(
  input: { deps: EngineDeps; pool: Pool; state: FlowState; context: RequestContext },
  user: UserRow | null, factor: FirstFactor, given: { PASSWORD?: string | undefined; SRP_A?: string | undefined },
): Promise<Outcome> {
  const { deps, pool, state, context } = input;
  const login = state.userAuth!.login!;
  switch (factor) {
    case "PASSWORD":
      if (!given.PASSWORD) {
        state.step = "PASSWORD";
        return outcome(state, user);
      }
      // A password checked here counts as a sign-in, as USER_PASSWORD_AUTH's does (the PASSWORD
      // challenge was counted as one already).
      if (state.step !== "PASSWORD") await assertWithinRateLimit(deps, { poolId: pool.id, operation: "USER_PASSWORD_AUTH", context });
      // The password path as USER_PASSWORD_AUTH: its checks, its triggers, then status and MFA.
      return passwordVerifier({ deps, pool, state, context, answers: { USERNAME: login, PASSWORD: given.PASSWORD } });
    case "PASSWORD_SRP":
      if (!given.SRP_A) {
        state.step = "PASSWORD_SRP";
        return outcome(state, user);
      }
      return startSrp({ deps, pool, state, context, answers: { USERNAME: login, SRP_A: given.SRP_A } });
    case "WEB_AUTHN":
    case "EMAIL_OTP":
    case "SMS_OTP":
      // Pre authentication, as for any sign-in, once the user is found and before anything is sent.
      if (user && pool.triggers.preAuthentication) await runPreAuthentication(deps, { pool, user, login, context: triggerContextOf(state, context) });
      if (factor === "WEB_AUTHN") return openWebAuthn(deps, pool, state, user);
      return openPasswordlessCode(deps, { pool, state, user, login, channel: factor === "EMAIL_OTP" ? "EMAIL" : "SMS", context });
    default: {
      const never: never = factor;
      throw new Error(`unknown factor ${String(never)}`);
    }
  }
}
