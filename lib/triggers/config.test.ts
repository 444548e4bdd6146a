// Replacing a pool's triggers: a webhook's secret is kept only for the url it was given for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createSecrets } from "../security/secrets.ts";
import { TriggersUpdateSchema, TriggersSchema, mergeTriggers, sealTriggers, viewTriggers } from "./config.ts";

const secrets = createSecrets(randomBytes(32).toString("base64url"));
const SECRET = "whsec_unit-test-secret-0001";
const stored = sealTriggers(secrets, TriggersSchema.parse({ preSignUp: { url: "https://hooks.example.com/a", secret: SECRET } }));

test("a webhook given without its secret keeps the stored one for the same url", () => {
  const merged = mergeTriggers(secrets, stored, TriggersUpdateSchema.parse({ preSignUp: { url: "https://hooks.example.com/a" } }));
  assert.ok(!("missingSecret" in merged));
  const trigger = merged.preSignUp as { secretEnc: string };
  assert.equal(secrets.decrypt(trigger.secretEnc), SECRET);
});

test("a webhook moved to another url without a secret is refused, so the old secret never goes elsewhere", () => {
  assert.deepEqual(mergeTriggers(secrets, stored, TriggersUpdateSchema.parse({ preSignUp: { url: "https://elsewhere.example.com/a" } })), { missingSecret: "preSignUp" });
  assert.deepEqual(mergeTriggers(secrets, {}, TriggersUpdateSchema.parse({ preSignUp: { url: "https://hooks.example.com/a" } })), { missingSecret: "preSignUp" });
});

test("triggers not given are dropped, and the view never holds a secret", () => {
  const merged = mergeTriggers(secrets, stored, TriggersUpdateSchema.parse({ postConfirmation: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:post" } }));
  assert.deepEqual(Object.keys(merged), ["postConfirmation"]);
  const view = viewTriggers(stored);
  assert.deepEqual(view, { preSignUp: { url: "https://hooks.example.com/a", hasSecret: true } });
  assert.ok(!JSON.stringify(view).includes("secretEnc"));
});

test("the config file's strict schema still needs a webhook's secret", () => {
  assert.equal(TriggersSchema.safeParse({ preSignUp: { url: "https://hooks.example.com/a" } }).success, false);
  assert.equal(TriggersUpdateSchema.safeParse({ preSignUp: { url: "https://hooks.example.com/a" } }).success, true);
});
