import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseUserFilter, searchForFilter } from "./list-users-filter.ts";

const refused = (filter: string, message = /^Error while parsing filter\./) =>
  assert.throws(() => parseUserFilter(filter), (error: { code?: string; message?: string }) => error.code === "InvalidParameterException" && message.test(error.message ?? ""));

describe("ListUsers filter syntax", () => {
  test("exact and prefix matches, with or without spaces around the operator", () => {
    assert.deepEqual(parseUserFilter('email = "a@example.com"'), { attribute: "email", match: "exact", value: "a@example.com" });
    assert.deepEqual(parseUserFilter('given_name ^= "Jo"'), { attribute: "given_name", match: "prefix", value: "Jo" });
    assert.deepEqual(parseUserFilter('username="bob"'), { attribute: "username", match: "exact", value: "bob" });
    assert.deepEqual(parseUserFilter('  family_name^="Re"  '), { attribute: "family_name", match: "prefix", value: "Re" });
  });

  test("cognito:user_status keeps its colon", () => {
    assert.deepEqual(parseUserFilter('cognito:user_status = "CONFIRMED"'), { attribute: "cognito:user_status", match: "exact", value: "CONFIRMED" });
  });

  test("escaped quotes and backslashes are part of the value", () => {
    assert.deepEqual(parseUserFilter('name = "The \\"Rock\\" J"'), { attribute: "name", match: "exact", value: 'The "Rock" J' });
    assert.deepEqual(parseUserFilter('name = "back\\\\slash"'), { attribute: "name", match: "exact", value: "back\\slash" });
    assert.deepEqual(parseUserFilter('name = "a = \\"b\\""'), { attribute: "name", match: "exact", value: 'a = "b"' });
  });

  test("an empty or missing filter lists everyone", () => {
    assert.equal(parseUserFilter(undefined), null);
    assert.equal(parseUserFilter(""), null);
    assert.equal(parseUserFilter("   "), null);
  });

  test("anything else is Cognito's parse error", () => {
    refused("foo");
    refused('email "a@example.com"');
    refused("email = a@example.com");
    refused('email = "unterminated');
    refused('email = "a" and name = "b"');
    refused('email != "a"');
    refused('email ~= "a"');
    refused('email = "a" "b"');
    refused('email = "trailing backslash\\"');
    refused('= "a"');
  });

  test("only Cognito's searchable attributes can be named", () => {
    refused('custom:tier = "gold"', /custom:tier cannot be searched/);
    refused('address = "x"', /address cannot be searched/);
    refused('Email = "a@example.com"', /Email cannot be searched/);
  });
});

describe("ListUsers filter as a user search", () => {
  test("no filter searches nothing in particular", () => {
    assert.deepEqual(searchForFilter(null), {});
  });

  test("username, email, phone and sub are the search's own fields", () => {
    assert.deepEqual(searchForFilter({ attribute: "email", match: "prefix", value: "al" }), { field: "email", match: "prefix", q: "al" });
    assert.deepEqual(searchForFilter({ attribute: "sub", match: "exact", value: "x" }), { field: "sub", match: "exact", q: "x" });
    assert.deepEqual(searchForFilter({ attribute: "phone_number", match: "prefix", value: "+44" }), { field: "phone_number", match: "prefix", q: "+44" });
  });

  test("name attributes search the attributes", () => {
    assert.deepEqual(searchForFilter({ attribute: "given_name", match: "exact", value: "Jon" }), { field: "given_name", match: "exact", q: "Jon" });
    assert.deepEqual(searchForFilter({ attribute: "preferred_username", match: "prefix", value: "j" }), { field: "preferred_username", match: "prefix", q: "j" });
  });

  test("cognito:user_status is the account status, matched with case", () => {
    assert.deepEqual(searchForFilter({ attribute: "cognito:user_status", match: "exact", value: "FORCE_CHANGE_PASSWORD" }), { status: "FORCE_CHANGE_PASSWORD" });
    assert.deepEqual(searchForFilter({ attribute: "cognito:user_status", match: "prefix", value: "UNCON" }), { status: "UNCONFIRMED" });
    assert.equal(searchForFilter({ attribute: "cognito:user_status", match: "exact", value: "confirmed" }), "nothing");
    assert.equal(searchForFilter({ attribute: "cognito:user_status", match: "exact", value: "ARCHIVED" }), "nothing");
  });

  test("status is Enabled or Disabled, matched without case", () => {
    assert.deepEqual(searchForFilter({ attribute: "status", match: "exact", value: "Enabled" }), { enabled: "true" });
    assert.deepEqual(searchForFilter({ attribute: "status", match: "exact", value: "disabled" }), { enabled: "false" });
    assert.deepEqual(searchForFilter({ attribute: "status", match: "prefix", value: "Dis" }), { enabled: "false" });
    assert.equal(searchForFilter({ attribute: "status", match: "exact", value: "Enable" }), "nothing");
  });

  test("an empty value: nobody has it exactly, everybody starts with it", () => {
    assert.equal(searchForFilter({ attribute: "email", match: "exact", value: "" }), "nothing");
    assert.deepEqual(searchForFilter({ attribute: "given_name", match: "prefix", value: "" }), {});
  });
});
