import { test } from "node:test";
import assert from "node:assert/strict";
import { messageLocale } from "./message-locale.ts";

const pool = { defaultLanguage: "fr" as const };

test("the user's own locale attribute wins over the page's language and the pool's default", () => {
  assert.equal(messageLocale({ user: { attributes: { locale: "de-AT" } }, requestLocale: "ja", pool }), "de");
});

test("without a supported locale attribute, the language of the page that asked", () => {
  assert.equal(messageLocale({ user: { attributes: {} }, requestLocale: "ja", pool }), "ja");
  assert.equal(messageLocale({ user: { attributes: { locale: "zh-TW" } }, requestLocale: "ko", pool }), "ko");
  assert.equal(messageLocale({ user: null, requestLocale: "es", pool }), "es");
});

test("no page (the Cognito API, the admin API): the pool's defaultLanguage", () => {
  assert.equal(messageLocale({ user: { attributes: { locale: "sv" } }, pool }), "fr");
  assert.equal(messageLocale({ user: { attributes: null }, requestLocale: undefined, pool }), "fr");
});
