// What the hosted pages say. The engine answers in Cognito's terms (an error code, a Cognito
// message, a field; a step reached and whether a code went out); this file is the one table that
// turns those into the pages' words. A message not in the table is already worded for people
// (the validation messages of lib/users and lib/pools) and is shown as it is.
import type { StartFlow, ResponseName, Outcome } from "../auth-flow/contract.ts";
import { ENGINE_MESSAGES } from "../auth-flow/errors.ts";
import type { AppError, ErrorCode } from "../errors.ts";

const PASSKEY_REFUSED = "That passkey could not be used to sign in. Try again, or sign in another way.";
const PASSKEY_NOT_ADDED = "That passkey could not be added. Try again, or choose Not now.";

const MFA_CODE_WRONG = "That code is not right, or it was already used. Wait for a new code and try again.";

/** Cognito's message for a code → the page's words for it. */
const ERROR_WORDING: Partial<Record<ErrorCode, Record<string, string | ((error: AppError) => string)>>> = {
  NotAuthorizedException: {
    [ENGINE_MESSAGES.sessionExpired]: "This sign-in has expired. Sign in again.",
    [ENGINE_MESSAGES.cannotSignIn]: "This account cannot sign in.",
    "Incorrect username or password.": "Incorrect username or password.",
    "User is disabled.": "This account is disabled. Contact the application's administrator.",
  },
  CodeMismatchException: {
    [ENGINE_MESSAGES.mfaCodeMismatch]: MFA_CODE_WRONG,
    [ENGINE_MESSAGES.signInCodeMismatch]: "That code is not right. Check it and try again, or send a new code.",
    [ENGINE_MESSAGES.recoveryCodeMismatch]: "That recovery code is not right, or it was already used. Check it and try again.",
    "Invalid verification code provided, please try again.": "That code is not right. Check it and try again.",
  },
  EnableSoftwareTokenMFAException: { [ENGINE_MESSAGES.mfaSetupMismatch]: MFA_CODE_WRONG },
  TooManyFailedAttemptsException: {
    "Password attempts exceeded": "Password attempts exceeded. Wait a while and try again, or reset your password.",
    [ENGINE_MESSAGES.mfaLocked]: "Too many wrong codes. Wait a while and sign in again.",
  },
  InvalidParameterException: {
    [ENGINE_MESSAGES.cannotResend]: "We could not send a new code to this account. Sign in again, or ask the application's administrator.",
  },
  TooManyRequestsException: {
    [ENGINE_MESSAGES.tooManyRequests]: (error) => `Too many attempts from your network. Try again in ${error.retryAfterSeconds ?? 60} seconds.`,
  },
};

/** A missing answer the forms did not catch (they normally do, in their own words). */
const MISSING_FIELD: Record<string, string> = {
  login: "Enter your sign-in name.", password: "Enter your password.", code: "Enter the code we sent you.",
};

export function errorWording(error: AppError): string {
  const passkey = passkeyWording(error);
  if (passkey) return passkey;
  const worded = ERROR_WORDING[error.code]?.[error.message];
  if (typeof worded === "function") return worded(error);
  if (worded) return worded;
  if (error.code === "InvalidParameterException" && error.message.startsWith("Missing required parameter") && error.field) {
    return MISSING_FIELD[error.field] ?? error.message;
  }
  return error.message;
}

/** Passkey refusals (lib/passkeys/errors.ts): what the user can do about them, never the WebAuthn detail. */
function passkeyWording(error: AppError): string | null {
  switch (error.code) {
    case "WebAuthnChallengeNotFoundException":
      return "That passkey request has expired. Try again.";
    case "WebAuthnOriginNotAllowedException":
    case "WebAuthnRelyingPartyMismatchException":
      return "That passkey belongs to another website. Choose a passkey for this one, or sign in another way.";
    case "WebAuthnCredentialNotSupportedException":
      return PASSKEY_NOT_ADDED;
    case "WebAuthnNotEnabledException":
    case "WebAuthnConfigurationMissingException":
      return "Passkeys are not available here. Sign in another way.";
    default:
  }
  if (error.message.startsWith("The passkey credential is not valid")) return PASSKEY_REFUSED;
  if (error.message === "This passkey is already registered.") return "This passkey is already registered for your account.";
  if (error.code === "NotAuthorizedException" && (error.message === "Passkey authentication failed." || error.message.includes("signature counter"))) {
    return error.message.includes("signature counter")
      ? "This passkey cannot be used: it looks like a copy of the original. Sign in another way, then remove it."
      : PASSKEY_REFUSED;
  }
  return null;
}

/** The notice a page shows after a step went through, if any. */
export function noticeWording(operation: StartFlow | ResponseName, outcome: Outcome): string | null {
  if (outcome.kind === "done") return null;
  const sent = outcome.delivery?.sent ?? false;
  // A sign-in code (SMS_MFA, EMAIL_OTP) that the hourly cap kept from going out.
  if ((outcome.challengeName === "SMS_MFA" || outcome.challengeName === "EMAIL_OTP") && outcome.delivery && !sent) {
    return "We cannot send another code yet. Use the code we sent you before, or wait a while and send a new one.";
  }
  switch (operation) {
    case "USER_PASSWORD_AUTH":
    case "PASSWORD_VERIFIER":
      // Cognito's UserNotConfirmedException and PasswordResetRequiredException, carried on here.
      if (outcome.challengeName === "ConfirmSignUp") {
        return sent ? "Confirm your account first: we sent you a new code." : "Confirm your account first with the code we sent you before. We cannot send another one yet.";
      }
      if (outcome.challengeName === "ConfirmForgotPassword") {
        return sent ? "Your password must be reset. We sent you a code." : "Your password must be reset. Use the code we sent you before: we cannot send another one yet.";
      }
      return null;
    case "ResendConfirmationCode":
    case "ResendSignInCode":
      return "We sent you a new code.";
    case "USER_AUTH":
      // A code was asked for where none can go (no verified address, or MFA would be skipped).
      return outcome.challengeName === "SELECT_CHALLENGE" ? "We cannot send a sign-in code to this account. Sign in with your password." : null;
    case "ConfirmSignUp":
      return outcome.challengeName === "PASSWORD_VERIFIER" ? "Your account is confirmed. Sign in to continue." : null;
    case "ConfirmForgotPassword":
      return "Your password has been changed. Sign in with your new password.";
    default:
      return null;
  }
}

/** How the second factors are named on the page that offers a choice (SELECT_MFA_TYPE). */
export function mfaFactorWording(factor: "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP", destination: string | null): { label: string; detail: string } {
  switch (factor) {
    case "SOFTWARE_TOKEN_MFA":
      return { label: "Authenticator app", detail: "Enter a code from your authenticator app" };
    case "SMS_MFA":
      return { label: "Text message", detail: destination ? `We'll text a code to ${destination}` : "We'll text a code to your phone" };
    case "EMAIL_OTP":
      return { label: "Email", detail: destination ? `We'll email a code to ${destination}` : "We'll email a code to you" };
  }
}

/** "Remember this device" on the MFA pages (lib/devices/device-cookie.ts). */
export const REMEMBER_DEVICE_WORDING = {
  label: "Remember this device",
  hint: "You will not be asked for a code on this browser next time. Do not tick this on a shared computer.",
} as const;
