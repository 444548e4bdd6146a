// The hosted UI's device cookie skips MFA only with the secret made for it, for the user it was
// made for: its key alone, a wrong secret, or another user's cookie leads to MFA.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser } from "../support/browser.ts";
import { allDevicePoolsConfig, atCallback, DEVICE_COOKIE, deviceCookieOf, hostedPassword, setUpAndRemember } from "../support/devices.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: allDevicePoolsConfig() });
});
after(async () => {
  await server?.stop();
});

async function signInWithCookie(email: string, cookie: string) {
  const browser = new TestBrowser(server.url);
  browser.setCookie(DEVICE_COOKIE, cookie);
  return (await hostedPassword(server, email, browser)).page;
}

test("a device cookie without its secret does not skip MFA", async () => {
  const first = new TestBrowser(server.url);
  await setUpAndRemember(server, "rex@example.com", first);
  const cookie = deviceCookieOf(first)!;
  const [key, secret] = cookie.split(".");
  assert.match(key!, /^local_[0-9a-f-]{36}$/);
  assert.equal(secret!.length, 43);

  // With its secret, the cookie skips MFA (so the refusals below are the secret's doing).
  assert.ok(atCallback(await signInWithCookie("rex@example.com", cookie)));

  assert.match((await signInWithCookie("rex@example.com", key!)).url, /\/mfa$/);
  assert.match((await signInWithCookie("rex@example.com", `${key}.`)).url, /\/mfa$/);
  assert.match((await signInWithCookie("rex@example.com", `${key}.${randomBytes(32).toString("base64url")}`)).url, /\/mfa$/);
  // Rex's whole cookie does not skip Ruth's MFA (she has none yet: she is asked to set it up).
  assert.match((await signInWithCookie("ruth@example.com", cookie)).url, /\/mfa-setup$/);
});

test("without 'Remember this device' ticked, no device cookie is set", async () => {
  const browser = new TestBrowser(server.url);
  await setUpAndRemember(server, "ruth@example.com", browser, false);
  assert.equal(deviceCookieOf(browser), null);
});
