// The table of steps, like oidc-provider's authorization pipeline: one small module per challenge
// or operation, each taking { deps, pool, state, answers } and returning the next Outcome. The
// mapped types make the table exhaustive: a new name in contract.ts does not compile until it has
// a step here.
import type { Answers, Outcome, ResponseName, StartFlow, StartParameters, StepInput } from "../contract.ts";
import { confirmSignUp, resendConfirmationCode } from "./confirm-sign-up.ts";
import { customChallenge, startCustomAuth } from "./custom-challenge.ts";
import { externalProvider } from "./external-provider.ts";
import { confirmForgotPassword, forgotPassword } from "./forgot-password.ts";
import { emailOtp } from "./email-otp.ts";
import { mfaSetup } from "./mfa-setup.ts";
import { resendSignInCode } from "./resend-sign-in-code.ts";
import { selectMfaType } from "./select-mfa-type.ts";
import { smsMfa } from "./sms-mfa.ts";
import { newPasswordRequired } from "./new-password-required.ts";
import { passwordVerifier, startSrp } from "./password-verifier.ts";
import { recoveryCode } from "./recovery-code.ts";
import { signUp } from "./sign-up.ts";
import { devicePasswordVerifier, deviceSrpAuth } from "../../devices/device-sign-in.ts";
import { softwareTokenMfa } from "./software-token-mfa.ts";
import { emailOtpSignIn, smsOtpSignIn } from "./passwordless-code.ts";
import { passwordChallenge, passwordSrpChallenge, selectChallenge } from "./select-challenge.ts";
import { startUserAuth } from "./user-auth.ts";
import { webAuthn } from "./web-authn.ts";
import { answerOldPool } from "./old-pool-challenge.ts";
import { required } from "../errors.ts";

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
  // A migrating user's old pool may ask for one of three second factors (old-pool-challenge.ts).
  SOFTWARE_TOKEN_MFA: (input) => (input.state.oldPool ? answerOldPool(input.deps, input.pool, input.state, required(input.answers.SOFTWARE_TOKEN_MFA_CODE, "SOFTWARE_TOKEN_MFA_CODE", "code")) : softwareTokenMfa(input)),
  CUSTOM_CHALLENGE: customChallenge,
  SMS_MFA: (input) => (input.state.oldPool ? answerOldPool(input.deps, input.pool, input.state, required(input.answers.SMS_MFA_CODE, "SMS_MFA_CODE", "code")) : smsMfa(input)),
  // Cognito's one name for two things: the email MFA code, and the passwordless code of USER_AUTH
  // (state.passwordless says which).
  EMAIL_OTP: (input) => (input.state.oldPool ? answerOldPool(input.deps, input.pool, input.state, required(input.answers.EMAIL_OTP_CODE, "EMAIL_OTP_CODE", "code"))
    : input.state.passwordless ? emailOtpSignIn(input) : emailOtp(input)),
  SELECT_MFA_TYPE: selectMfaType,
  ResendSignInCode: resendSignInCode,
  DEVICE_SRP_AUTH: deviceSrpAuth,
  DEVICE_PASSWORD_VERIFIER: devicePasswordVerifier,
  SELECT_CHALLENGE: selectChallenge,
  WEB_AUTHN: webAuthn,
  SMS_OTP: smsOtpSignIn,
  PASSWORD: passwordChallenge,
  PASSWORD_SRP: passwordSrpChallenge,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  ConfirmForgotPassword: confirmForgotPassword,
  RecoveryCode: recoveryCode,
};
