// The refusals of passkey registration and sign-in, with Cognito's exception names and messages.
import { AppError } from "../errors.ts";

export const passkeyErrors = {
  notEnabled: () => new AppError("WebAuthnNotEnabledException", "Passkey sign-in is not enabled for this user pool."),
  challengeNotFound: () => new AppError("WebAuthnChallengeNotFoundException", "The passkey challenge was not found or has expired. Start again."),
  originNotAllowed: () => new AppError("WebAuthnOriginNotAllowedException", "The passkey was used from an origin this user pool does not allow."),
  relyingPartyMismatch: () => new AppError("WebAuthnRelyingPartyMismatchException", "The passkey belongs to a different relying party than this user pool's."),
  notSupported: (why: string) => new AppError("WebAuthnCredentialNotSupportedException", `The passkey credential is not supported: ${why}`),
  invalid: (why: string) => new AppError("InvalidParameterException", `The passkey credential is not valid: ${why}`),
  alreadyRegistered: () => new AppError("InvalidParameterException", "This passkey is already registered."),
  notFound: () => new AppError("ResourceNotFoundException", "The passkey credential was not found."),
} as const;
