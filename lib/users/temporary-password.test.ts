import { test } from "node:test";
import assert from "node:assert/strict";
import { assertTemporaryPasswordValid, temporaryPasswordExpiresAt } from "./temporary-password.ts";

const pool = (days: number) => ({ passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: days } });
const setAt = new Date("2026-01-01T00:00:00Z");

test("temporary password: expires the pool's validity days after it was set, by the current policy", () => {
  const user = { status: "FORCE_CHANGE_PASSWORD", passwordSetAt: setAt };
  assert.equal(temporaryPasswordExpiresAt(pool(7), user)?.toISOString(), "2026-01-08T00:00:00.000Z");
  assert.equal(temporaryPasswordExpiresAt(pool(30), user)?.toISOString(), "2026-01-31T00:00:00.000Z");
  assert.doesNotThrow(() => assertTemporaryPasswordValid(pool(7), user, new Date("2026-01-07T23:59:59Z")));
  assert.throws(() => assertTemporaryPasswordValid(pool(7), user, new Date("2026-01-08T00:00:00Z")), { code: "NotAuthorizedException" });
});

test("temporary password: only FORCE_CHANGE_PASSWORD users have one", () => {
  for (const status of ["CONFIRMED", "UNCONFIRMED", "RESET_REQUIRED"]) {
    assert.equal(temporaryPasswordExpiresAt(pool(1), { status, passwordSetAt: setAt }), null);
    assert.doesNotThrow(() => assertTemporaryPasswordValid(pool(1), { status, passwordSetAt: setAt }, new Date("2030-01-01")));
  }
  assert.equal(temporaryPasswordExpiresAt(pool(1), { status: "FORCE_CHANGE_PASSWORD", passwordSetAt: null }), null);
});
