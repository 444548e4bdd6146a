// What the account page says in the page's language (messages/{locale}/account.json): the notice
// after a change, its errors, the outcome of a sign-in, a device's description and a profile
// attribute's label. The actions keep raising AppErrors with English messages (the ones the
// Cognito API and the tests know); this is the one table that turns them into the page's words,
// falling back to the hosted pages' wording (lib/hosted-ui/wording.ts) for the errors shared with them.
import type { AppError } from "../errors.ts";
import { errorWording, formWording } from "../hosted-ui/wording.ts";
import { translatorFor } from "../i18n/catalogue.ts";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales.ts";
import { describeUserAgent, type DeviceWords } from "../http/user-agent.ts";
import { isStandardAttribute } from "../pools/attributes.ts";
import type { MfaFactor } from "../users/mfa-preference.ts";

export type AddressKind = "email" | "phone";

/** The notice after a change: `notices.{key}` of messages/{locale}/account.json. */
export function accountNotice(locale: Locale, key: string, values?: Record<string, string>): string {
  return translatorFor(locale, "account")(`notices.${key}`, values);
}

/** The account page's own refusals (the English the actions raise) → the key of their words. */
const ERRORS: Record<string, string | [string, Record<string, string>]> = {
  "Something in this form is not right. Check it and try again.": "formWrong",
  "Enter your new email address.": "enterNewEmail",
  "Enter a new password.": "enterNewPassword",
  "The two new passwords are not the same.": "passwordsDiffer",
  "Enter your current password.": "enterCurrentPassword",
  "That password is not right.": "wrongPassword",
  "For this change, sign out and sign in again first.": "signInAgain",
  "Enter a code from your authenticator app.": "enterConfirmCode",
  "That code is not right, or it was already used.": "confirmCodeWrong",
  "This pool does not use authenticator apps.": "noAuthenticator",
  "Enter the code your authenticator app shows.": "enterAppCode",
  "That code is not right. Check the app and enter the code it shows now.": "appCodeWrong",
  "This pool does not use that kind of code.": "noSuchFactor",
  "Your account must keep a second factor: turn another one on before turning this one off.": "keepFactor",
  "Verify your phone number first: codes go only to a verified number.": "verifyPhoneFirst",
  "Verify your email address first: codes go only to a verified address.": "verifyEmailFirst",
  "Choose one of the ways that are on.": "chooseEnabled",
  "The passkey could not be read. Try again.": "passkeyUnreadable",
  "Enter a name for the passkey.": "enterPasskeyName",
};

/** "Text message codes cannot be changed now. …" (security-actions.ts), one per factor. */
export function factorUnchangeableMessage(factor: MfaFactor): string {
  return translatorFor(DEFAULT_LOCALE, "account")("errors.factorUnchangeable", { factor });
}
for (const factor of ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"] as const) ERRORS[factorUnchangeableMessage(factor)] = ["factorUnchangeable", { factor }];

/** An error of an account-page form in the page's language. */
export function accountErrorWording(error: AppError, locale: Locale = DEFAULT_LOCALE): string {
  const entry = ERRORS[error.message];
  if (entry) {
    const [key, values] = typeof entry === "string" ? [entry, undefined] : entry;
    return translatorFor(locale, "account")(`errors.${key}`, values);
  }
  const worded = errorWording(error, locale);
  return worded === error.message ? formWording(error.message, locale) : worded;
}

const OUTCOME_KEYS = new Set(["SignIn", "SignInFailed", "UserLockedOut"]);

/** A sign-in history entry's badge, from its audit event type. */
export function signInOutcome(type: string, locale: Locale = DEFAULT_LOCALE): string {
  return OUTCOME_KEYS.has(type) ? translatorFor(locale, "account")(`outcomes.${type}`) : type;
}

/** "Chrome unter Windows": the browser and system of a User-Agent, product names as they are. */
export function describeDevice(userAgent: string | null | undefined, locale: Locale = DEFAULT_LOCALE): string {
  const t = translatorFor(locale, "account");
  const words: DeviceWords = { on: (browser, system) => t("device.on", { browser, system }), program: t("device.program") };
  return describeUserAgent(userAgent, t("device.unknown"), words);
}

/** The account page as an app in the sessions and sign-ins lists ("Your account": the page's own title). */
export function accountClientName(locale: Locale = DEFAULT_LOCALE): string {
  return translatorFor(locale, "account")("title");
}

/** A standard attribute's label, as the sign-up form names it (hosted.json attributes). */
export function attributeLabel(name: string, locale: Locale = DEFAULT_LOCALE): string | null {
  return isStandardAttribute(name) ? translatorFor(locale, "hosted")(`attributes.${name}`) : null;
}
