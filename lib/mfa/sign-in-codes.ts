// One-time sign-in codes sent by SMS or email: Cognito's SMS_MFA and EMAIL_OTP second factors, and
// the passwordless EMAIL_OTP / SMS_OTP first factor of USER_AUTH. They are the verification codes
// of lib/users/codes.ts (6 digits, hashed, single use, 5 sends and 5 wrong tries per account an
// hour) under the purposes SIGN_IN_SMS and SIGN_IN_EMAIL, and go out through sendUserMessage as
// kind "Authentication" (so a custom message or custom sender trigger sees CustomMessage_Authentication).
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { consumeVerificationCode } from "./mfa.queries.ts";
import { messageLocale } from "../i18n/message-locale.ts";

import { renderSignInCode } from "../messaging/templates.ts";
import { sendUserMessage, type MessageDeps } from "../messaging/send-user-message.ts";
import type { Pool } from "../pools/pool.ts";
import type { Counters } from "../security/rate-limit.ts";
import { checkCode, CODE_VALIDITY_SECONDS, countCodeSend, discardCodes, issueCode, type CodePurpose } from "../users/codes.ts";
import { maskDestination, type UserRow } from "../users/user.ts";

export type CodeChannel = "SMS" | "EMAIL";

const PURPOSE: Record<CodeChannel, CodePurpose> = { SMS: "SIGN_IN_SMS", EMAIL: "SIGN_IN_EMAIL" };

/** Where a channel's code goes: only to a verified phone or email (an unverified one may be anyone's). */
export function signInCodeAddress(user: Pick<UserRow, "email" | "emailVerified" | "phoneNumber" | "phoneVerified">, channel: CodeChannel): string | null {
  if (channel === "EMAIL") return user.email && user.emailVerified ? user.email : null;
  return user.phoneNumber && user.phoneVerified ? user.phoneNumber : null;
}

/**
 * Issues and sends a code on `channel`, within the hourly cap, and answers where it went (masked),
 * as Cognito's CODE_DELIVERY_DESTINATION. The code is written before it is sent: a crash between
 * the two leaves a code nobody knows, which "resend" replaces.
 */
export async function sendSignInCode(
  deps: MessageDeps & { counters: Counters },
  options: { pool: Pool; user: UserRow; channel: CodeChannel; clientId?: string | null; clientMetadata?: Record<string, string> | undefined },
): Promise<{ destination: string; medium: CodeChannel }> {
  const { pool, user, channel } = options;
  const to = signInCodeAddress(user, channel);
  if (!to) {
    throw new AppError("InvalidParameterException", channel === "EMAIL" ? "The user has no verified email address." : "The user has no verified phone number.");
  }
  const purpose = PURPOSE[channel];
  await countCodeSend(deps.counters, { purpose, account: { userId: user.id } });
  const issued = await issueCode(deps.db, { userId: user.id, purpose });
  const text = renderSignInCode({ locale: messageLocale({ user, requestLocale: deps.requestLocale, pool }), poolName: pool.name, code: issued.code, channel, minutes: CODE_VALIDITY_SECONDS[purpose] / 60 });
  try {
    await sendUserMessage(deps, {
      pool, user, to, kind: "Authentication", text, code: issued.code, expiresAt: issued.expiresAt,
      clientId: options.clientId ?? null, clientMetadata: options.clientMetadata,
    });
  } catch (error) {
    deps.log?.(`sign-in code for user ${user.id} not delivered: ${error instanceof Error ? error.message : String(error)}`);
    throw new AppError("CodeDeliveryFailureException", "We could not send the code. Try again in a few minutes.");
  }
  return { destination: maskDestination(to), medium: channel };
}

/**
 * Checks a sign-in code and spends it: a code is accepted once, even when two requests race with
 * it (only the one that marks it consumed wins). Wrong codes count as lib/users/codes.ts says.
 */
export async function checkSignInCode(deps: { db: Db; counters: Counters }, options: { userId: string; channel: CodeChannel; code: string }): Promise<void> {
  const purpose = PURPOSE[options.channel];
  const id = await checkCode(deps, { userId: options.userId, purpose, code: options.code });
  if (!(await consumeVerificationCode(deps.db, id))) throw new AppError("ExpiredCodeException", "That code has expired or was already used. Request a new code.", { field: "code" });
}

/** Ends the user's unspent sign-in codes on every channel (a finished or abandoned sign-in). */
export async function discardSignInCodes(db: Pick<Db, "verificationCode">, userId: string): Promise<void> {
  for (const purpose of Object.values(PURPOSE)) await discardCodes(db, { userId, purpose });
}
