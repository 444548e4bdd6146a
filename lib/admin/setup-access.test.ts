import { test } from "node:test";
import assert from "node:assert/strict";
import { createSecrets } from "../security/secrets.ts";
import { isLocalRequest, setupAllowed, setupToken } from "./setup-access.ts";

test("set-up access: a loopback socket is local only without a proxy's forwarding headers", () => {
  for (const address of ["127.0.0.1", "127.8.0.1", "::1", "::ffff:127.0.0.1"]) assert.equal(isLocalRequest(address, {}), true, address);
  for (const address of ["10.0.0.2", "192.168.1.5", "::ffff:10.0.0.2", "2001:db8::1", undefined]) assert.equal(isLocalRequest(address, {}), false, String(address));
  for (const name of ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "via"])
    assert.equal(isLocalRequest("127.0.0.1", { [name]: "203.0.113.9" }), false, name);
});

test("set-up access: the token is stable for a secret, differs between secrets, and must match exactly", () => {
  const a = createSecrets("a".repeat(43));
  const b = createSecrets("b".repeat(43));
  assert.equal(setupToken(a), setupToken(createSecrets("a".repeat(43))));
  assert.notEqual(setupToken(a), setupToken(b));
  assert.equal(setupToken(a).length, 32);
  assert.equal(setupAllowed(a, { local: "0", token: setupToken(a) }), true);
  assert.equal(setupAllowed(a, { local: "0", token: setupToken(b) }), false);
  assert.equal(setupAllowed(a, { local: "0", token: setupToken(a).slice(0, 31) }), false);
  assert.equal(setupAllowed(a, { local: null, token: null }), false);
  assert.equal(setupAllowed(a, { local: "1", token: null }), true);
});
