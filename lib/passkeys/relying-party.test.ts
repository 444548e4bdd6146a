import { test } from "node:test";
import assert from "node:assert/strict";
import { counterAccepted } from "./counter.ts";
import { originAllowed, relyingPartyOf } from "./relying-party.ts";

const pool = (relyingPartyId?: string) => ({ name: "Acme", passkeys: { userVerification: "preferred" as const, ...(relyingPartyId ? { relyingPartyId } : {}) } });

test("the relying party id defaults to the host of PUBLIC_URL, without its port or path", () => {
  assert.deepEqual(relyingPartyOf(pool(), "https://id.example.com/auth"), { id: "id.example.com", name: "Acme", publicOrigin: "https://id.example.com" });
  assert.equal(relyingPartyOf(pool(), "http://localhost:3000").id, "localhost");
  assert.equal(relyingPartyOf(pool("example.com"), "https://id.example.com").id, "example.com");
});

test("PUBLIC_URL's origin and https origins at or under the RP id are allowed", () => {
  const rp = relyingPartyOf(pool("example.com"), "https://id.example.com");
  for (const origin of ["https://id.example.com", "https://example.com", "https://app.example.com", "https://a.b.example.com:8443"]) {
    assert.equal(originAllowed(rp, origin), true, origin);
  }
});

test("other sites, look-alike hosts, plain http and malformed origins are refused", () => {
  const rp = relyingPartyOf(pool("example.com"), "https://id.example.com");
  for (const origin of [
    "https://evil.com", "https://notexample.com", "https://example.com.evil.com", "http://app.example.com", "https://app.example.com/path",
    "null", "", "app.example.com", "https://example.com@evil.com",
  ]) {
    assert.equal(originAllowed(rp, origin), false, origin);
  }
});

test("http is allowed only for localhost, which browsers treat as secure", () => {
  const local = relyingPartyOf(pool(), "http://localhost:3000");
  assert.equal(originAllowed(local, "http://localhost:3000"), true);
  assert.equal(originAllowed(local, "http://localhost:5173"), true, "an app on another port of the same host");
  assert.equal(originAllowed(local, "http://127.0.0.1:3000"), false, "not under the RP id");
});

test("a counter must rise, except for authenticators that keep none (0 after 0)", () => {
  assert.equal(counterAccepted(0, 0), true);
  assert.equal(counterAccepted(0, 1), true);
  assert.equal(counterAccepted(5n, 6), true);
  assert.equal(counterAccepted(5n, 5), false, "the same counter twice: a replay or a clone");
  assert.equal(counterAccepted(5n, 4), false, "a lower counter: a cloned authenticator");
  assert.equal(counterAccepted(5n, 0), false, "a counter that fell back to zero");
});
