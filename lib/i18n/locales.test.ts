import { test } from "node:test";
import assert from "node:assert/strict";
import { acceptedLanguages, directionOf, matchLocale, negotiateLocale } from "./locales.ts";

test("lang= wins over Accept-Language, which wins over the pool's default", () => {
  assert.equal(negotiateLocale({ requested: "de", acceptLanguage: "ja", poolDefault: "fr" }), "de");
  assert.equal(negotiateLocale({ requested: null, acceptLanguage: "ja,en;q=0.8", poolDefault: "fr" }), "ja");
  assert.equal(negotiateLocale({ requested: "xx", acceptLanguage: "xx-YY", poolDefault: "fr" }), "fr");
  assert.equal(negotiateLocale({}), "en");
});

test("ui_locales is a list: the first supported language wins", () => {
  assert.equal(negotiateLocale({ requested: "sv fr-CA de" }), "fr");
});

test("Accept-Language is read by weight, not order", () => {
  assert.deepEqual(acceptedLanguages("en;q=0.5, ko, fr;q=0.9, de;q=0"), ["ko", "fr", "en"]);
  assert.equal(negotiateLocale({ acceptLanguage: "en;q=0.5, ko-KR, fr;q=0.9" }), "ko");
});

test("regional and script variants find their catalogue; Traditional Chinese does not fall to Simplified", () => {
  assert.equal(matchLocale("de-AT"), "de");
  assert.equal(matchLocale("pt-PT"), "pt-BR");
  assert.equal(matchLocale("pt_br"), "pt-BR");
  assert.equal(matchLocale("zh-Hans-CN"), "zh-CN");
  assert.equal(matchLocale("zh-TW"), null);
  assert.equal(matchLocale("<script>"), null);
});

test("pages take their direction from the language", () => {
  assert.equal(directionOf("ar"), "rtl");
  assert.equal(directionOf("he-IL"), "rtl");
  assert.equal(directionOf("ja"), "ltr");
});
