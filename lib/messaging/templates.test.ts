import { test } from "node:test";
import assert from "node:assert/strict";
import { renderCodeMessage, renderInvitation, renderRecoveryCodeUsedNotice, renderSignInCode, renderSignUpAttemptNotice } from "./templates.ts";

test("a sign-up code in English and in German carries the code and the pool's name", () => {
  const en = renderCodeMessage("SIGN_UP", { locale: "en", poolName: "Acme", code: "123456" });
  assert.equal(en.subject, "Your Acme verification code");
  assert.match(en.body, /^Your verification code is 123456\n/);
  const de = renderCodeMessage("SIGN_UP", { locale: "de", poolName: "Acme", code: "123456" });
  assert.equal(de.subject, "Ihr Bestätigungscode für Acme");
  assert.match(de.body, /^Ihr Bestätigungscode lautet 123456\n/);
});

test("an SMS sign-in code stays short in every language's longest form", () => {
  for (const locale of ["en", "de", "fr", "es", "pt-BR", "ja", "ko", "zh-CN"] as const) {
    const sms = renderSignInCode({ locale, poolName: "Acme", code: "654321", channel: "SMS", minutes: 3 });
    assert.ok(sms.body.includes("654321") && sms.body.length <= 160, `${locale}: ${sms.body}`);
  }
});

test("the invitation counts days in the language's plural and names the sign-in page when there is one", () => {
  const fr = renderInvitation({ locale: "fr", poolName: "Acme", username: "ana", temporaryPassword: "Tmp-1234", signInUrl: "https://id.example/login", validityDays: 1 });
  assert.match(fr.body, /Connectez-vous sur https:\/\/id\.example\/login dans un délai de 1 jour/);
  assert.match(fr.body, /Mot de passe temporaire : Tmp-1234/);
  const ja = renderInvitation({ locale: "ja", poolName: "Acme", username: "ana", temporaryPassword: "Tmp-1234", signInUrl: null, validityDays: 7, resent: true });
  assert.equal(ja.subject, "Acme の新しいパスワード");
  assert.match(ja.body, /7 日以内にサインインしてください/);
});

test("notices: the sign-up attempt names the username only when given; the recovery notice counts what is left", () => {
  const plain = renderSignUpAttemptNotice({ locale: "es", poolName: "Acme", username: null, channel: "phone" });
  assert.match(plain.subject, /número de teléfono/);
  assert.doesNotMatch(plain.body, /nombre de usuario/);
  assert.match(renderSignUpAttemptNotice({ locale: "es", poolName: "Acme", username: "ana", channel: "email" }).body, /nombre de usuario ana/);
  const when = new Date("2026-11-27T10:00:00Z");
  assert.match(renderRecoveryCodeUsedNotice({ locale: "en", poolName: "Acme", username: "ana", remaining: 1, when }).body, /You have 1 recovery code left\. Consider creating a new set\./);
  assert.match(renderRecoveryCodeUsedNotice({ locale: "de", poolName: "Acme", username: "ana", remaining: 0, when }).body, /keine Wiederherstellungscodes mehr/);
  assert.match(renderRecoveryCodeUsedNotice({ locale: "de", poolName: "Acme", username: "ana", remaining: 8, when }).body, /27\. November 2026/);
});
