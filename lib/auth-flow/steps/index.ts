// The table of steps, like oidc-provider's authorization pipeline: one small module per challenge
// or operation, each taking { deps, pool, state, answers } and returning the next Outcome. The
// mapped types make the table exhaustive: a new name in contract.ts does not compile until it has
// a step here.
import type { Answers, Outcome, ResponseName, StartFlow, StartParameters, StepInput } from "../contract.ts";
import { confirmSignUp, resendConfirmationCode } from "./confirm-sign-up.ts";
import { customChallenge, startCustomAuth } from "./custom-challenge.ts";
import { externalProvider } from "./external-provider.ts";
import { confirmForgotPassword, forgotPassword } from "./forgot-password.ts";
import { mfaSetup } from "./mfa-setup.ts";
import { newPasswordRequired } from "./new-password-required.ts";
import { passwordVerifier, startSrp } from "./password-verifier.ts";
import { signUp } from "./sign-up.ts";
import { softwareTokenMfa } from "./software-token-mfa.ts";
import { emailOtpSignIn, smsOtpSignIn } from "./passwordless-code.ts";
import { passwordChallenge, passwordSrpChallenge, selectChallenge } from "./select-challenge.ts";
import { startUserAuth } from "./user-auth.ts";
import { webAuthn } from "./web-authn.ts";

export const START_STEPS: { [F in StartFlow]: (input: StepInput<StartParameters[F]>) => Promise<Outcome> } = {
  USER_PASSWORD_AUTH: passwordVerifier,
  USER_SRP_AUTH: startSrp,
  CUSTOM_AUTH: startCustomAuth,
  USER_AUTH: startUserAuth,
  SignUp: signUp,
  ForgotPassword: forgotPassword,
  EXTERNAL_PROVIDER: externalProvider,
};

export const RESPONSE_STEPS: { [N in ResponseName]: (input: StepInput<Answers[N]>) => Promise<Outcome> } = {
  PASSWORD_VERIFIER: passwordVerifier,
  NEW_PASSWORD_REQUIRED: newPasswordRequired,
  MFA_SETUP: mfaSetup,
  SOFTWARE_TOKEN_MFA: softwareTokenMfa,
  CUSTOM_CHALLENGE: customChallenge,
  SELECT_CHALLENGE: selectChallenge,
  WEB_AUTHN: webAuthn,
  // Cognito's one name for two things: the passwordless code (state.passwordless) and, with the
  // MFA factors, the email MFA code; the merge makes this a dispatch on state.passwordless.
  EMAIL_OTP: emailOtpSignIn,
  SMS_OTP: smsOtpSignIn,
  PASSWORD: passwordChallenge,
  PASSWORD_SRP: passwordSrpChallenge,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  ConfirmForgotPassword: confirmForgotPassword,
};
