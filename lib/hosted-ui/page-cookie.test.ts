import { test } from "node:test";
import assert from "node:assert/strict";
import { ServerResponse, IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { createSecrets } from "../security/secrets.ts";
import { hasPageCookie, pageCookieName, pageCookiesOf, setPageCookie } from "./page-cookie.ts";

const secrets = createSecrets("page-cookie-test-secret-0123456789abcdef");
const POOL = "local_Test00001";

function issued(options: { poolId?: string; uid: string; secure?: boolean; secretsOf?: typeof secrets }) {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader("Set-Cookie", "gh_interaction=abc; path=/");
  setPageCookie(res, options.secretsOf ?? secrets, { poolId: options.poolId ?? POOL, uid: options.uid, secure: options.secure ?? false });
  const lines = res.getHeader("Set-Cookie") as string[];
  assert.equal(lines[0], "gh_interaction=abc; path=/", "cookies set before are kept");
  const line = lines[1]!;
  return { line, value: line.split(";")[0]!.split("=")[1]! };
}

test("the page cookie is scoped to its interaction, HttpOnly, SameSite=Lax, Secure on https", () => {
  const { line } = issued({ uid: "abc-123" });
  assert.match(line, new RegExp(`^${pageCookieName(POOL)}=[\\w-]{43}; Path=/${POOL}/interaction/abc-123; Max-Age=3600; HttpOnly; SameSite=Lax$`));
  assert.match(issued({ uid: "abc-123", secure: true }).line, /; Secure$/);
});

test("a page cookie opens its own interaction only", () => {
  const { value } = issued({ uid: "uid-one" });
  assert.ok(hasPageCookie(secrets, { poolId: POOL, uid: "uid-one", values: [value] }));
  assert.ok(!hasPageCookie(secrets, { poolId: POOL, uid: "uid-two", values: [value] }), "another interaction");
  assert.ok(!hasPageCookie(secrets, { poolId: "local_Other0001", uid: "uid-one", values: [value] }), "another pool");
  assert.ok(!hasPageCookie(secrets, { poolId: POOL, uid: "uid-one", values: [] }), "no cookie");
  assert.ok(!hasPageCookie(secrets, { poolId: POOL, uid: "uid-one", values: ["", "uid-one"] }), "a guess");
  const otherSecret = issued({ uid: "uid-one", secretsOf: createSecrets("another-secret-entirely-0123456789abc") }).value;
  assert.ok(!hasPageCookie(secrets, { poolId: POOL, uid: "uid-one", values: [otherSecret] }), "another deployment's key");
  assert.ok(hasPageCookie(secrets, { poolId: POOL, uid: "uid-one", values: ["stale", value] }), "any of several sent");
});

test("page cookies are read from a Cookie header by the pool's name only", () => {
  const name = pageCookieName(POOL);
  assert.deepEqual(pageCookiesOf(`a=1; ${name}=xyz; ${name}x=no; ${pageCookieName("local_Other0001")}=other`, POOL), ["xyz"]);
  assert.deepEqual(pageCookiesOf(undefined, POOL), []);
  assert.deepEqual(pageCookiesOf(`${name}=one;${name}=two`, POOL), ["one", "two"]);
});
