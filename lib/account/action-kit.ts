// The pieces every account-page action is made of: its context, its result, the proof a
// sensitive change asks for (confirm-identity.ts, with a wrong answer audited as a failed sign-in
// step), and the audit row of the change itself.
import type { Locale } from "../i18n/locales.ts";
import { z } from "zod";
import { recordAudit } from "../audit/audit.ts";
import { isAppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import type { Runtime } from "../runtime.ts";
import { ACCOUNT_CLIENT_ID } from "./account-client.ts";
import { confirmIdentity } from "./confirm-identity.ts";
import type { Section } from "./flash.ts";
import type { AccountSession } from "./session.ts";

export type ActionContext = { rt: Runtime; pool: Pool; session: AccountSession; sessionCookie: string | undefined; ip: string; userAgent: string | null; locale: Locale };

/** What an action leads to: a message on the page, or the end of the page's session. */
export type ActionResult = { notice: string; /** Shown once, on the page the change leads to (new recovery codes). */ codes?: string[] } | { ended: "everywhere" | "signed-out" };

export type Action<S extends z.ZodType> = { section: Section; schema: S; run: (ctx: ActionContext, form: z.infer<S>) => Promise<ActionResult> };

export const action = <S extends z.ZodType>(a: Action<S>) => a;

export const Text = z.string().max(2048);
export const Code = z.string().trim().max(16);
export const Proof = { confirm_password: z.string().max(256).optional(), confirm_code: Code.optional() };

export async function audit(ctx: ActionContext, operation: string, details: Record<string, unknown> = {}) {
  const { user } = ctx.session;
  await recordAudit(ctx.rt.db, {
    poolId: ctx.pool.id, type: `user.${operation}`, actorType: "user", actor: user.email ?? user.username, target: user.username,
    ip: ctx.ip, userAgent: ctx.userAgent, details: { sub: user.id, clientId: ACCOUNT_CLIENT_ID, via: "account-page", ...details },
  }, ctx.rt.log);
}

/**
 * A wrong password or code given to confirm a change is audited as a failed sign-in step is (it
 * counts toward the same lockout), so the user and admins see it among the sign-ins.
 */
export async function auditedProof<T>(ctx: ActionContext, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    const wrong = isAppError(error) && (error.code === "NotAuthorizedException" || error.code === "CodeMismatchException") && !!error.field?.startsWith("confirm_");
    if (wrong || (isAppError(error) && error.code === "TooManyFailedAttemptsException")) {
      const { user } = ctx.session;
      await recordAudit(ctx.rt.db, {
        poolId: ctx.pool.id, type: error.code === "TooManyFailedAttemptsException" ? "UserLockedOut" : "SignInFailed", actorType: "user", actor: user.email ?? user.username,
        target: ACCOUNT_CLIENT_ID, ip: ctx.ip, userAgent: ctx.userAgent, details: { sub: user.id, step: "CONFIRM_IDENTITY", reason: error.code },
      }, ctx.rt.log);
    }
    throw error;
  }
}

export function confirm(ctx: ActionContext, form: { confirm_password?: string; confirm_code?: string }) {
  return auditedProof(ctx, () => confirmIdentity(ctx.rt, {
    poolId: ctx.pool.id, user: ctx.session.user, authTime: ctx.session.authTime, password: form.confirm_password || undefined, code: form.confirm_code || undefined, ip: ctx.ip,
  }));
}

