import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkCatalogues, describeProblems, placeholdersOf } from "./check-catalogues.ts";
import { LOCALES } from "./locales.ts";

test("every catalogue in the repository has every key English has, with the same placeholders", () => {
  const problems = checkCatalogues();
  assert.equal(problems.length, 0, describeProblems(problems));
});

test("a catalogue missing a key, with an extra key or a dropped placeholder is reported", () => {
  const dir = mkdtempSync(join(tmpdir(), "catalogues-"));
  for (const locale of LOCALES) mkdirSync(join(dir, locale));
  writeFileSync(join(dir, "en", "demo.json"), JSON.stringify({ a: "Code {code}", b: { c: "Hi" } }));
  for (const locale of LOCALES.filter((l) => l !== "en" && l !== "de" && l !== "fr")) {
    writeFileSync(join(dir, locale, "demo.json"), JSON.stringify({ a: "X {code}", b: { c: "Y" } }));
  }
  writeFileSync(join(dir, "de", "demo.json"), JSON.stringify({ a: "Code", b: { c: "Hallo", d: "extra" } }));
  const problems = checkCatalogues(dir);
  assert.deepEqual(problems.map((p) => `${p.locale} ${p.key ?? ""} ${p.problem}`).sort(), [
    "de a placeholders (none) where English has code",
    "de b.d not in English",
    "fr  messages/fr/demo.json is missing",
  ]);
});

test("placeholders: arguments, plural branches' own arguments and rich-text tags, not quoted braces", () => {
  assert.deepEqual(placeholdersOf("Hi {name}, you have {count, plural, one {# code} other {# codes for {name}}}"), ["count", "name"]);
  assert.deepEqual(placeholdersOf("Read <link>the terms</link>"), ["<link>"]);
  assert.deepEqual(placeholdersOf("Braces '{like this}' are text"), []);
});
