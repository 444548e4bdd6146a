// Line numbers a person can find, Cognito's header rule, and Cognito's per-row rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Pool } from "../pools/pool.ts";
import { csvHeaderOf } from "./csv-header.ts";
import { parseImportFile } from "./parse-file.ts";
import { prepareRow } from "./prepare-row.ts";

const pool = {
  id: "local_Test0001", signInAliases: ["username"], autoVerifiedAttributes: ["email"], requiredAttributes: ["email"],
  customAttributes: [{ name: "tier", type: "String", mutable: true }],
  passwordPolicy: { minLength: 8 },
} as unknown as Pool;
const ID = "11111111-1111-4111-8111-111111111111";

test("the header is Cognito's order with the pool's custom attributes before cognito:mfa_enabled and cognito:username", () => {
  const header = csvHeaderOf(pool);
  assert.equal(header[0], "name");
  assert.deepEqual(header.slice(-3), ["custom:tier", "cognito:mfa_enabled", "cognito:username"]);
});

test("rows keep the line they start on through a BOM, CRLF, blank lines and quoted fields spanning lines", () => {
  const text = '\uFEFFcognito:username,name,email\r\na,"two\r\nlines",a@x.io\r\n\r\nb,"say ""hi""",b@x.io\r\nc\r\n';
  const { rows } = parseImportFile(pool, text);
  assert.deepEqual(rows.map((r) => r.line), [2, 5, 6]);
  assert.equal(rows[0]!.values.name, "two\r\nlines");
  assert.equal(rows[1]!.values.name, 'say "hi"');
  assert.match(rows[2]!.problem ?? "", /1 fields; the header has 3/);
});

test("an unknown or repeated column refuses the file at the header", () => {
  assert.throws(() => parseImportFile(pool, "cognito:username,shoe\r\nx,1\r\n"), /shoe/);
  assert.throws(() => parseImportFile(pool, "cognito:username,email,email\r\n"), /twice: email/);
  assert.throws(() => parseImportFile(pool, "email\r\na@x.io\r\n"), /no cognito:username/);
  assert.throws(() => parseImportFile(pool, 'cognito:username\r\n"open\r\n'), /not valid CSV/);
});

const row = (values: Record<string, string>) => ({ line: 2, values, problem: null });

test("Cognito's row rules: a username, true/false flags, an address behind each true, MFA only with a verified phone, required attributes", () => {
  const ok = prepareRow(pool, row({ "cognito:username": "ann", email: "ann@x.io", email_verified: "TRUE" }), ID);
  assert.equal(ok.username, "ann");
  assert.equal(ok.attributes.emailVerified, true);
  assert.equal(ok.passwordHash, null);
  assert.throws(() => prepareRow(pool, row({ email: "ann@x.io", email_verified: "true" }), ID), /cognito:username is required/);
  assert.throws(() => prepareRow(pool, row({ "cognito:username": "ann", email: "ann@x.io", email_verified: "yes" }), ID), /email_verified must be true or false/);
  assert.throws(() => prepareRow(pool, row({ "cognito:username": "ann", email_verified: "true", phone_number: "+14155550100" }), ID), /required/);
  assert.throws(() => prepareRow(pool, row({ "cognito:username": "ann", email: "ann@x.io", email_verified: "true", "cognito:mfa_enabled": "true", phone_number: "+14155550100" }), ID), /phone_number_verified true/);
  assert.throws(() => prepareRow(pool, row({ "cognito:username": "ann", email: "ann@x.io", email_verified: "false" }), ID), /verified address/);
  assert.throws(() => prepareRow(pool, row({ "cognito:username": "ann", email: "ann@x.io", email_verified: "true", passwordHash: "plain-text" }), ID), /passwordHash/);
});

test("a passwordHash row is stored as its hash and needs no verified address (no reset follows)", () => {
  const hash = "$2b$04$" + "a".repeat(53);
  const prepared = prepareRow(pool, row({ "cognito:username": "bo", email: "bo@x.io", email_verified: "false", passwordHash: hash }), ID);
  assert.equal(prepared.passwordHash, hash);
});
