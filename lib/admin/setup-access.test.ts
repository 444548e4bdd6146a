import { test } from "node:test";
import assert from "node:assert/strict";
import { createSecrets } from "../security/secrets.ts";
import { isLocalRequest, setupAllowed, setupToken } from "./setup-access.ts";

const local = { host: "localhost:3000" };

test("set-up access: a loopback socket is local only without a proxy's forwarding headers", () => {
  for (const address of ["127.0.0.1", "127.8.0.1", "::1", "::ffff:127.0.0.1"]) assert.equal(isLocalRequest(address, local, "1.1"), true, address);
  for (const address of ["10.0.0.2", "192.168.1.5", "::ffff:10.0.0.2", "2001:db8::1", undefined]) assert.equal(isLocalRequest(address, local, "1.1"), false, String(address));
  for (const name of ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "via"])
    assert.equal(isLocalRequest("127.0.0.1", { ...local, [name]: "203.0.113.9" }, "1.1"), false, name);
});

test("set-up access: a loopback request is local only when its Host names this machine", () => {
  for (const host of ["localhost", "localhost:3000", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:3000", "[::1]", "[::1]:3000"])
    assert.equal(isLocalRequest("127.0.0.1", { host }, "1.1"), true, host);
  // What a reverse proxy passes on (plain proxy_pass with `proxy_set_header Host $host`), or a rebinding name.
  for (const host of ["id.example.com", "id.example.com:443", "localhost.evil.example", "127.0.0.1.nip.io", "evil.example#localhost", "10.0.0.2:3000", "[::1]x", "", undefined])
    assert.equal(isLocalRequest("127.0.0.1", { host }, "1.1"), false, String(host));
});

test("set-up access: HTTP/1.0 is a proxy (nginx's plain proxy_pass), never a browser", () => {
  assert.equal(isLocalRequest("127.0.0.1", { host: "127.0.0.1:3000" }, "1.0"), false);
  assert.equal(isLocalRequest("127.0.0.1", { host: "127.0.0.1:3000" }, "2.0"), true);
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
