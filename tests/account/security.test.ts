// The account page's security sections, as a browser without scripts uses them (and the passkey
// ceremony with a software authenticator): SMS and email codes on and off, the preferred factor,
// passkeys, recovery codes and remembered devices; each sensitive change refused without the
// password again, and what each change does to the next sign-in.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { latestCode } from "../support/codes.ts";
import { SoftwareAuthenticator } from "../support/authenticator.ts";
import { TestBrowser, type CookieJar, type Page } from "../support/browser.ts";
import { PASSWORD, SECURITY_POOL, accountConfig, accountUrl, csrfOf, flashOf, notNow, openAccountSignIn, post, signInToAccount, submitPassword } from "./support.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: accountConfig([], ["sia", "sol", "sam", "sue", "sid"]) });
});
after(async () => {
  await server?.stop();
});

/** One section of the page's HTML, for shorter failures. */
const sectionOf = (html: string, id: string) => /<section id="(\w+)"/.test(html) ? (html.split(`<section id="${id}"`)[1] ?? "").split("</section>")[0]! : "";
const textOf = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const signIn = (email: string, browser?: TestBrowser) => signInToAccount(server.url, { email, pool: SECURITY_POOL, ...(browser ? { browser } : {}) });
const postTo = (browser: TestBrowser, page: Page, action: string, fields: Record<string, string> = {}) => post(browser, page, action, fields, SECURITY_POOL);

/** Forgets every cookie of the browser but its device cookie, as after signing out everywhere. */
function signOutKeepingDevice(browser: TestBrowser) {
  const name = `gh_device_${SECURITY_POOL}`;
  const value = new RegExp(`(?:^|; )${name}=([^;]+)`).exec(browser.cookieHeader())?.[1];
  assert.ok(value, "the browser holds a device cookie");
  browser.clearCookies();
  (browser as unknown as { jar: CookieJar }).jar.store(`${name}=${value}; Path=/${SECURITY_POOL}`);
}

/** A sign-in up to the page after the password. */
async function passwordStep(email: string, browser = new TestBrowser(server.url)) {
  const { login } = await openAccountSignIn(server.url, SECURITY_POOL, browser);
  return { browser, page: await submitPassword(browser, login, SECURITY_POOL, email) };
}

test("sign-in codes: email and text codes turn on, one is preferred, and turning one off asks for the password", async () => {
  const { browser, page } = await signIn("sia@example.com");
  assert.match(page.html, /id="mfa-title"[^>]*>Sign-in codes</);
  const email = await postTo(browser, page, "mfa-enable", { factor: "EMAIL_OTP" });
  assert.equal(flashOf(email), "Email codes are on. We will email you a code when you sign in.");
  const sms = await postTo(browser, email, "mfa-enable", { factor: "SMS_MFA" });
  assert.equal(flashOf(sms), "Text message codes are on. We will text you a code when you sign in.");
  // Two on, none preferred: the choice is offered.
  assert.match(sms.html, /name="preferred" value="EMAIL_OTP"/);
  const preferred = await postTo(browser, sms, "mfa-preferred", { preferred: "SMS_MFA" });
  assert.equal(flashOf(preferred), "Text message codes are now what we ask for first.");
  assert.match(sectionOf(preferred.html, "mfa"), /value="SMS_MFA" checked=""|checked="" value="SMS_MFA"/);
  // A factor that is off cannot be preferred (preferring must not turn it on).
  const notOn = await postTo(browser, preferred, "mfa-preferred", { preferred: "SOFTWARE_TOKEN_MFA" });
  assert.equal(flashOf(notOn), "Choose one of the ways that are on.");

  // The next sign-in asks for the preferred factor: a code by text message.
  const next = await passwordStep("sia@example.com");
  assert.match(next.page.url, /\/mfa-code$/, next.page.url);
  assert.match(next.page.html, /Check your phone/);

  const refused = await postTo(browser, notOn, "mfa-disable", { factor: "SMS_MFA", confirm_password: "Wrong-passw0rd" });
  assert.equal(flashOf(refused), "That password is not right.");
  assert.match(textOf(sectionOf(refused.html, "mfa")), /Text message Codes go to \+1555010\d{4} On/);
  const off = await postTo(browser, refused, "mfa-disable", { factor: "SMS_MFA", confirm_password: PASSWORD });
  assert.equal(flashOf(off), "Text message codes are off.");
  // One factor left: no choice to make.
  assert.doesNotMatch(off.html, /name="preferred"/);
});

test("sign-in codes need a verified address: an unverified phone is pointed to its section and refused", async () => {
  const { browser, page } = await signIn("sol@example.com");
  const changed = await postTo(browser, page, "change-phone", { phone_number: "+15550199999", confirm_password: PASSWORD });
  assert.match(sectionOf(changed.html, "mfa"), /href="#contact"[^>]*>Verify your phone number<\/a>/);
  assert.match(textOf(sectionOf(changed.html, "mfa")), /Codes go only to a verified phone number\. Verify your phone number first\./);
  const refused = await postTo(browser, changed, "mfa-enable", { factor: "SMS_MFA" });
  assert.equal(flashOf(refused), "Verify your phone number first: codes go only to a verified number.");
});

test("passkeys: added with the browser's ceremony, renamed, and deleted only with the password again", async () => {
  const { browser, page } = await signIn("sam@example.com");
  assert.match(page.html, /No passkeys yet/);
  const authenticator = new SoftwareAuthenticator();
  const options = await fetch(`${accountUrl(server.url, SECURITY_POOL)}/passkey-options`, {
    method: "POST", headers: { cookie: browser.cookieHeader(), origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: csrfOf(page) }),
  });
  assert.equal(options.status, 200);
  const { options: creation } = (await options.json()) as { options: Record<string, unknown> };
  // Without the page's CSRF token, no options.
  const forged = await fetch(`${accountUrl(server.url, SECURITY_POOL)}/passkey-options`, {
    method: "POST", headers: { cookie: browser.cookieHeader(), "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrf: "x".repeat(32) }),
  });
  assert.equal(forged.status, 403);

  const credential = authenticator.create(creation, { origin: server.url });
  const added = await postTo(browser, page, "passkey-add", { credential: JSON.stringify(credential), name: "Work laptop" });
  assert.equal(flashOf(added), "Your passkey “Work laptop” is added. You can sign in with it.");
  assert.match(added.html, /data-passkey="Work laptop"[\s\S]*?Not used yet/);
  // The same answer again: its challenge was spent.
  const replayed = await postTo(browser, added, "passkey-add", { credential: JSON.stringify(credential) });
  assert.equal(flashOf(replayed)?.length ? true : false, true);
  assert.doesNotMatch(flashOf(replayed)!, /is added/);

  const id = /name="credential_id" value="([^"]+)"/.exec(added.html)![1]!;
  const renamed = await postTo(browser, replayed, "passkey-rename", { credential_id: id, name: "Laptop" });
  assert.equal(flashOf(renamed), "The passkey is renamed “Laptop”.");
  const refused = await postTo(browser, renamed, "passkey-delete", { credential_id: id, confirm_password: "Wrong-passw0rd" });
  assert.equal(flashOf(refused), "That password is not right.");
  assert.match(refused.html, /data-passkey="Laptop"/);
  // The form that failed is open again, its password field marked (and only it).
  assert.match(refused.html, /<details class="[^"]*" open="">\s*<summary[^>]*aria-label="Delete Laptop"/);
  assert.equal(refused.html.match(/aria-invalid="true"/g)?.length, 1);
  const deleted = await postTo(browser, refused, "passkey-delete", { credential_id: id, confirm_password: PASSWORD });
  assert.equal(flashOf(deleted), "The passkey is deleted. It no longer signs you in.");
  assert.match(deleted.html, /No passkeys yet/);
});

test("recovery codes: offered with a second factor, replaced only with the password, shown once, each signs in once", async () => {
  const { browser, page } = await signIn("sue@example.com");
  assert.doesNotMatch(page.html, /id="recovery"/, "no second factor, no recovery codes");
  const email = await postTo(browser, page, "mfa-enable", { factor: "EMAIL_OTP" });
  assert.match(email.html, /You have no recovery codes left/);
  const refused = await postTo(browser, email, "recovery-generate", { confirm_password: "Wrong-passw0rd" });
  assert.equal(flashOf(refused), "That password is not right.");
  assert.doesNotMatch(refused.html, /data-testid="recovery-codes"/);
  const made = await postTo(browser, refused, "recovery-generate", { confirm_password: PASSWORD });
  const codes = [...made.html.matchAll(/<li class="text-center">([0-9a-z]{5}-[0-9a-z]{5})<\/li>/g)].map((m) => m[1]!);
  assert.equal(codes.length, 10);
  // Shown once: the page without the change's message shows the count, not the codes.
  const later = await browser.request(accountUrl(server.url, SECURITY_POOL));
  assert.doesNotMatch(later.html, /data-testid="recovery-codes"/);
  assert.match(later.html, /You have 10 unused recovery codes/);

  const useCode = async () => {
    const { browser: other, page: mfa } = await passwordStep("sue@example.com");
    assert.match(mfa.url, /\/mfa-code$/, mfa.url);
    const form = await other.request(mfa.url.replace(/\/[^/]+$/, "/recovery-code"));
    const answer = await other.submit(form, { code: codes[0]! });
    return answer.url.endsWith("/add-passkey") ? notNow(other, answer) : answer;
  };
  const first = await useCode();
  assert.equal(first.url, accountUrl(server.url, SECURITY_POOL), flashOf(first) ?? first.url);
  assert.match(first.html, /You have 9 unused recovery codes/);
  const again = await useCode();
  assert.notEqual(again.url, accountUrl(server.url, SECURITY_POOL));
});

test("remembered devices: this browser's device is listed as such and forgotten, and the next sign-in asks for the code again", async () => {
  const browser = new TestBrowser(server.url);
  const first = await signIn("sid@example.com", browser);
  await postTo(browser, first.page, "mfa-enable", { factor: "EMAIL_OTP" });
  // A sign-in with the email code, ticking "Remember this device".
  browser.clearCookies();
  const { page: mfa } = await passwordStep("sid@example.com", browser);
  const codePage = mfa.url.endsWith("/mfa") ? await browser.request(mfa.url) : mfa;
  assert.match(codePage.html, /Remember this device/);
  let signedIn = await browser.submit(codePage, { code: await latestCode(server.url, "sid@example.com"), remember_device: "on" });
  if (signedIn.url.endsWith("/add-passkey")) signedIn = await notNow(browser, signedIn);
  assert.equal(signedIn.url, accountUrl(server.url, SECURITY_POOL), flashOf(signedIn) ?? signedIn.url);
  assert.match(signedIn.html, /id="devices"[\s\S]*?This browser[\s\S]*?Last sign-in/);

  // Remembered: the next sign-in (this browser signed out of the page, its device cookie kept) skips the code.
  signOutKeepingDevice(browser);
  const skipped = await signIn("sid@example.com", browser);
  const key = /name="device_key" value="([^"]+)"/.exec(skipped.page.html)![1]!;
  const forgotten = await postTo(browser, skipped.page, "device-forget", { device_key: key });
  assert.equal(flashOf(forgotten), "The device is forgotten. Signing in there will ask for your second factor again.");
  assert.match(forgotten.html, /No remembered devices yet/);
  // Another user's device, or one already forgotten, is not found.
  const gone = await postTo(browser, forgotten, "device-forget", { device_key: key });
  assert.match(flashOf(gone)!, /Device does not exist|not found/i);

  signOutKeepingDevice(browser);
  const { page: again } = await passwordStep("sid@example.com", browser);
  assert.notEqual(again.url, accountUrl(server.url, SECURITY_POOL), "the code is asked for again");
});
