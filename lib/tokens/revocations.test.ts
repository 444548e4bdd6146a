import { test } from "node:test";
import assert from "node:assert/strict";
import { SETTLE_MS, noteRevocation, revocationEpoch } from "./revocations.ts";

test("a revocation moves its pool's epoch at once and again once transactions have settled; other pools' stay", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const before = revocationEpoch("local_A00000001");
  const other = revocationEpoch("local_B00000001");
  await noteRevocation("local_A00000001");
  const now = revocationEpoch("local_A00000001");
  assert.notEqual(now, before);
  t.mock.timers.tick(SETTLE_MS);
  assert.notEqual(revocationEpoch("local_A00000001"), now);
  assert.equal(revocationEpoch("local_B00000001"), other);
});
