import { test } from "node:test";
import assert from "node:assert/strict";
import { applyOverride, BrandingSchema, DEFAULT_BRANDING, diffBranding, resolveBranding, textsFor } from "./schema.ts";

const branding = {
  ...DEFAULT_BRANDING,
  texts: { signInTitle: "Welcome back", footer: "Acme Ltd" },
  textsByLanguage: { de: { signInTitle: "Willkommen zurück" }, ja: { footer: "" } },
};

test("textsFor: a language's own text, else the text for all languages, else nothing (the page's wording)", () => {
  assert.deepEqual(textsFor(branding, "de"), { signInTitle: "Willkommen zurück", footer: "Acme Ltd" });
  assert.deepEqual(textsFor(branding, "fr"), { signInTitle: "Welcome back", footer: "Acme Ltd" });
  // An empty text is no text: the all-languages one shows.
  assert.equal(textsFor(branding, "ja").footer, "Acme Ltd");
  assert.deepEqual(textsFor(DEFAULT_BRANDING, "ko"), {});
});

test("a branding stored before per-language texts still parses, with none", () => {
  const { textsByLanguage: _unused, ...older } = DEFAULT_BRANDING;
  assert.deepEqual(resolveBranding({ ...older, texts: { signInTitle: "Hi" } }).textsByLanguage, {});
  assert.equal(resolveBranding({ ...older, texts: { signInTitle: "Hi" } }).texts.signInTitle, "Hi");
  assert.equal(BrandingSchema.safeParse({ ...DEFAULT_BRANDING, textsByLanguage: { xx: {} } }).success, false, "only the supported languages");
});

test("a client's override of one language's text keeps the pool's other texts in that language, and diffs back to itself", () => {
  const client = applyOverride(branding, { textsByLanguage: { de: { signInButton: "Los geht's" } } });
  assert.deepEqual(client.textsByLanguage.de, { signInTitle: "Willkommen zurück", signInButton: "Los geht's" });
  assert.deepEqual(diffBranding(branding, client), { textsByLanguage: { de: { signInButton: "Los geht's" } } });
  assert.deepEqual(diffBranding(branding, branding), {});
});
