import { test } from "node:test";
import assert from "node:assert/strict";
import type { FlowState, Outcome } from "../auth-flow/contract.ts";
import { ENGINE_MESSAGES } from "../auth-flow/errors.ts";
import { AppError } from "../errors.ts";
import { errorWording, formWording, mfaFactorWording, noticeWording } from "./wording.ts";

const state: FlowState = { poolId: "local_a", clientId: "web", step: "ConfirmSignUp", userId: "u" };
const at = (challengeName: Exclude<FlowState["step"], "DONE">, sent?: boolean): Outcome =>
  ({ kind: "challenge", state, challengeName, parameters: {}, ...(sent === undefined ? {} : { delivery: { sent } }) });

test("hosted wording: the engine's Cognito messages become the pages' words", () => {
  const cases: [AppError, string][] = [
    [new AppError("NotAuthorizedException", ENGINE_MESSAGES.sessionExpired), "This sign-in has expired. Sign in again."],
    [new AppError("NotAuthorizedException", "Incorrect username or password."), "Incorrect username or password."],
    [new AppError("NotAuthorizedException", "User is disabled."), "This account is disabled. Contact the application's administrator."],
    [new AppError("TooManyFailedAttemptsException", "Password attempts exceeded"), "Password attempts exceeded. Wait a while and try again, or reset your password."],
    [new AppError("CodeMismatchException", "Invalid verification code provided, please try again.", { field: "code" }), "That code is not right. Check it and try again."],
    [new AppError("CodeMismatchException", ENGINE_MESSAGES.mfaCodeMismatch, { field: "code" }), "That code is not right, or it was already used. Wait for a new code and try again."],
    [new AppError("EnableSoftwareTokenMFAException", ENGINE_MESSAGES.mfaSetupMismatch), "That code is not right, or it was already used. Wait for a new code and try again."],
    [new AppError("TooManyFailedAttemptsException", ENGINE_MESSAGES.mfaLocked), "Too many wrong codes. Wait a while and sign in again."],
    [new AppError("TooManyRequestsException", ENGINE_MESSAGES.tooManyRequests, { retryAfterSeconds: 42 }), "Too many attempts from your network. Try again in 42 seconds."],
    [new AppError("InvalidParameterException", ENGINE_MESSAGES.missingParameter("CONFIRMATION_CODE"), { field: "code" }), "Enter the code we sent you."],
  ];
  for (const [error, words] of cases) assert.equal(errorWording(error), words, error.message);
});

test("hosted wording: messages already worded for people pass through", () => {
  assert.equal(errorWording(new AppError("InvalidPasswordException", "Password does not meet the requirements: at least 8 characters.")), "Password does not meet the requirements: at least 8 characters.");
});

test("hosted wording: notices say what just happened, and whether a code went out", () => {
  assert.equal(noticeWording("USER_PASSWORD_AUTH", at("ConfirmSignUp", true)), "Confirm your account first: we sent you a new code.");
  assert.match(noticeWording("USER_PASSWORD_AUTH", at("ConfirmSignUp", false))!, /We cannot send another one yet/);
  assert.equal(noticeWording("USER_PASSWORD_AUTH", at("ConfirmForgotPassword", true)), "Your password must be reset. We sent you a code.");
  assert.match(noticeWording("USER_PASSWORD_AUTH", at("ConfirmForgotPassword", false))!, /Use the code we sent you before/);
  assert.equal(noticeWording("USER_PASSWORD_AUTH", at("SOFTWARE_TOKEN_MFA")), null);
  assert.equal(noticeWording("ResendConfirmationCode", at("ConfirmSignUp", true)), "We sent you a new code.");
  assert.equal(noticeWording("ConfirmSignUp", at("PASSWORD_VERIFIER")), "Your account is confirmed. Sign in to continue.");
  assert.equal(noticeWording("ConfirmSignUp", at("MFA_SETUP")), null);
  assert.equal(noticeWording("ConfirmForgotPassword", at("PASSWORD_VERIFIER")), "Your password has been changed. Sign in with your new password.");
  assert.equal(noticeWording("SignUp", at("ConfirmSignUp", true)), null);
});

test("hosted wording: passkey refusals say what to do, never the WebAuthn detail", () => {
  const worded = (code: ConstructorParameters<typeof AppError>[0], message: string) => errorWording(new AppError(code, message));
  assert.equal(worded("InvalidParameterException", "The passkey credential is not valid: Invalid input: expected string, received undefined"),
    "That passkey could not be used to sign in. Try again, or sign in another way.");
  assert.equal(worded("WebAuthnChallengeNotFoundException", "anything"), "That passkey request has expired. Try again.");
  assert.match(worded("WebAuthnRelyingPartyMismatchException", "anything"), /another website/);
  assert.match(worded("NotAuthorizedException", "This passkey's signature counter went backwards, which happens when an authenticator is cloned."), /copy of the original/);
  assert.equal(worded("NotAuthorizedException", "Incorrect username or password."), "Incorrect username or password.", "other refusals keep their words");
});

test("hosted wording: a sign-in code asked for where none can go says so, and a code sent needs no notice", () => {
  assert.equal(noticeWording("USER_AUTH", at("SELECT_CHALLENGE")), "We cannot send a sign-in code to this account. Sign in with your password.");
  assert.equal(noticeWording("USER_AUTH", at("EMAIL_OTP", true)), null);
});

test("hosted wording: the page's words come in the request's language (German, Japanese), English by default", () => {
  const wrong = new AppError("NotAuthorizedException", "Incorrect username or password.");
  assert.equal(errorWording(wrong, "de"), "Benutzername oder Passwort ist falsch.");
  assert.equal(errorWording(wrong, "ja"), "ユーザー名またはパスワードが正しくありません。");
  assert.equal(errorWording(wrong), "Incorrect username or password.");
  // Plurals and numbers through ICU, not concatenation.
  const limited = (seconds: number) => new AppError("TooManyRequestsException", ENGINE_MESSAGES.tooManyRequests, { retryAfterSeconds: seconds });
  assert.equal(errorWording(limited(1), "de"), "Zu viele Versuche aus Ihrem Netzwerk. Versuchen Sie es in 1 Sekunde erneut.");
  assert.equal(errorWording(limited(42), "de"), "Zu viele Versuche aus Ihrem Netzwerk. Versuchen Sie es in 42 Sekunden erneut.");
  assert.equal(errorWording(limited(1)), "Too many attempts from your network. Try again in 1 second.");
  assert.equal(noticeWording("ConfirmForgotPassword", at("PASSWORD_VERIFIER"), "fr"), "Votre mot de passe a été modifié. Connectez-vous avec votre nouveau mot de passe.");
  assert.equal(errorWording(new AppError("WebAuthnChallengeNotFoundException", "x"), "ko"), "패스키 요청이 만료되었습니다. 다시 시도하세요.");
});

test("hosted wording: the forms' own messages and a password policy refusal are worded in the page's language", () => {
  assert.equal(formWording("Enter your password.", "de"), "Geben Sie Ihr Passwort ein.");
  assert.equal(formWording("Enter your password."), "Enter your password.");
  assert.equal(formWording("A message the table does not know.", "de"), "A message the table does not know.");
  const policy = new AppError("InvalidPasswordException", "Password does not meet the requirements: at least 10 characters, a number, a symbol.", { field: "password" });
  assert.equal(errorWording(policy, "de"), "Ihr Passwort erfüllt die Anforderungen nicht: mindestens 10 Zeichen, eine Ziffer und ein Sonderzeichen.");
  assert.equal(errorWording(policy), policy.message, "English keeps lib/users' own words");
  const unknownRule = new AppError("InvalidPasswordException", "Password does not meet the requirements: no leading or trailing spaces.");
  assert.equal(errorWording(unknownRule, "de"), unknownRule.message, "a rule the table does not know leaves the message as it is");
});

test("hosted wording: the second factors are named in the page's language", () => {
  assert.deepEqual(mfaFactorWording("SMS_MFA", "+*******0123", "es"), { label: "Mensaje de texto", detail: "Te enviaremos un código por SMS al +*******0123" });
  assert.deepEqual(mfaFactorWording("EMAIL_OTP", null), { label: "Email", detail: "We'll email a code to you" });
  assert.equal(mfaFactorWording("SOFTWARE_TOKEN_MFA", null, "zh-CN").label, "身份验证器应用");
});

test("hosted wording: sign-up's validation messages in the page's language, the English ones unchanged", () => {
  const email = new AppError("InvalidParameterException", "Enter a valid email address.", { field: "email" });
  const phone = new AppError("InvalidParameterException", "Enter a phone number in international format, like +14155550123.", { field: "phone_number" });
  const username = new AppError("InvalidParameterException", "Username cannot be of email format, since user pool is configured for email alias.", { field: "username" });
  assert.equal(errorWording(email), "Enter a valid email address.");
  assert.equal(errorWording(username), "Username cannot be of email format, since user pool is configured for email alias.");
  assert.equal(errorWording(email, "de"), "Geben Sie eine gültige E-Mail-Adresse ein.");
  assert.equal(errorWording(phone, "ja"), "電話番号は +14155550123 のように国際形式で入力してください。");
  assert.equal(errorWording(username, "fr"), "Ici, un nom d’utilisateur ne peut pas avoir la forme d’une adresse e-mail : vous vous connectez avec votre adresse e-mail.");
});

test("hosted wording: an attribute's validation message names the attribute as the form labels it", () => {
  const required = new AppError("InvalidParameterException", "Given name is required.", { field: "given_name" });
  assert.equal(errorWording(required), "Given name is required.");
  assert.equal(errorWording(required, "de"), "Vorname ist erforderlich.");
  assert.equal(errorWording(required, "ko"), "이름은(는) 필수 항목입니다.");
  assert.equal(errorWording(new AppError("InvalidParameterException", "Email is required.", { field: "email" }), "de"), "E-Mail-Adresse ist erforderlich.");
  assert.equal(errorWording(new AppError("InvalidParameterException", "custom:age must be a number.", { field: "custom:age" }), "es"), "custom:age debe ser un número.");
  // Another field's message is not reworded under this one.
  assert.equal(errorWording(new AppError("InvalidParameterException", "custom:age must be a number.", { field: "custom:plan" }), "es"), "custom:age must be a number.");
});
