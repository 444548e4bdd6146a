// What the hosted pages say. The engine answers in Cognito's terms (an error code, a Cognito
// message, a field; a step reached and whether a code went out); this file is the one table that
// turns those into the pages' words, in the request's language (messages/{locale}/hostedErrors.json).
// lib/users' validation messages (sign-up's attributes, username rules) keep their English, which
// the Cognito API returns as Cognito does; here they are matched by message (and field) and worded
// in the page's language. A message in neither table is shown as it is, in English.
import type { StartFlow, ResponseName, Outcome } from "../auth-flow/contract.ts";
import { ENGINE_MESSAGES } from "../auth-flow/errors.ts";
import type { AppError, ErrorCode } from "../errors.ts";
import { translatorFor, type Translate } from "../i18n/catalogue.ts";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales.ts";
import { ATTRIBUTE_LABELS, isStandardAttribute } from "../pools/attributes.ts";
import { COMMON_PASSWORD_MESSAGE } from "../security/common-passwords.ts";

const words = (locale: Locale): Translate => translatorFor(locale, "hostedErrors");

/** Cognito's message for a code → the key of the page's words for it. */
const ERROR_WORDING: Partial<Record<ErrorCode, Record<string, string | ((error: AppError, t: Translate) => string)>>> = {
  NotAuthorizedException: {
    [ENGINE_MESSAGES.sessionExpired]: "sessionExpired",
    [ENGINE_MESSAGES.cannotSignIn]: "cannotSignIn",
    "Incorrect username or password.": "wrongPassword",
    "User is disabled.": "disabled",
  },
  CodeMismatchException: {
    [ENGINE_MESSAGES.mfaCodeMismatch]: "mfaCodeWrong",
    [ENGINE_MESSAGES.signInCodeMismatch]: "signInCodeWrong",
    [ENGINE_MESSAGES.recoveryCodeMismatch]: "recoveryCodeWrong",
    "Invalid verification code provided, please try again.": "codeWrong",
  },
  EnableSoftwareTokenMFAException: { [ENGINE_MESSAGES.mfaSetupMismatch]: "mfaCodeWrong" },
  TooManyFailedAttemptsException: {
    "Password attempts exceeded": "passwordAttemptsExceeded",
    [ENGINE_MESSAGES.mfaLocked]: "mfaLocked",
  },
  InvalidParameterException: {
    [ENGINE_MESSAGES.cannotResend]: "cannotResend",
  },
  TooManyRequestsException: {
    [ENGINE_MESSAGES.tooManyRequests]: (error, t) => t("tooManyRequests", { seconds: error.retryAfterSeconds ?? 60 }),
  },
  InvalidPasswordException: {
    [COMMON_PASSWORD_MESSAGE]: "commonPassword",
  },
};

/** A missing answer the forms did not catch (they normally do, in their own words). */
const MISSING_FIELD: Record<string, string> = { login: "form.enterLogin", password: "form.enterPassword", code: "form.enterCode" };

export function errorWording(error: AppError, locale: Locale = DEFAULT_LOCALE): string {
  const t = words(locale);
  const passkey = passkeyWording(error);
  if (passkey) return t(passkey);
  const worded = ERROR_WORDING[error.code]?.[error.message];
  if (typeof worded === "function") return worded(error, t);
  if (worded) return t(worded);
  if (error.code === "InvalidParameterException" && error.message.startsWith("Missing required parameter") && error.field) {
    const key = MISSING_FIELD[error.field];
    return key ? t(key) : error.message;
  }
  if (error.code === "InvalidPasswordException") return passwordPolicyWording(error.message, locale) ?? error.message;
  return validationWording(error, locale) ?? error.message;
}

/** lib/users' validation messages, exactly as they are written there → validation.{key}. */
const VALIDATION_MESSAGES: Record<string, string> = {
  "Enter a valid email address.": "invalidEmail",
  "Enter a phone number in international format, like +14155550123.": "invalidPhone",
  "Choose a username of 1-128 characters without spaces.": "usernameChars",
  "Username cannot be of email format, since user pool is configured for email alias.": "usernameEmail",
  "Username cannot be of phone number format, since user pool is configured for phone number alias.": "usernamePhone",
  "This pool signs users in by email or phone: give one.": "emailOrPhone",
  "Sign-up is not enabled for this application.": "signUpDisabled",
  "We could not send the code. Try again in a few minutes.": "codeNotSent",
  "That code has expired. Request a new code.": "codeExpired",
};

/** Messages about one attribute ("{name} must be a number."), matched against the error's field. */
const ATTRIBUTE_MESSAGES: [key: string, english: (name: string) => string[]][] = [
  ["mustBeNumber", (name) => [`${name} must be a number.`]],
  ["mustBeBoolean", (name) => [`${name} must be true or false.`]],
  ["tooLong", (name) => [`${name} is too long.`]],
  // validate-attributes.ts names a standard attribute by its label, new-user-rules.ts says "Email".
  ["required", (name) => [`${name} is required.`, `${isStandardAttribute(name) ? ATTRIBUTE_LABELS[name] : name} is required.`]],
];
function validationWording(error: AppError, locale: Locale): string | null {
  if (error.code !== "InvalidParameterException" && error.code !== "NotAuthorizedException" && error.code !== "CodeDeliveryFailureException" && error.code !== "ExpiredCodeException") return null;
  const t = words(locale);
  const key = VALIDATION_MESSAGES[error.message];
  if (key) return t(`validation.${key}`);
  const field = error.field;
  if (!field) return null;
  const found = ATTRIBUTE_MESSAGES.find(([, english]) => english(field).includes(error.message));
  if (!found) return null;
  // A standard attribute by the label the form shows it with; a custom one by its name.
  const label = isStandardAttribute(field) ? translatorFor(locale, "hosted")(`attributes.${field}`) : field;
  return t(`validation.${found[0]}`, { label });
}

const POLICY_PREFIX = "Password does not meet the requirements: ";
const RULE_KEYS: Record<string, string> = { "a lowercase letter": "lower", "an uppercase letter": "upper", "a number": "number", "a symbol": "symbol" };

/**
 * lib/users' "Password does not meet the requirements: at least 8 characters, a number." in the
 * page's language, rule by rule with the password field's own rule texts; English (null) if a rule is unknown.
 */
function passwordPolicyWording(message: string, locale: Locale): string | null {
  if (locale === DEFAULT_LOCALE || !message.startsWith(POLICY_PREFIX)) return null;
  const rules = translatorFor(locale, "hosted");
  const parts = message.slice(POLICY_PREFIX.length).replace(/\.$/, "").split(", ");
  const worded: string[] = [];
  for (const part of parts) {
    const length = /^at least (\d+) characters$/.exec(part);
    if (length) worded.push(rules("password.rules.length", { min: Number(length[1]) }));
    else if (RULE_KEYS[part]) worded.push(rules(`password.rules.${RULE_KEYS[part]}`));
    else return null;
  }
  // The rule texts start a list item on the password field ("Eine Ziffer"); mid-sentence they read lower-case.
  const inSentence = worded.map((rule) => rule.charAt(0).toLocaleLowerCase(locale) + rule.slice(1));
  return words(locale)("passwordPolicy", { rules: new Intl.ListFormat(locale, { type: "conjunction" }).format(inSentence) });
}

/** Passkey refusals (lib/passkeys/errors.ts): what the user can do about them, never the WebAuthn detail. */
function passkeyWording(error: AppError): string | null {
  switch (error.code) {
    case "WebAuthnChallengeNotFoundException":
      return "passkey.expired";
    case "WebAuthnOriginNotAllowedException":
    case "WebAuthnRelyingPartyMismatchException":
      return "passkey.otherSite";
    case "WebAuthnCredentialNotSupportedException":
      return "passkey.notAdded";
    case "WebAuthnNotEnabledException":
    case "WebAuthnConfigurationMissingException":
      return "passkey.unavailable";
    default:
  }
  if (error.message.startsWith("The passkey credential is not valid")) return "passkey.refused";
  if (error.message === "This passkey is already registered.") return "passkey.alreadyRegistered";
  if (error.code === "NotAuthorizedException" && (error.message === "Passkey authentication failed." || error.message.includes("signature counter"))) {
    return error.message.includes("signature counter") ? "passkey.cloned" : "passkey.refused";
  }
  return null;
}

/** The key of the notice a page shows after a step went through, if any. */
function noticeKey(operation: StartFlow | ResponseName, outcome: Outcome): string | null {
  if (outcome.kind === "done") return null;
  const sent = outcome.delivery?.sent ?? false;
  // A sign-in code (SMS_MFA, EMAIL_OTP) that the hourly cap kept from going out.
  if ((outcome.challengeName === "SMS_MFA" || outcome.challengeName === "EMAIL_OTP") && outcome.delivery && !sent) return "notice.cannotSendYet";
  switch (operation) {
    case "USER_PASSWORD_AUTH":
    case "PASSWORD_VERIFIER":
      // Cognito's UserNotConfirmedException and PasswordResetRequiredException, carried on here.
      if (outcome.challengeName === "ConfirmSignUp") return sent ? "notice.confirmFirstSent" : "notice.confirmFirstNotSent";
      if (outcome.challengeName === "ConfirmForgotPassword") return sent ? "notice.resetRequiredSent" : "notice.resetRequiredNotSent";
      return null;
    case "ResendConfirmationCode":
    case "ResendSignInCode":
      return "notice.newCodeSent";
    case "USER_AUTH":
      // A code was asked for where none can go (no verified address, or MFA would be skipped).
      return outcome.challengeName === "SELECT_CHALLENGE" ? "notice.noSignInCode" : null;
    case "ConfirmSignUp":
      return outcome.challengeName === "PASSWORD_VERIFIER" ? "notice.confirmed" : null;
    case "ConfirmForgotPassword":
      return "notice.passwordChanged";
    default:
      return null;
  }
}

/** The notice a page shows after a step went through, if any. */
export function noticeWording(operation: StartFlow | ResponseName, outcome: Outcome, locale: Locale = DEFAULT_LOCALE): string | null {
  const key = noticeKey(operation, outcome);
  return key ? words(locale)(key) : null;
}

/** The hosted forms' own messages (lib/hosted-ui/forms.ts, in English there) in the page's language. */
const FORM_MESSAGES: Record<string, string> = {
  "Enter your sign-in name.": "form.enterLogin",
  "Enter your password.": "form.enterPassword",
  "Choose a password.": "form.choosePassword",
  "Choose a new password.": "form.chooseNewPassword",
  "Enter the code we sent you.": "form.enterCode",
  "Enter the 6-digit code from your app.": "form.enterAppCode",
  "Choose how you want to verify it's you.": "form.chooseFactor",
  "Enter one of your recovery codes.": "form.enterRecoveryCode",
  "Choose a passkey to sign in.": "form.choosePasskey",
  "The passwords do not match.": "form.passwordsDiffer",
  "This form has expired. Reload the page and try again.": "formExpired",
  "This sign-in option is not available for this application.": "providerUnavailable",
};

export function formWording(message: string, locale: Locale = DEFAULT_LOCALE): string {
  const key = FORM_MESSAGES[message];
  return key ? words(locale)(key) : message;
}

/** How the second factors are named on the page that offers a choice (SELECT_MFA_TYPE). */
export function mfaFactorWording(
  factor: "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP", destination: string | null, locale: Locale = DEFAULT_LOCALE,
): { label: string; detail: string } {
  const t = words(locale);
  switch (factor) {
    case "SOFTWARE_TOKEN_MFA":
      return { label: t("factors.appLabel"), detail: t("factors.appDetail") };
    case "SMS_MFA":
      return { label: t("factors.smsLabel"), detail: destination ? t("factors.smsDetailTo", { destination }) : t("factors.smsDetail") };
    case "EMAIL_OTP":
      return { label: t("factors.emailLabel"), detail: destination ? t("factors.emailDetailTo", { destination }) : t("factors.emailDetail") };
  }
}
