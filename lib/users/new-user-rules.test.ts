import { test } from "node:test";
import assert from "node:assert/strict";
import type { SignInAlias } from "../pools/pool.ts";
import { aliasChangeRules, clashRules, insertLockKeys, newUsername } from "./new-user-rules.ts";

const pool = (...signInAliases: SignInAlias[]) => ({ signInAliases });
const NO_ADDRESS = { email: null, phoneNumber: null };

test("new username: the one asked for where users have usernames, of the allowed shape, trimmed", () => {
  for (const creator of ["sign-up", "admin", "config"] as const) {
    assert.equal(newUsername(pool("username", "email"), { creator, requested: " alice ", id: "sub-1", attributes: NO_ADDRESS }), "alice");
    assert.throws(
      () => newUsername(pool("username", "email"), { creator, requested: "bob@example.com", id: "sub-1", attributes: NO_ADDRESS }),
      (e: unknown) => (e as { code: string; field: string }).code === "InvalidParameterException" && (e as { field: string }).field === "username",
    );
  }
});

test("new username: generated (the sub) in email/phone pools, where the user needs an address to sign in with", () => {
  const email = { email: "a@example.com", phoneNumber: null };
  assert.equal(newUsername(pool("email"), { creator: "sign-up", requested: "ignored", id: "sub-1", attributes: email }), "sub-1");
  assert.equal(newUsername(pool("email"), { creator: "admin", requested: undefined, id: "sub-2", attributes: email }), "sub-2");
  assert.throws(() => newUsername(pool("email"), { creator: "sign-up", requested: undefined, id: "x", attributes: NO_ADDRESS }), /Email is required/);
  assert.throws(() => newUsername(pool("phone"), { creator: "admin", requested: undefined, id: "x", attributes: NO_ADDRESS }), (e: unknown) => (e as { field: string }).field === "phone_number");
});

test("new username: a config file always names its users, and the shape rule holds for them too", () => {
  assert.equal(newUsername(pool("email"), { creator: "config", requested: "ops", id: "sub-1", attributes: NO_ADDRESS }), "ops");
  assert.throws(() => newUsername(pool("email"), { creator: "config", requested: "ops@example.com", id: "sub-1", attributes: NO_ADDRESS }), /email format/);
});

test("clash rules: sign-up answers UsernameExistsException for a taken alias, counting only verified addresses where users have usernames", () => {
  const rules = clashRules(pool("username", "email", "phone"), "sign-up");
  assert.deepEqual(rules.map((r) => [r.field, r.code, r.verifiedOnly]), [
    ["username", "UsernameExistsException", false],
    ["email", "UsernameExistsException", true],
    ["phone_number", "UsernameExistsException", true],
  ]);
  assert.deepEqual(clashRules(pool("email"), "sign-up").map((r) => [r.field, r.verifiedOnly]), [["username", false], ["email", false]]);
});

test("clash rules: admin create answers AliasExistsException for any address already in use", () => {
  assert.deepEqual(clashRules(pool("username", "email", "phone"), "admin").map((r) => [r.field, r.code, r.verifiedOnly]), [
    ["username", "UsernameExistsException", false],
    ["email", "AliasExistsException", false],
    ["phone_number", "AliasExistsException", false],
  ]);
});

test("clash rules: an address is only checked where it is a sign-in alias; a config file is matched by username alone", () => {
  assert.deepEqual(clashRules(pool("username"), "admin").map((r) => r.field), ["username"]);
  assert.deepEqual(clashRules(pool("username", "email", "phone"), "config").map((r) => r.field), ["username"]);
});

test("insert locks: one per name, case-folded, in one order whatever the request", () => {
  const a = insertLockKeys("p1", { username: "Alice", email: "A@Example.com", phoneNumber: "+14155550123" });
  assert.deepEqual(a, ["p1:email:a@example.com", "p1:phone:+14155550123", "p1:username:alice"]);
  // Two sign-ups with different (generated) usernames and the same email share the email's lock.
  const b = insertLockKeys("p1", { username: "sub-1", email: "a@example.com", phoneNumber: null });
  const c = insertLockKeys("p1", { username: "sub-2", email: "A@EXAMPLE.COM", phoneNumber: null });
  assert.ok(b.includes("p1:email:a@example.com") && c.includes("p1:email:a@example.com"));
  assert.deepEqual(insertLockKeys("p2", { username: "alice", email: null, phoneNumber: null }), ["p2:username:alice"]);
});

test("alias change: an admin's new email or phone number may not be another user's sign-in alias, verified or not", () => {
  assert.deepEqual(aliasChangeRules(pool("username", "email", "phone")).map((r) => [r.field, r.code, r.verifiedOnly]), [
    ["email", "AliasExistsException", false],
    ["phone_number", "AliasExistsException", false],
  ]);
  assert.deepEqual(aliasChangeRules(pool("username")), []);
  // A change locks only the addresses it writes, with the same keys an insert of them takes.
  assert.deepEqual(insertLockKeys("p1", { username: null, email: "A@example.com", phoneNumber: null }), ["p1:email:a@example.com"]);
});
