import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { generate } from "otplib";
import { createTotpSecret, currentTotpCode, totpUri, verifyTotpCode } from "./totp.ts";

const STEP_SECONDS = 30;

/** The code of `secret` `stepsAgo` time steps before now (negative: in the future). */
function codeAt(secret: string, stepsAgo: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) - stepsAgo * STEP_SECONDS });
}

/** Waits out the last second of a time step, so a test does not straddle two steps. */
async function awayFromStepBoundary() {
  const intoStep = Date.now() % (STEP_SECONDS * 1000);
  if (intoStep > STEP_SECONDS * 1000 - 1500) await sleep(STEP_SECONDS * 1000 - intoStep + 50);
}

test("TOTP: a fresh secret is 32 base32 characters (160 bits)", () => {
  const secret = createTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.notEqual(createTotpSecret(), secret);
});

test("TOTP: the current code verifies and returns its time step", async () => {
  await awayFromStepBoundary();
  const secret = createTotpSecret();
  const code = await currentTotpCode(secret);
  assert.match(code, /^\d{6}$/);
  const step = await verifyTotpCode({ secret, code });
  assert.equal(step, Math.floor(Date.now() / 1000 / STEP_SECONDS));
  // Spaces a user types between the groups of digits are ignored.
  assert.equal(await verifyTotpCode({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}` }), step);
});

test("TOTP codes cannot be replayed within their window", async () => {
  await awayFromStepBoundary();
  const secret = createTotpSecret();
  const code = await currentTotpCode(secret);
  const step = await verifyTotpCode({ secret, code });
  assert.notEqual(step, null);
  // Once its step has been used, the same code is refused…
  assert.equal(await verifyTotpCode({ secret, code, afterTimeStep: step }), null);
  // …and so is an older one still inside the drift window.
  const previous = await codeAt(secret, 1);
  if (previous !== code) assert.equal(await verifyTotpCode({ secret, code: previous, afterTimeStep: step }), null);
  // A code whose step is later than the last one used is accepted.
  assert.equal(await verifyTotpCode({ secret, code, afterTimeStep: step! - 1 }), step);
});

test("TOTP: one step of clock drift is tolerated either way, two are not", async () => {
  await awayFromStepBoundary();
  const secret = createTotpSecret();
  const now = Math.floor(Date.now() / 1000 / STEP_SECONDS);
  const codes = new Map<number, string>();
  for (const ago of [-2, -1, 0, 1, 2]) codes.set(ago, await codeAt(secret, ago));
  assert.equal(await verifyTotpCode({ secret, code: codes.get(1)! }), now - 1);
  assert.equal(await verifyTotpCode({ secret, code: codes.get(-1)! }), now + 1);
  const inWindow = new Set([codes.get(-1), codes.get(0), codes.get(1)]);
  // A one-in-a-million collision with a code inside the window would make these accept.
  if (!inWindow.has(codes.get(2))) assert.equal(await verifyTotpCode({ secret, code: codes.get(2)! }), null);
  if (!inWindow.has(codes.get(-2))) assert.equal(await verifyTotpCode({ secret, code: codes.get(-2)! }), null);
});

test("TOTP: a wrong code is refused", async () => {
  await awayFromStepBoundary();
  const secret = createTotpSecret();
  const valid = new Set<string>();
  for (const ago of [-2, -1, 0, 1, 2]) valid.add(await codeAt(secret, ago));
  let wrong = 0;
  while (valid.has(String(wrong).padStart(6, "0"))) wrong++;
  assert.equal(await verifyTotpCode({ secret, code: String(wrong).padStart(6, "0") }), null);
  // The right code for another secret is wrong for this one.
  const other = createTotpSecret();
  const otherCode = await currentTotpCode(other);
  if (!valid.has(otherCode)) assert.equal(await verifyTotpCode({ secret, code: otherCode }), null);
});

test("TOTP: anything but exactly six digits is refused without checking", async () => {
  const secret = createTotpSecret();
  const code = await currentTotpCode(secret);
  for (const bad of ["", "12345", "1234567", "12345a", "١٢٣٤٥٦", "+12345", "12.345", `${code}0`, code.slice(1)]) {
    assert.equal(await verifyTotpCode({ secret, code: bad }), null, JSON.stringify(bad));
  }
});

test("TOTP: the otpauth URI names the issuer and account and carries the secret", () => {
  const uri = new URL(totpUri({ secret: "JBSWY3DPEHPK3PXP", issuer: "Acme", account: "alice@example.com" }));
  assert.equal(uri.protocol, "otpauth:");
  assert.equal(uri.host, "totp");
  assert.equal(uri.searchParams.get("secret"), "JBSWY3DPEHPK3PXP");
  assert.equal(uri.searchParams.get("issuer"), "Acme");
  assert.match(decodeURIComponent(uri.pathname), /^\/Acme:alice@example\.com$/);
});
