// The sign-in state machine: one function per form, each moving the flow to its next step.
// The hosted UI calls these through lib/hosted-ui; the Cognito JSON API will call the same ones.
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError, isAppError } from "../errors.ts";
import type { Sender } from "../messaging/sender.ts";
import { createTotpSecret, verifyTotpCode } from "../mfa/totp.ts";
import { toPermissions } from "../pools/client-attributes.queries.ts";
import type { Pool } from "../pools/pool.ts";
import type { Counters } from "../security/rate-limit.ts";
import type { Secrets } from "../security/secrets.ts";
import { countCodeSend, refuseCodeWithoutAccount } from "../users/codes.ts";
import { concealedSignUpLogin } from "../users/conceal-taken-alias.ts";
import { assertTemporaryPasswordValid, completeNewPassword, confirmForgotPassword, forgotPassword, RESET_CODE_DESTINATION } from "../users/reset-password.ts";
import { assertPasswordMeetsPolicy, confirmSignUp, resendConfirmationCode, signUp } from "../users/sign-up.ts";
import type { UserRow } from "../users/user.ts";
import { assertNotLocked, clearFailedAttempts, recordFailedAttempt, verifySignInPassword } from "../users/verify-sign-in.ts";
import type { Flow } from "./flow.ts";
import type { Page } from "./steps.ts";

export type FlowDeps = { db: Db; sender: Sender; secrets: Secrets; counters: Counters; log: (line: string) => void };

const MFA_LOCKED = "Too many wrong codes. Wait a while and sign in again.";
const text = (max = 256) => z.string().max(max);

export const FORM_SCHEMAS = {
  login: z.object({ login: text().trim().min(1, "Enter your sign-in name."), password: text().min(1, "Enter your password.") }),
  signup: z.object({ username: text().optional(), password: text().min(1, "Choose a password.") }).catchall(text(2048)),
  confirm: z.object({ intent: z.enum(["confirm", "resend"]).default("confirm"), code: text(16).optional() }),
  "forgot-password": z.object({ login: text().trim().min(1, "Enter your sign-in name.") }),
  "reset-password": z.object({ code: text(16).trim().min(1, "Enter the code we sent you."), password: text().min(1, "Choose a new password.") }),
  "new-password": z.object({ password: text().min(1, "Choose a new password."), confirmPassword: text() }),
  "mfa-setup": z.object({ code: text(16).trim().min(1, "Enter the 6-digit code from your app.") }),
  mfa: z.object({ code: text(16).trim().min(1, "Enter the 6-digit code from your app.") }),
} satisfies Record<Page, z.ZodType>;

export type FormInput<P extends Page> = z.infer<(typeof FORM_SCHEMAS)[P]>;

/** Non-secret fields worth putting back into a form after an error. */
export function keptValues(page: Page, input: Record<string, unknown>): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== "string" || /password|code|csrf/i.test(key)) continue;
    keep[key] = value.slice(0, 256);
  }
  return page === "login" || page === "signup" || page === "forgot-password" ? keep : {};
}

/** After the password (or a confirmed sign-up): status checks, then MFA, then done. */
async function afterPrimaryAuth(deps: FlowDeps, pool: Pool, flow: Flow, user: UserRow): Promise<void> {
  flow.userId = user.id;
  flow.data.passwordVerified = true;
  flow.data.amr = ["pwd"];
  switch (user.status) {
    case "UNCONFIRMED": {
      flow.step = "CONFIRM_SIGN_UP";
      try {
        flow.data.destination = await resendConfirmationCode(deps, { pool, userId: user.id });
        flow.data.flash = { kind: "notice", message: "Confirm your account first: we sent you a new code." };
      } catch (error) {
        // Past the hourly cap (or SMTP failing): the code sent before still works.
        if (!notSent(error)) throw error;
        flow.data.flash = { kind: "notice", message: "Confirm your account first with the code we sent you before. We cannot send another one yet." };
      }
      return;
    }
    case "FORCE_CHANGE_PASSWORD":
      assertTemporaryPasswordValid(pool, user);
      flow.step = "NEW_PASSWORD_REQUIRED";
      return;
    case "RESET_REQUIRED": {
      flow.step = "CONFIRM_FORGOT_PASSWORD";
      flow.data.destination = RESET_CODE_DESTINATION;
      try {
        await forgotPassword(deps, { pool, login: user.username });
        flow.data.flash = { kind: "notice", message: "Your password must be reset. We sent you a code." };
      } catch (error) {
        if (!notSent(error)) throw error;
        flow.data.flash = { kind: "notice", message: "Your password must be reset. Use the code we sent you before: we cannot send another one yet." };
      }
      return;
    }
    case "CONFIRMED":
      return mfaStep(deps, pool, flow, user);
    default:
      throw new AppError("NotAuthorizedException", "This account cannot sign in.");
  }
}

/** A code that was not sent because of the hourly cap or a delivery failure. */
function notSent(error: unknown): boolean {
  return isAppError(error) && (error.code === "LimitExceededException" || error.code === "CodeDeliveryFailureException");
}

async function mfaStep(deps: FlowDeps, pool: Pool, flow: Flow, user: UserRow): Promise<void> {
  if (pool.mfa !== "OFF" && user.totpSecretEnc) {
    flow.step = "SOFTWARE_TOKEN_MFA";
  } else if (pool.mfa === "ON") {
    flow.step = "MFA_SETUP";
    flow.data.pendingTotpEnc = deps.secrets.encrypt(createTotpSecret());
  } else {
    flow.step = "DONE";
  }
}

async function loadUser(db: Db, flow: Flow): Promise<UserRow> {
  const user = flow.userId ? await db.user.findFirst({ where: { id: flow.userId, poolId: flow.poolId } }) : null;
  if (!user || !user.enabled) throw new AppError("NotAuthorizedException", "This sign-in has expired. Sign in again.");
  return user;
}

/** Applies one submitted form to the flow. The caller saves the flow and finishes it when DONE. */
export async function advanceFlow<P extends Page>(deps: FlowDeps, pool: Pool, flow: Flow, page: P, input: FormInput<P>): Promise<void> {
  await applyForm(deps, pool, flow, page, input);
  if (flow.step === "DONE" && flow.userId) await clearFailedAttempts(deps.db, flow.userId);
}

async function applyForm<P extends Page>(deps: FlowDeps, pool: Pool, flow: Flow, page: P, input: FormInput<P>): Promise<void> {
  const { db } = deps;
  switch (page) {
    case "login": {
      const { login, password } = input as FormInput<"login">;
      const user = await verifySignInPassword(deps, { pool, login, password });
      return afterPrimaryAuth(deps, pool, flow, user);
    }
    case "signup": {
      const { username, password, ...attributes } = input as FormInput<"signup">;
      delete (attributes as Record<string, unknown>).csrf;
      // One read of the client: what it may write, and whether it hides existing accounts.
      const row = await db.appClient.findFirst({
        where: { clientId: flow.clientId, poolId: pool.id },
        select: { preventUserExistenceErrors: true, readAttributes: true, writeAttributes: true },
      });
      const client = row ? toPermissions(row) : { readAttributes: [], writeAttributes: [] };
      const preventUserExistenceErrors = row?.preventUserExistenceErrors !== "LEGACY";
      const result = await signUp(deps, { pool, client, username, password, attributes: attributes as Record<string, string>, preventUserExistenceErrors });
      // No user when the sign-up hid an existing account: the confirm page then answers as for one.
      flow.userId = result.user?.id ?? null;
      flow.step = "CONFIRM_SIGN_UP";
      flow.data.passwordVerified = true;
      flow.data.amr = ["pwd"];
      flow.data.destination = result.codeDestination;
      if (result.concealedAddress) flow.data.concealedSignUp = result.concealedAddress;
      return;
    }
    case "confirm": {
      const { intent, code } = input as FormInput<"confirm">;
      if (!flow.userId) return confirmConcealedSignUp(deps, pool, flow, intent, code);
      if (intent === "resend") {
        const destination = await resendConfirmationCode(deps, { pool, userId: flow.userId });
        if (!destination) throw new AppError("InvalidParameterException", "We could not send a new code to this account. Sign in again, or ask the application's administrator.");
        flow.data.destination = destination;
        flow.data.flash = { kind: "notice", message: "We sent you a new code." };
        return;
      }
      if (!code) throw new AppError("InvalidParameterException", "Enter the code we sent you.", { field: "code" });
      const user = await confirmSignUp(deps, { pool, userId: flow.userId, code });
      if (flow.data.passwordVerified) return mfaStep(deps, pool, flow, user);
      flow.step = "PASSWORD_VERIFIER";
      flow.userId = null;
      flow.data = { flash: { kind: "notice", message: "Your account is confirmed. Sign in to continue." } };
      return;
    }
    case "forgot-password": {
      const { login } = input as FormInput<"forgot-password">;
      const sent = await forgotPassword(deps, { pool, login });
      flow.step = "CONFIRM_FORGOT_PASSWORD";
      flow.userId = sent.userId;
      flow.data = { destination: RESET_CODE_DESTINATION, values: { login }, resetLogin: login };
      return;
    }
    case "reset-password": {
      const { code, password } = input as FormInput<"reset-password">;
      if (!flow.userId) {
        // No such account: wrong codes get the answers a real account's would, in the same order,
        // counted against the name asked for as an account's are against the account.
        assertPasswordMeetsPolicy(pool, password);
        const refused = await refuseCodeWithoutAccount(deps.counters, {
          poolId: pool.id, login: flow.data.resetLogin ?? "", purpose: "FORGOT_PASSWORD", triesOnCode: flow.data.wrongCodes ?? 0,
        });
        flow.data.wrongCodes = refused.triesOnCode;
        throw refused.error;
      }
      await confirmForgotPassword(deps, { pool, userId: flow.userId, code, password });
      flow.step = "PASSWORD_VERIFIER";
      flow.userId = null;
      flow.data = { flash: { kind: "notice", message: "Your password has been changed. Sign in with your new password." } };
      return;
    }
    case "new-password": {
      const { password, confirmPassword } = input as FormInput<"new-password">;
      if (password !== confirmPassword) throw new AppError("InvalidParameterException", "The passwords do not match.", { field: "confirmPassword" });
      const user = await loadUser(db, flow);
      await completeNewPassword(db, { pool, userId: user.id, password });
      return mfaStep(deps, pool, flow, { ...user, status: "CONFIRMED" });
    }
    case "mfa-setup": {
      const { code } = input as FormInput<"mfa-setup">;
      const user = await loadUser(db, flow);
      if (!flow.data.pendingTotpEnc) throw new AppError("NotAuthorizedException", "This sign-in has expired. Sign in again.");
      assertNotLocked(user, MFA_LOCKED);
      const secret = deps.secrets.decrypt(flow.data.pendingTotpEnc);
      const step = await verifyTotpCode({ secret, code });
      if (step === null) return mfaFailure(db, user.id, "EnableSoftwareTokenMFAException");
      await db.user.update({ where: { id: user.id }, data: { totpSecretEnc: flow.data.pendingTotpEnc, totpLastStep: BigInt(step) } });
      delete flow.data.pendingTotpEnc;
      flow.data.amr = ["pwd", "otp", "mfa"];
      flow.step = "DONE";
      return;
    }
    case "mfa": {
      const { code } = input as FormInput<"mfa">;
      const user = await loadUser(db, flow);
      if (!user.totpSecretEnc) throw new AppError("NotAuthorizedException", "This sign-in has expired. Sign in again.");
      assertNotLocked(user, MFA_LOCKED);
      const last = user.totpLastStep === null ? null : Number(user.totpLastStep);
      const step = await verifyTotpCode({ secret: deps.secrets.decrypt(user.totpSecretEnc), code, afterTimeStep: last });
      if (step === null) return mfaFailure(db, user.id, "CodeMismatchException");
      // Record the step only if no other request used this or a later one meanwhile (no replay).
      const { count } = await db.user.updateMany({
        where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(step) } }] },
        data: { totpLastStep: BigInt(step) },
      });
      if (count !== 1) return mfaFailure(db, user.id, "CodeMismatchException");
      flow.data.amr = ["pwd", "otp", "mfa"];
      flow.step = "DONE";
      return;
    }
  }
}

/**
 * The confirm page after a sign-up that hid an existing account (preventUserExistenceErrors): a
 * new code is "sent", and codes get the answers a real account's wrong codes get, in the same order.
 */
async function confirmConcealedSignUp(deps: FlowDeps, pool: Pool, flow: Flow, intent: "confirm" | "resend", code: string | undefined): Promise<void> {
  const address = flow.data.concealedSignUp;
  if (flow.step !== "CONFIRM_SIGN_UP" || !flow.data.passwordVerified || !address) throw new AppError("NotAuthorizedException", "This sign-in has expired. Sign in again.");
  const login = concealedSignUpLogin(address);
  if (intent === "resend") {
    // Counted and capped as a real account's resend is; a "new code" gets its own five tries.
    await countCodeSend(deps.counters, { purpose: "SIGN_UP", account: { poolId: pool.id, unknownLogin: login } });
    flow.data.wrongCodes = 0;
    flow.data.flash = { kind: "notice", message: "We sent you a new code." };
    return;
  }
  if (!code) throw new AppError("InvalidParameterException", "Enter the code we sent you.", { field: "code" });
  const refused = await refuseCodeWithoutAccount(deps.counters, { poolId: pool.id, login, purpose: "SIGN_UP", triesOnCode: flow.data.wrongCodes ?? 0 });
  flow.data.wrongCodes = refused.triesOnCode;
  throw refused.error;
}

/** A wrong MFA code counts toward the user's lockout, like a wrong password. */
async function mfaFailure(db: Db, userId: string, code: "CodeMismatchException" | "EnableSoftwareTokenMFAException"): Promise<never> {
  await recordFailedAttempt(db, userId, MFA_LOCKED);
  throw new AppError(code, "That code is not right, or it was already used. Wait for a new code and try again.", { field: "code" });
}
