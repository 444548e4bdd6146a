import { test } from "node:test";
import assert from "node:assert/strict";
import { firstRule, ruleCovers, scopesAndGroups, unmetIamRule, unmetTokenRule } from "./rules.ts";

const at = (method: string, path: string) => ({ method, path });

test("a /* rule covers its prefix itself and everything below it, nothing beside it", () => {
  const rule = { path: "/orders/*" };
  for (const path of ["/orders", "/orders/", "/orders/1", "/orders/a/b"]) assert.ok(ruleCovers(rule, at("GET", path)), path);
  for (const path of ["/ordersx", "/order", "/", "/admin/orders/1"]) assert.ok(!ruleCovers(rule, at("GET", path)), path);
  assert.ok(ruleCovers({ path: "/*" }, at("GET", "/anything/at/all")));
});

test("an exact rule covers its path with or without a trailing slash, and nothing below", () => {
  const rule = { path: "/orders" };
  assert.ok(ruleCovers(rule, at("GET", "/orders")));
  assert.ok(ruleCovers(rule, at("GET", "/orders/")));
  assert.ok(!ruleCovers(rule, at("GET", "/orders/1")));
  assert.ok(ruleCovers({ path: "/" }, at("GET", "/")));
  assert.ok(!ruleCovers({ path: "/" }, at("GET", "/x")));
});

test("methods narrow a rule; GET also covers HEAD; none listed covers all", () => {
  const rule = { methods: ["POST", "GET"], path: "/orders/*" };
  assert.ok(ruleCovers(rule, at("post", "/orders/1")));
  assert.ok(ruleCovers(rule, at("HEAD", "/orders/1")));
  assert.ok(!ruleCovers(rule, at("DELETE", "/orders/1")));
  assert.ok(!ruleCovers({ methods: ["POST"], path: "/orders/*" }, at("HEAD", "/orders/1")));
  assert.ok(ruleCovers({ path: "/orders/*" }, at("PROPFIND", "/orders/1")));
});

test("the first covering rule decides; none covering: null", () => {
  const rules = [{ methods: ["POST" as const], path: "/orders/*", scopes: ["w"] }, { path: "/orders/*", groups: ["staff"] }, { path: "/*", groups: ["admins"] }];
  assert.equal(firstRule(rules, at("POST", "/orders/1")), rules[0]);
  assert.equal(firstRule(rules, at("GET", "/orders/1")), rules[1]);
  assert.equal(firstRule(rules, at("GET", "/x")), rules[2]);
  assert.equal(firstRule(rules.slice(0, 2), at("GET", "/x")), null);
});

test("scopes are all needed, groups any one, roles any one", () => {
  const rule = { path: "/orders/*", scopes: ["a", "b"] };
  assert.equal(unmetTokenRule(rule, { scopes: ["a", "b", "c"], groups: [] }), null);
  assert.match(unmetTokenRule(rule, { scopes: ["a"], groups: [] }) ?? "", /lacks the scope b/);
  const groups = { path: "/admin/*", groups: ["admins", "staff"] };
  assert.equal(unmetTokenRule(groups, { scopes: [], groups: ["staff"] }), null);
  assert.match(unmetTokenRule(groups, { scopes: [], groups: ["other"] }) ?? "", /not in any of the groups admins, staff/);
  const role = "arn:aws:iam::123456789012:role/AppUser";
  assert.equal(unmetIamRule({ path: "/p/*", roles: [role] }, { roleArn: role }), null);
  assert.match(unmetIamRule({ path: "/p/*", roles: [role] }, { roleArn: "arn:aws:iam::123456789012:role/Guest" }) ?? "", /role is not arn:aws:iam::123456789012:role\/AppUser/);
  assert.equal(unmetIamRule({ path: "/p/*" }, { roleArn: role }), null);
});

test("scope and cognito:groups claims are read as lists, anything else as none", () => {
  assert.deepEqual(scopesAndGroups({ scope: "openid  a/b", "cognito:groups": ["x", 3, "y"] }), { scopes: ["openid", "a/b"], groups: ["x", "y"] });
  assert.deepEqual(scopesAndGroups({ scope: 5, "cognito:groups": "x" }), { scopes: [], groups: [] });
});
