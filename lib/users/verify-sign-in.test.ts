import { test } from "node:test";
import assert from "node:assert/strict";
import { LOCKOUT_THRESHOLD, lockSeconds } from "./verify-sign-in.ts";

test("lockout: a user is locked after 5 failed attempts, with growing delays", () => {
  assert.equal(LOCKOUT_THRESHOLD, 5);
  for (const failures of [0, 1, 2, 3, 4]) assert.equal(lockSeconds(failures), 0, `${failures} failures must not lock`);
  assert.equal(lockSeconds(5), 30);
  assert.equal(lockSeconds(6), 60);
  assert.equal(lockSeconds(7), 120);
  assert.equal(lockSeconds(8), 240);
  assert.equal(lockSeconds(9), 480);
});

test("lockout: the delay doubles with each further failure", () => {
  for (let failures = 6; failures <= 9; failures++) assert.equal(lockSeconds(failures), 2 * lockSeconds(failures - 1));
});

test("lockout: the delay is capped at 15 minutes", () => {
  assert.equal(lockSeconds(10), 900); // 960 before the cap
  assert.equal(lockSeconds(11), 900);
  assert.equal(lockSeconds(50), 900);
  assert.equal(lockSeconds(5000), 900); // 2 ** 4995 is Infinity; still capped
  for (let failures = 0; failures < 100; failures++) assert.ok(lockSeconds(failures) <= 15 * 60);
});
