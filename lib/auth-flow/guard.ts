// What the engine decides around every step, whichever door it came through: the per-IP rate
// limits, and the audit log (sign-ins, failed steps, lockouts).
import { recordAudit } from "../audit/audit.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import { findUserAuditName } from "./auth-flow.queries.ts";
import { assertUnderRate, RATE_RULES, type RateRule } from "../security/rate-limit.ts";
import type { EngineDeps, FlowState, RequestContext, ResponseName, StartFlow } from "./contract.ts";
import { ENGINE_MESSAGES } from "./errors.ts";
import type { UserRow } from "../users/user.ts";

type Operation = StartFlow | ResponseName;

function ruleOf(operation: Operation): RateRule {
  if (operation === "SignUp") return RATE_RULES.signUpPerIp;
  if (operation === "USER_PASSWORD_AUTH" || operation === "PASSWORD_VERIFIER" || operation === "CUSTOM_CHALLENGE") return RATE_RULES.signInPerIp;
  // Choice-based sign-in: a password or passkey answer counts as a sign-in. Opening a choice checks
  // nothing (the sign-in page opens one for its passkey autofill); where a password comes with it,
  // user-auth.ts counts that as a sign-in too.
  if (operation === "PASSWORD" || operation === "WEB_AUTHN") return RATE_RULES.signInPerIp;
  if (operation === "USER_AUTH" || operation === "SELECT_CHALLENGE") return RATE_RULES.formPerIp;
  // Opening an SRP challenge checks nothing; its PASSWORD_VERIFIER answer counts as the sign-in.
  if (operation === "USER_SRP_AUTH" || operation === "CUSTOM_AUTH" || operation === "EXTERNAL_PROVIDER") return RATE_RULES.formPerIp;
  return RATE_RULES.codePerIp;
}

/** Counts the request against its rule for the caller's IP, and refuses it past the limit. */
export async function assertWithinRateLimit(deps: EngineDeps, options: { poolId: string; operation: Operation; context: RequestContext }) {
  await assertUnderRate(deps, ruleOf(options.operation), `${options.poolId}:${options.context.ip}`, () => ENGINE_MESSAGES.tooManyRequests);
}

// The steps of a sign-in whose failures are audited, and the failures that count: wrong
// passwords and codes, and lockouts.
const AUDITED_STEPS = new Set<Operation>([
  "USER_PASSWORD_AUTH", "PASSWORD_VERIFIER", "SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "MFA_SETUP", "NEW_PASSWORD_REQUIRED", "CUSTOM_CHALLENGE",
  "DEVICE_PASSWORD_VERIFIER", "RecoveryCode",
  "USER_AUTH", "SELECT_CHALLENGE", "PASSWORD", "WEB_AUTHN", "SMS_OTP",
]);
const SIGN_IN_FAILURES = new Set<ErrorCode>([
  "NotAuthorizedException", "CodeMismatchException", "EnableSoftwareTokenMFAException", "TooManyFailedAttemptsException", "ExpiredCodeException",
  "WebAuthnChallengeNotFoundException", "WebAuthnOriginNotAllowedException", "WebAuthnRelyingPartyMismatchException",
]);

type AuditTarget = {
  poolId: string; state: FlowState; typedLogin: string | null; context: RequestContext;
  /** The user when the caller has them already (a finished sign-in); otherwise read by the flow's user id. */
  user?: Pick<UserRow, "email" | "username"> | null;
};

/**
 * The audit log names the user as an admin would search for them (email, else username), with
 * the sub in the details; a failed password for an unknown name records what was typed.
 */
async function audit(deps: EngineDeps, target: AuditTarget, type: string, details: Record<string, unknown>) {
  const { state } = target;
  const user = target.user ?? (state.userId ? await findUserAuditName(deps.db, state.userId) : null);
  await recordAudit(deps.db, {
    poolId: target.poolId, type, actorType: "user", actor: user?.email ?? user?.username ?? target.typedLogin?.slice(0, 256) ?? null,
    target: state.clientId, ip: target.context.ip, userAgent: target.context.userAgent,
    details: { ...details, ...(state.userId ? { sub: state.userId } : {}) },
  }, deps.log);
}

export async function auditFailure(deps: EngineDeps, operation: Operation, error: AppError, target: AuditTarget) {
  if (!AUDITED_STEPS.has(operation) || !SIGN_IN_FAILURES.has(error.code)) return;
  const step = operation === "USER_PASSWORD_AUTH" ? "PASSWORD_VERIFIER" : operation;
  await audit(deps, target, error.code === "TooManyFailedAttemptsException" ? "UserLockedOut" : "SignInFailed", { step, reason: error.code });
}

export async function auditSignIn(deps: EngineDeps, amr: string[], target: AuditTarget) {
  await audit(deps, target, "SignIn", { amr });
}
