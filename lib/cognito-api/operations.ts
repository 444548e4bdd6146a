// Every operation of the Cognito API Gatehouse answers, by its name in X-Amz-Target. An operation
// not listed here is UnknownOperationException, as AWS answers one it does not know.
import { ConfirmForgotPassword, ConfirmSignUp, ForgotPassword, ResendConfirmationCode, SignUp } from "./account.ts";
import type { Operation } from "./call.ts";
import { DeleteUserAttributes, GetUser, GetUserAttributeVerificationCode, UpdateUserAttributes, VerifyUserAttribute } from "./own-account.ts";
import { ChangePassword, DeleteUser, GlobalSignOut, SetUserMFAPreference } from "./own-security.ts";
import { AssociateSoftwareToken, VerifySoftwareToken } from "./software-token.ts";
import { GetTokensFromRefreshToken, InitiateAuth, RespondToAuthChallenge, RevokeToken } from "./sign-in.ts";

export const OPERATIONS: Record<string, Operation> = {
  // Public: anyone with the app client's id.
  SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword,
  InitiateAuth, RespondToAuthChallenge, GetTokensFromRefreshToken, RevokeToken,
  // With an access token (or, for the software token, a sign-in's MFA_SETUP Session).
  AssociateSoftwareToken, VerifySoftwareToken,
  GetUser, UpdateUserAttributes, DeleteUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute,
  ChangePassword, SetUserMFAPreference, GlobalSignOut, DeleteUser,
};
