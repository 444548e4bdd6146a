import { test } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import { ACCOUNT_CLIENT_NAME } from "./account-client.ts";
import { accountClientName, accountErrorWording, accountNotice, attributeLabel, describeDevice, factorUnchangeableMessage, signInOutcome } from "./account-wording.ts";

const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

test("account wording: a change's notice in the page's language, the English as it was", () => {
  assert.equal(accountNotice("en", "profileSaved"), "Your profile is saved.");
  assert.equal(accountNotice("de", "profileSaved"), "Ihr Profil ist gespeichert.");
  assert.equal(accountNotice("en", "addressChangedCodeSent", { kind: "email", destination: "a***@e***" }), "Your email address is changed. We sent a code to a***@e***: enter it below to verify it.");
  assert.equal(accountNotice("ko", "addressVerified", { kind: "phone" }), "전화번호가 인증되었습니다.");
  assert.equal(accountNotice("en", "preferred", { factor: "SMS_MFA" }), "Text message codes are now what we ask for first.");
  assert.equal(accountNotice("fr", "passkeyAdded", { name: "Laptop" }), "Votre clé d’accès « Laptop » est ajoutée. Vous pouvez vous connecter avec.");
});

test("account wording: the page's own errors, the hosted pages' and sign-up's, each in the page's language", () => {
  const wrong = new AppError("NotAuthorizedException", "That password is not right.", { field: "confirm_password" });
  assert.equal(accountErrorWording(wrong), "That password is not right.");
  assert.equal(accountErrorWording(wrong, "de"), "Dieses Passwort ist nicht richtig.");
  assert.equal(accountErrorWording(wrong, "ja"), "パスワードが正しくありません。");
  const factor = new AppError("InvalidParameterException", factorUnchangeableMessage("EMAIL_OTP"));
  assert.equal(factor.message, "Email codes cannot be changed now. Reload the page and try again.");
  assert.equal(accountErrorWording(factor, "de"), "Codes per E-Mail können gerade nicht geändert werden. Laden Sie die Seite neu und versuchen Sie es erneut.");
  // Shared with the hosted pages: a form's own message and a validation message of lib/users.
  assert.equal(accountErrorWording(new AppError("InvalidParameterException", "Enter the code we sent you.", { field: "email_code" }), "ko"), "보내 드린 코드를 입력하세요.");
  assert.equal(accountErrorWording(new AppError("InvalidParameterException", "Enter a valid email address.", { field: "email" }), "ko"), "올바른 이메일 주소를 입력하세요.");
  // Anything else is shown as it is.
  assert.equal(accountErrorWording(new AppError("InternalErrorException", "Something odd."), "de"), "Something odd.");
});

test("account wording: sign-in outcomes, devices (product names kept) and attribute labels", () => {
  assert.equal(signInOutcome("SignInFailed"), "Failed attempt");
  assert.equal(signInOutcome("SignInFailed", "de"), "Fehlgeschlagener Versuch");
  assert.equal(signInOutcome("UserLockedOut", "ko"), "실패한 시도로 잠김");
  assert.equal(describeDevice(CHROME_WINDOWS), "Chrome on Windows");
  assert.equal(describeDevice(CHROME_WINDOWS, "de"), "Chrome unter Windows");
  assert.equal(describeDevice(CHROME_WINDOWS, "ko"), "Windows의 Chrome");
  assert.equal(describeDevice(null, "fr"), "Appareil inconnu");
  assert.equal(describeDevice("node", "es"), "Un programa");
  assert.equal(attributeLabel("given_name"), "Given name");
  assert.equal(attributeLabel("given_name", "de"), "Vorname");
  assert.equal(attributeLabel("custom:plan", "de"), null);
  assert.equal(accountClientName(), ACCOUNT_CLIENT_NAME);
  assert.equal(accountClientName("de"), "Ihr Konto");
});
