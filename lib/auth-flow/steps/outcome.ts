// The answer of a step: the next challenge with its public parameters (Cognito's
// ChallengeParameters), or the finished sign-in.
import type { UserRow } from "../../users/user.ts";
import type { Delivery, FlowState, Outcome } from "../contract.ts";

export function outcome(state: FlowState, user: Pick<UserRow, "username" | "email" | "phoneNumber" | "emailVerified" | "phoneVerified" | "attributes" | "failedAttempts" | "lockedUntil"> | null, delivery?: Delivery): Outcome {
  if (state.step === "DONE") return { kind: "done", state, userId: state.userId!, amr: state.amr ?? ["pwd"], user };
  const parameters: Record<string, string> = {};
  if (user) parameters.USERNAME = parameters.USER_ID_FOR_SRP = user.username;
  switch (state.step) {
    case "PASSWORD_VERIFIER":
    case "SOFTWARE_TOKEN_MFA":
    case "ConfirmForgotPassword":
      // Where a reset code went is never told: it would say that the account exists.
      break;
    case "ConfirmSignUp":
      if (state.destination) {
        parameters.CODE_DELIVERY_DESTINATION = state.destination;
        parameters.CODE_DELIVERY_DELIVERY_MEDIUM = state.destination.includes("@") ? "EMAIL" : "SMS";
        parameters.ATTRIBUTE_NAME = state.destination.includes("@") ? "email" : "phone_number";
      }
      break;
    case "NEW_PASSWORD_REQUIRED":
      parameters.requiredAttributes = "[]";
      parameters.userAttributes = JSON.stringify(user ? publicAttributes(user) : {});
      break;
    case "CUSTOM_CHALLENGE":
      // What CreateAuthChallenge made public; the private parameters stay sealed in the flow.
      Object.assign(parameters, state.custom?.pending?.publicParameters ?? {});
      if (!user && state.custom) parameters.USERNAME = state.custom.userName;
      break;
    case "DEVICE_SRP_AUTH":
    case "DEVICE_PASSWORD_VERIFIER":
      // DEVICE_PASSWORD_VERIFIER's SALT, SRP_B and SECRET_BLOCK are added by its step (lib/devices/device-sign-in.ts).
      break;
    case "SELECT_CHALLENGE":
    case "PASSWORD":
    case "PASSWORD_SRP":
      // SELECT_CHALLENGE's choices travel beside the parameters (Cognito's AvailableChallenges).
      if (!user && state.userAuth?.login) parameters.USERNAME = state.userAuth.login;
      break;
    case "WEB_AUTHN":
      // CREDENTIAL_REQUEST_OPTIONS is added by the step that made the challenge (web-authn.ts).
      break;
    case "SMS_OTP":
      if (!user && state.userAuth?.login) parameters.USERNAME = state.userAuth.login;
      if (state.destination) {
        parameters.CODE_DELIVERY_DESTINATION = state.destination;
        parameters.CODE_DELIVERY_DELIVERY_MEDIUM = "SMS";
      }
      break;
    case "MFA_SETUP":
      // The secret itself is read with pendingSecretCode (AssociateSoftwareToken, or the hosted QR code).
      parameters.MFAS_CAN_SETUP = JSON.stringify(state.mfaChoices ?? ["SOFTWARE_TOKEN_MFA"]);
      break;
    case "SMS_MFA":
    case "EMAIL_OTP":
      if (state.destination) {
        parameters.CODE_DELIVERY_DESTINATION = state.destination;
        parameters.CODE_DELIVERY_DELIVERY_MEDIUM = state.step === "SMS_MFA" ? "SMS" : "EMAIL";
      }
      break;
    case "SELECT_MFA_TYPE":
      parameters.MFAS_CAN_CHOOSE = JSON.stringify(state.mfaChoices ?? []);
      break;
    default: {
      const never: never = state.step;
      throw new Error(`unhandled step ${String(never)}`);
    }
  }
  return {
    kind: "challenge", state, challengeName: state.step, parameters, ...(delivery ? { delivery } : {}),
    ...(state.step === "SELECT_CHALLENGE" && state.userAuth ? { availableChallenges: [...state.userAuth.available] } : {}),
  };
}

function publicAttributes(user: Pick<UserRow, "email" | "phoneNumber" | "emailVerified" | "phoneVerified" | "attributes">): Record<string, string> {
  const out: Record<string, string> = {};
  if (user.email) Object.assign(out, { email: user.email, email_verified: String(user.emailVerified) });
  if (user.phoneNumber) Object.assign(out, { phone_number: user.phoneNumber, phone_number_verified: String(user.phoneVerified) });
  for (const [name, value] of Object.entries((user.attributes ?? {}) as Record<string, string>)) out[name] = value;
  return out;
}
