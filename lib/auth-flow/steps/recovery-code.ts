// A recovery code instead of the second factor the flow waits for (beyond Cognito: see
// RECOVERY_CODE_STEPS). It is held to the same rules as a TOTP code: a locked user is refused
// before the code is looked at, a wrong code counts toward the same lockout, and the per-IP code
// rate limit applies (guard.ts). A code is spent once; its use is audited and the user is told.
import { recordAudit } from "../../audit/audit.ts";
import { AppError } from "../../errors.ts";
import { messageLocale } from "../../i18n/message-locale.ts";

import { afterAnswer } from "../../messaging/after-answer.ts";
import { renderRecoveryCodeUsedNotice } from "../../messaging/templates.ts";
import { remainingRecoveryCodes, redeemRecoveryCode } from "../../mfa/recovery-codes.ts";
import { deliveryAddress } from "../../users/user.ts";
import { recordFailedAttempt } from "../../users/verify-sign-in.ts";
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { ENGINE_MESSAGES, required } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { assertMfaNotLocked } from "./mfa-code.ts";
import { outcome } from "./outcome.ts";

export async function recoveryCode({ deps, pool, state, answers, context }: StepInput<Answers["RecoveryCode"]>): Promise<Outcome> {
  const code = required(answers.RECOVERY_CODE, "RECOVERY_CODE", "code");
  const { db } = deps;
  const user = await loadUser(db, state);
  assertMfaNotLocked(user);
  if (!(await redeemRecoveryCode(db, { userId: user.id, code }))) {
    await recordFailedAttempt(db, user.id, ENGINE_MESSAGES.mfaLocked);
    throw new AppError("CodeMismatchException", ENGINE_MESSAGES.recoveryCodeMismatch, { field: "code" });
  }
  const remaining = await remainingRecoveryCodes(db, { userId: user.id });
  await recordAudit(db, {
    poolId: pool.id, type: "RecoveryCodeUsed", actorType: "user", actor: user.email ?? user.username, target: state.clientId,
    ip: context.ip, userAgent: context.userAgent, details: { sub: user.id, step: state.step, remaining },
  }, deps.log);
  const to = deliveryAddress(user);
  if (to) {
    const text = renderRecoveryCodeUsedNotice({ locale: messageLocale({ user, requestLocale: context.locale, pool }), poolName: pool.name, username: user.username, remaining, when: new Date() });
    afterAnswer(deps.log, "recovery code notice", () => deps.sender.send({ poolId: pool.id, to, ...text }));
  }
  state.amr = ["pwd", "mfa"];
  state.step = "DONE";
  return outcome(state, user);
}
