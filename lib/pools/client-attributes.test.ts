import { test } from "node:test";
import assert from "node:assert/strict";
import { isAppError } from "../errors.ts";
import { parseConfigText } from "../config/apply-config.ts";
import { keepImmutableAttributes } from "./attributes.ts";
import { assertClientMayWrite, attributePermissionIssues, canRead, canWrite, readableClaims, DEFAULT_PERMISSIONS } from "./client-attributes.ts";

const tier = { name: "tier", type: "String" as const, mutable: true };
const tenant = { name: "tenant", type: "String" as const, mutable: false };
const pool = { customAttributes: [tier, tenant], requiredAttributes: ["email"] };

test("client attributes: by default a client reads everything and writes the standard attributes, no custom:* and no verified flags", () => {
  for (const name of ["email", "given_name", "email_verified", "phone_number_verified", "custom:tier", "custom:tenant"]) assert.ok(canRead(DEFAULT_PERMISSIONS, name), name);
  for (const name of ["email", "given_name", "address", "updated_at"]) assert.ok(canWrite(DEFAULT_PERMISSIONS, name), name);
  for (const name of ["custom:tier", "custom:tenant", "email_verified", "phone_number_verified", "sub"]) assert.ok(!canWrite(DEFAULT_PERMISSIONS, name), name);
});

test("client attributes: with only a read list, the client writes the standard attributes it may read", () => {
  const client = { readAttributes: ["email", "given_name", "custom:tier"], writeAttributes: null };
  assert.ok(canWrite(client, "email"));
  assert.ok(canWrite(client, "given_name"));
  assert.ok(!canWrite(client, "family_name"), "not readable, so not writable");
  assert.ok(!canWrite(client, "custom:tier"), "custom attributes only when listed");
});

test("client attributes: explicit lists are exactly what the client may read and write", () => {
  const client = { readAttributes: ["email", "custom:tier"], writeAttributes: ["email", "custom:tier"] };
  assert.ok(canRead(client, "custom:tier"));
  assert.ok(!canRead(client, "given_name"));
  assert.ok(canWrite(client, "custom:tier"));
  assert.ok(!canWrite(client, "given_name"));
});

test("client attributes: a write the client may not make is refused, naming the attribute, as Cognito's NotAuthorizedException", () => {
  assert.doesNotThrow(() => assertClientMayWrite(DEFAULT_PERMISSIONS, ["email", "given_name"]));
  assert.throws(
    () => assertClientMayWrite(DEFAULT_PERMISSIONS, ["email", "custom:tier"]),
    (error) => isAppError(error) && error.code === "NotAuthorizedException" && error.field === "custom:tier" && /unauthorized attribute: custom:tier/.test(error.message),
  );
});

test("client attributes: unreadable attributes leave the claims; sub and Cognito's claims stay", () => {
  const claims = { sub: "s", email: "a@example.com", email_verified: true, "custom:tier": "gold", "cognito:username": "a", token_use: "id" };
  assert.deepEqual(readableClaims({ readAttributes: ["email"] }, claims), { sub: "s", email: "a@example.com", "cognito:username": "a", token_use: "id" });
  assert.equal(readableClaims(DEFAULT_PERMISSIONS, claims), claims);
});

test("client attributes: the rules against the pool, each with a clear message", () => {
  const issues = (client: { readAttributes: string[] | null; writeAttributes: string[] | null }) => attributePermissionIssues(client, pool).map((i) => `${i.path.join(".")}: ${i.message}`);
  assert.deepEqual(issues({ readAttributes: null, writeAttributes: ["email", "custom:tier"] }), []);
  assert.deepEqual(issues({ readAttributes: ["email", "custom:nope"], writeAttributes: null }), [
    "readAttributes.1: custom:nope is not an attribute of this pool (its custom attributes are custom:tier, custom:tenant)",
  ]);
  assert.deepEqual(issues({ readAttributes: null, writeAttributes: ["email", "email_verified"] }), [
    "writeAttributes.1: email_verified can only be read: it is set when the user verifies the address, or by an administrator",
  ]);
  assert.deepEqual(issues({ readAttributes: ["email"], writeAttributes: ["email", "name"] }), [
    "writeAttributes.1: name is writable, so it must be readable too: add it to readAttributes",
  ]);
  assert.deepEqual(issues({ readAttributes: null, writeAttributes: ["name"] }), [
    "writeAttributes: email is required in this pool, so the client must be able to read and write it (sign-up needs it)",
  ]);
  assert.deepEqual(issues({ readAttributes: ["given_name"], writeAttributes: null }), [
    "writeAttributes: email is required in this pool, so the client must be able to read and write it (sign-up needs it)",
  ]);
});

test("config files: client attribute lists are checked against the pool, with their path", () => {
  const base = { id: "local_Demo12345", name: "Demo", customAttributes: [tier] };
  const client = { clientId: "web", name: "Web", callbackUrls: ["http://localhost:4000/callback"] };
  const parse = (overrides: object) => parseConfigText(JSON.stringify({ pools: [{ ...base, clients: [{ ...client, ...overrides }] }] }), "c.json");
  assert.equal(parse({}).pools[0]!.clients[0]!.writeAttributes, null, "omitted: the default");
  assert.deepEqual(parse({ writeAttributes: ["email", "custom:tier"] }).pools[0]!.clients[0]!.writeAttributes, ["email", "custom:tier"]);
  assert.throws(() => parse({ readAttributes: ["shoe_size"] }), /clients\.0\.readAttributes\.0: unknown attribute "shoe_size"/);
  assert.throws(() => parse({ readAttributes: ["sub"] }), /sub is always readable/);
  assert.throws(() => parse({ writeAttributes: ["email", "custom:plan"] }), /clients\.0\.writeAttributes\.1: custom:plan is not an attribute of this pool/);
  // The pool signs in by email (the default), so email is required and must be writable.
  assert.throws(() => parse({ writeAttributes: ["name"] }), /clients\.0\.writeAttributes: email is required in this pool/);
});

test("immutable attributes: a re-applied config keeps an existing user's stored value, and says which it ignored", () => {
  const kept = keepImmutableAttributes({ customAttributes: [tier, tenant] }, { "custom:tier": "silver", "custom:tenant": "B" }, { "custom:tier": "gold", "custom:tenant": "A" });
  assert.deepEqual(kept, { attributes: { "custom:tier": "silver", "custom:tenant": "A" }, ignored: ["custom:tenant"] });
  const unset = keepImmutableAttributes({ customAttributes: [tenant] }, { "custom:tenant": "B" }, {});
  assert.deepEqual(unset, { attributes: {}, ignored: ["custom:tenant"] }, "not set at creation: stays unset");
  const omitted = keepImmutableAttributes({ customAttributes: [tenant] }, {}, { "custom:tenant": "A" });
  assert.deepEqual(omitted, { attributes: { "custom:tenant": "A" }, ignored: [] }, "left out of the file: kept, not removed");
});
