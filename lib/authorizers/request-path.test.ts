import { test } from "node:test";
import assert from "node:assert/strict";
import { authorizerPath } from "./request-path.ts";

test("every spelling of /admin/users reads as /admin/users, so none dodges an /admin/* rule", () => {
  for (const spelling of [
    "/admin/users", "/orders/../admin/users", "/orders/%2e%2e/admin/users", "/orders/%2E%2E/admin/users", "//admin/users", "/admin//users",
    "/orders%2F..%2Fadmin/users", "/orders/%2F..%2F/admin/users", "\\admin\\users", "/orders/..%5Cadmin/users", "/./admin/./users",
    "/%61dmin/users", "/admin/users?x=/orders", "/admin/users#frag", "http://api.example.com/admin/users?q", "/orders/1/../../admin/users",
    "/../../admin/users",
  ])
    assert.equal(authorizerPath(spelling), "/admin/users", spelling);
});

test("a trailing dot segment leaves a directory, and the root stays the root", () => {
  assert.equal(authorizerPath("/orders/1/.."), "/orders/");
  assert.equal(authorizerPath("/"), "/");
  assert.equal(authorizerPath(""), "/");
  assert.equal(authorizerPath("?x=1"), "/");
});

test("escapes are decoded once only, and those that do not decode refuse the request", () => {
  assert.equal(authorizerPath("/orders/100%2525"), "/orders/100%25");
  for (const bad of ["/orders/%", "/orders/%zz", "/admin/%C0%AF"]) assert.equal(authorizerPath(bad), null, bad);
});
