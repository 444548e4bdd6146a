// Message texts: the defaults, which a pool's custom message trigger may replace (send-user-message.ts).
// Each is rendered in the language lib/i18n/message-locale.ts chose, from messages/{locale}/messages.json.
import { translatorFor } from "../i18n/catalogue.ts";
import type { Locale } from "../i18n/locales.ts";

export type Template = "SIGN_UP" | "FORGOT_PASSWORD" | "RESEND_CODE" | "VERIFY_ATTRIBUTE";

type Text = { subject: string; body: string };

const t = (locale: Locale) => translatorFor(locale, "messages");

/** The invitation an admin-created user receives (Cognito's AdminCreateUser message); `resent` for a new temporary password. */
export function renderInvitation(options: {
  locale: Locale; poolName: string; username: string; temporaryPassword: string; signInUrl: string | null; validityDays: number; resent?: boolean;
}): Text {
  const tr = t(options.locale);
  const values = { username: options.username, password: options.temporaryPassword, days: options.validityDays };
  return {
    subject: tr(options.resent ? "invitation.newPasswordSubject" : "invitation.subject", { poolName: options.poolName }),
    body: options.signInUrl ? tr("invitation.bodyWithUrl", { ...values, url: options.signInUrl }) : tr("invitation.body", values),
  };
}

const CODE_KEYS: Record<Template, string> = {
  SIGN_UP: "signUpCode", RESEND_CODE: "signUpCode", FORGOT_PASSWORD: "forgotPasswordCode", VERIFY_ATTRIBUTE: "verifyAttributeCode",
};

export function renderCodeMessage(template: Template, options: { locale: Locale; poolName: string; code: string }): Text {
  const tr = t(options.locale);
  const key = CODE_KEYS[template];
  return { subject: tr(`${key}.subject`, { poolName: options.poolName }), body: tr(`${key}.body`, { poolName: options.poolName, code: options.code }) };
}

/** A sign-in code (SMS_MFA, EMAIL_OTP, SMS_OTP): short, since an SMS is short. */
export function renderSignInCode(options: { locale: Locale; poolName: string; code: string; channel: "SMS" | "EMAIL"; minutes: number }): Text {
  const tr = t(options.locale);
  const values = { poolName: options.poolName, code: options.code, minutes: options.minutes };
  return options.channel === "SMS"
    ? { subject: tr("signInCode.smsSubject", values), body: tr("signInCode.sms", values) }
    : { subject: tr("signInCode.emailSubject", values), body: tr("signInCode.emailBody", values) };
}

/** To the owner of an email or phone someone tried to sign up with again (when the app client
 * prevents user-existence errors, this is how the owner, and only the owner, learns of it). */
export function renderSignUpAttemptNotice(options: { locale: Locale; poolName: string; username: string | null; channel: "email" | "phone" }): Text {
  const tr = t(options.locale);
  const values = { poolName: options.poolName, username: options.username ?? "" };
  return {
    subject: tr(`signUpAttempt.${options.channel}Subject`, values),
    body: tr(`signUpAttempt.${options.channel}Body${options.username ? "WithUsername" : ""}`, values),
  };
}

/** To a user who just signed in with a recovery code: how many are left, and what to do if it was not them. */
export function renderRecoveryCodeUsedNotice(options: { locale: Locale; poolName: string; username: string; remaining: number; when: Date }): Text {
  const tr = t(options.locale);
  const left = options.remaining === 0
    ? tr("recoveryCodeUsed.noneLeft")
    : `${tr("recoveryCodeUsed.someLeft", { remaining: options.remaining })}${options.remaining <= 3 ? ` ${tr("recoveryCodeUsed.considerNewSet")}` : ""}`;
  // The server's clock is UTC and the user's time zone unknown: the time says it is UTC.
  const when = new Intl.DateTimeFormat(options.locale, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }).format(options.when);
  return {
    subject: tr("recoveryCodeUsed.subject", { poolName: options.poolName }),
    body: tr("recoveryCodeUsed.body", { poolName: options.poolName, username: options.username, when, left }),
  };
}

/** The welcome a user moved in by the user migration trigger receives. */
export function renderWelcome(options: { locale: Locale; poolName: string; name: string; mustReset: boolean }): Text {
  const tr = t(options.locale);
  const values = { poolName: options.poolName, name: options.name };
  return { subject: tr("welcome.subject", values), body: tr(options.mustReset ? "welcome.bodyReset" : "welcome.bodyConfirmed", values) };
}
