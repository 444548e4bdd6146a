import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { patchSchema } from "./patch-schema.ts";

test("a field left out of an update is not reset to its create default", () => {
  const schema = patchSchema({ name: z.string(), mfa: z.enum(["OFF", "ON"]).default("OFF"), scopes: z.array(z.string()).default([]) });
  assert.deepEqual(schema.parse({ name: "x" }), { name: "x" });
  assert.deepEqual(schema.parse({ mfa: "ON" }), { mfa: "ON" });
  assert.throws(() => schema.parse({ unknown: 1 }));
});
