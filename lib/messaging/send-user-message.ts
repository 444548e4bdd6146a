// The one place a message to a user about their account (a code, a temporary password) leaves
// Gatehouse, with Cognito's two message triggers:
// - a custom email / SMS sender (customEmailSender, customSmsSender) receives the code and delivers
//   it itself: Gatehouse sends nothing on that channel. Cognito encrypts `request.code` with the
//   pool's KMS key; Gatehouse has none, so the code travels in plain text inside the signed request
//   (use an https:// URL). The handler skips its KMS decrypt step.
// - otherwise a custom message trigger (customMessage) may rewrite the subject and body, which
//   must keep the `{####}` code placeholder (and `{username}` for an invitation): an answer without
//   it is not used and the default message goes out, as Cognito does.
import type { Db } from "../db/client.ts";
import type { Locale } from "../i18n/locales.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { cognitoEvent } from "../triggers/events.ts";
import { invokeTrigger } from "../triggers/invoke.ts";
import { eventUserAttributes } from "../triggers/user-attributes.ts";
import type { UserRow } from "../users/user.ts";
import type { Sender } from "./sender.ts";

/** Why the message is sent: Cognito's trigger sources are CustomMessage_<kind>, CustomEmailSender_<kind>, CustomSMSSender_<kind>. */
export type MessageKind = "SignUp" | "ResendCode" | "ForgotPassword" | "AdminCreateUser" | "UpdateUserAttribute" | "VerifyUserAttribute" | "Authentication";

export type MessageDeps = {
  db: Db; sender: Sender; secrets: Pick<Secrets, "decrypt">; log?: (line: string) => void;
  /** The language of the page whose request causes the message, if a page did (lib/i18n/message-locale.ts). */
  requestLocale?: Locale | undefined;
};

export const CODE_PARAMETER = "{####}";
export const USERNAME_PARAMETER = "{username}";

export async function sendUserMessage(
  deps: MessageDeps,
  options: {
    pool: Pool; user: UserRow; to: string; kind: MessageKind;
    /** The default message, already rendered with the code. */
    text: { subject: string; body: string };
    /** The code, or for an invitation the temporary password. */
    code: string;
    /** The name an invitation shows (the email where the username is generated). */
    username?: string;
    expiresAt?: Date | null;
    clientId?: string | null;
    clientMetadata?: Record<string, string> | undefined;
  },
): Promise<void> {
  const { pool, user, to, kind, code } = options;
  const triggerDeps = { db: deps.db, secrets: deps.secrets, log: deps.log ?? (() => {}) };
  const channel = to.includes("@") ? "email" : "sms";
  const common = { userName: user.username, clientId: options.clientId ?? null };
  const metadata = options.clientMetadata ? { clientMetadata: options.clientMetadata } : {};

  const senderName = channel === "email" ? "customEmailSender" : "customSmsSender";
  if (pool.triggers[senderName]) {
    const event = cognitoEvent(pool, {
      ...common,
      triggerSource: `${channel === "email" ? "CustomEmailSender" : "CustomSMSSender"}_${kind}`,
      request: { type: channel === "email" ? "customEmailSenderRequestV1" : "customSMSSenderRequestV1", code, ...metadata, userAttributes: eventUserAttributes(user) },
      response: {},
    });
    await invokeTrigger(triggerDeps, pool, senderName, event);
    return;
  }

  let text = options.text;
  const invitation = kind === "AdminCreateUser";
  const answered = await invokeTrigger(triggerDeps, pool, "customMessage", cognitoEvent(pool, {
    ...common,
    triggerSource: `CustomMessage_${kind}`,
    request: { userAttributes: eventUserAttributes(user), codeParameter: CODE_PARAMETER, usernameParameter: invitation ? USERNAME_PARAMETER : null, ...metadata },
    response: { smsMessage: null as string | null, emailMessage: null as string | null, emailSubject: null as string | null },
  }));
  if (answered) {
    const { smsMessage, emailMessage, emailSubject } = answered.response as Record<string, unknown>;
    const message = channel === "email" ? emailMessage : smsMessage;
    const usable = (value: unknown): value is string =>
      typeof value === "string" && value.includes(CODE_PARAMETER) && (!invitation || value.includes(USERNAME_PARAMETER));
    const fill = (value: string) => value.replaceAll(CODE_PARAMETER, code).replaceAll(USERNAME_PARAMETER, options.username ?? user.username);
    if (usable(message)) {
      text = { subject: channel === "email" && typeof emailSubject === "string" && emailSubject.trim() ? fill(emailSubject) : text.subject, body: fill(message) };
    } else if (message != null) {
      deps.log?.(`CustomMessage_${kind} of ${pool.id}: the message lacks ${invitation ? `${CODE_PARAMETER} or ${USERNAME_PARAMETER}` : CODE_PARAMETER}; the default message was sent`);
    }
  }
  // An invitation's temporary password is not a code: the outbox lists it as a message only.
  await deps.sender.send({ poolId: pool.id, to, ...text, ...(invitation ? {} : { code }), expiresAt: options.expiresAt ?? null });
}
