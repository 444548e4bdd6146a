// The sign-in state machine: one function per form, each moving the flow to its next step.
// The hosted UI calls these through lib/hosted-ui; the Cognito JSON API will call the same ones.
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Sender } from "../messaging/sender.ts";
import { createTotpSecret, verifyTotpCode } from "../mfa/totp.ts";
import { loadClientPermissions } from "../pools/client-attributes.queries.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { wrongCodeError } from "../users/codes.ts";
import { assertTemporaryPasswordValid, completeNewPassword, confirmForgotPassword, forgotPassword, RESET_CODE_DESTINATION } from "../users/reset-password.ts";
import { assertPasswordMeetsPolicy, confirmSignUp, resendConfirmationCode, signUp } from "../users/sign-up.ts";
import type { UserRow } from "../users/user.ts";
import { assertNotLocked, clearFailedAttempts, recordFailedAttempt, verifySignInPassword } from "../users/verify-sign-in.ts";
import type { Flow } from "./flow.ts";
import type { Page } from "./steps.ts";

export type FlowDeps = { db: Db; sender: Sender; secrets: Secrets };

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
      flow.data.destination = await resendConfirmationCode(deps, { pool, userId: user.id });
      flow.data.flash = { kind: "notice", message: "Confirm your account first: we sent you a new code." };
      return;
    }
    case "FORCE_CHANGE_PASSWORD":
      assertTemporaryPasswordValid(pool, user);
      flow.step = "NEW_PASSWORD_REQUIRED";
      return;
    case "RESET_REQUIRED": {
      await forgotPassword(deps, { pool, login: user.username });
      flow.step = "CONFIRM_FORGOT_PASSWORD";
      flow.data.destination = RESET_CODE_DESTINATION;
      flow.data.flash = { kind: "notice", message: "Your password must be reset. We sent you a code." };
      return;
    }
    case "CONFIRMED":
      return mfaStep(deps, pool, flow, user);
    default:
      throw new AppError("NotAuthorizedException", "This account cannot sign in.");
  }
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
      const user = await verifySignInPassword(db, { pool, login, password });
      return afterPrimaryAuth(deps, pool, flow, user);
    }
    case "signup": {
      const { username, password, ...attributes } = input as FormInput<"signup">;
      delete (attributes as Record<string, unknown>).csrf;
      const client = await loadClientPermissions(db, pool.id, flow.clientId);
      const result = await signUp(deps, { pool, client, username, password, attributes: attributes as Record<string, string> });
      flow.userId = result.user.id;
      flow.step = "CONFIRM_SIGN_UP";
      flow.data.passwordVerified = true;
      flow.data.amr = ["pwd"];
      flow.data.destination = result.codeDestination;
      return;
    }
    case "confirm": {
      const { intent, code } = input as FormInput<"confirm">;
      if (!flow.userId) throw new AppError("NotAuthorizedException", "This sign-in has expired. Sign in again.");
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
      flow.data = { destination: RESET_CODE_DESTINATION, values: { login } };
      return;
    }
    case "reset-password": {
      const { code, password } = input as FormInput<"reset-password">;
      if (!flow.userId) {
        // No such account: wrong codes get the answers a real account's would, in the same order.
        assertPasswordMeetsPolicy(pool, password);
        flow.data.wrongCodes = (flow.data.wrongCodes ?? 0) + 1;
        throw wrongCodeError(flow.data.wrongCodes);
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

/** A wrong MFA code counts toward the user's lockout, like a wrong password. */
async function mfaFailure(db: Db, userId: string, code: "CodeMismatchException" | "EnableSoftwareTokenMFAException"): Promise<never> {
  await recordFailedAttempt(db, userId, MFA_LOCKED);
  throw new AppError(code, "That code is not right, or it was already used. Wait for a new code and try again.", { field: "code" });
}
