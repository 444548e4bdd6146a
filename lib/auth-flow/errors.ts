// The errors the engine itself throws, with Cognito's codes and Cognito's messages. Doors map them:
// the Cognito API sends them as they are, the hosted UI words them (lib/hosted-ui/wording.ts).
import { AppError } from "../errors.ts";

export const ENGINE_MESSAGES = {
  sessionExpired: "Invalid session for the user, session is expired.",
  cannotSignIn: "User is not allowed to sign in.",
  mfaCodeMismatch: "Invalid code received for user",
  /** Cognito's answer to a wrong SMS_MFA or EMAIL_OTP code. */
  signInCodeMismatch: "Invalid code or auth state for the user.",
  mfaSetupMismatch: "Code mismatch and fail enable Software Token MFA",
  /** A recovery code that is not one of the user's unused codes (Gatehouse's own answer, beyond Cognito). */
  recoveryCodeMismatch: "Invalid recovery code received for user",
  mfaLocked: "Too many invalid credentials attempts. User temporarily locked. Please try again after few seconds.",
  cannotResend: "Cannot resend codes. Auto verification not turned on.",
  tooManyRequests: "Too many requests.",
  missingParameter: (name: string) => `Missing required parameter ${name}`,
  notSupported: (name: string) => `${name} is not supported.`,
} as const;

/** The flow is gone, expired, belongs elsewhere, or is not at the step answered. */
export const sessionExpired = () => new AppError("NotAuthorizedException", ENGINE_MESSAGES.sessionExpired);

/** A required answer is missing or empty (the hosted UI's forms catch this first, with their own words). */
export function required(value: string | undefined, name: string, field?: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new AppError("InvalidParameterException", ENGINE_MESSAGES.missingParameter(name), field ? { field } : {});
  }
  return value;
}
