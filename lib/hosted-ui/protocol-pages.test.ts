import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_BRANDING } from "../branding/schema.ts";
import { PasswordPolicySchema } from "../pools/config-schema.ts";
import type { Pool } from "../pools/pool.ts";
import { renderLogoutPage, renderProviderError, renderSignedOutPage } from "./protocol-pages.ts";

const ATTACK = `<script>alert("x")</script><img src=x onerror='alert(1)'>&amp;`;

function pool(name: string): Pool {
  return {
    id: "local_Test00001", name, system: false, signInAliases: ["email"], autoVerifiedAttributes: ["email"], requiredAttributes: ["email"],
    selfSignUp: true, mfa: "OFF", mfaMethods: ["TOTP"], signInMethods: ["PASSWORD"], passkeys: { userVerification: "preferred" }, deviceTracking: "OFF", skipMfaOnRememberedDevices: false, passwordPolicy: PasswordPolicySchema.parse({}), customAttributes: [], branding: null, triggers: {}, identityProviders: [], defaultLanguage: "en", migrateFrom: null,
  };
}

// How React escapes text and attribute values (the five HTML-significant characters).
function escaped(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

test("error page: the error code and description from the request are escaped (no reflected XSS)", () => {
  const html = renderProviderError({ pool: pool(ATTACK), out: { error: ATTACK, error_description: ATTACK } });
  assert.ok(!html.includes("<script>alert"), "a script tag got through");
  assert.ok(!html.includes("<img"), "an img tag got through");
  assert.ok(!html.includes("onerror='"), "an attribute got through");
  // Code, description and pool name each appear escaped.
  assert.equal(html.split(escaped(ATTACK)).length - 1, 3);
  assert.ok(!/<script/i.test(html), "the error page needs no script at all");
});

test("error page: known error codes get a friendly explanation, others a generic one", () => {
  const known = renderProviderError({ pool: null, out: { error: "invalid_redirect_uri", error_description: "redirect_uri did not match" } });
  assert.match(known, /return address it has not registered/);
  assert.match(known, /<code>invalid_redirect_uri: redirect_uri did not match<\/code>/);
  assert.match(known, /<span class="gh-name">Gatehouse<\/span>/);
  const unknown = renderProviderError({ pool: pool("Acme"), out: { error: "weird_error" } });
  assert.match(unknown, /Something went wrong while signing you in\./);
  assert.match(unknown, /<code>weird_error<\/code>/);
  assert.match(unknown, /<span class="gh-name">Acme<\/span>/);
  assert.match(renderProviderError({ pool: null, out: {} }), /<code>server_error<\/code>/);
});

test("sign-out pages: the pool name and the CSP nonce are escaped", () => {
  const signedOut = renderSignedOutPage({ pool: pool(ATTACK) });
  assert.ok(!signedOut.includes("<script>alert"));
  assert.match(signedOut, /You have signed out/);
  const logout = renderLogoutPage({ pool: pool("Acme"), form: '<form method="post" action="/logout/confirm"><input type="hidden" name="xsrf" value="t"/></form>', nonce: `"><script>x</script>` });
  assert.match(logout, /<script nonce="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;">document\.forms\[0\]\.submit\(\)<\/script>/);
  assert.match(logout, /<input type="hidden" name="logout" value="yes"\/><button type="submit" autofocus="">Sign out<\/button><\/form>/);
});

test("provider pages wear the pool's published branding, and a client's overrides over it", () => {
  const logo = "a".repeat(64);
  const branded: Pool = {
    ...pool("Acme"),
    branding: {
      ...DEFAULT_BRANDING, colors: { ...DEFAULT_BRANDING.colors, primary: "#0f766e" }, logo, favicon: "b".repeat(64),
      texts: { footer: "Acme & Co." }, links: [{ label: "Privacy", url: "https://acme.example/privacy" }],
      customCss: ".gh-footer { letter-spacing: 1px }",
    },
  };
  const html = renderProviderError({ pool: branded, out: { error: "invalid_request" } });
  assert.match(html, /--gh-primary: #0f766e/);
  assert.match(html, new RegExp(`<img src="/local_Test00001/branding/${logo}" alt="Acme" class="gh-logo"/>`));
  assert.match(html, new RegExp(`<link rel="icon" href="/local_Test00001/branding/${"b".repeat(64)}"/>`));
  assert.match(html, /<p>Acme &amp; Co\.<\/p>/);
  assert.match(html, /<a href="https:\/\/acme\.example\/privacy" target="_blank" rel="noopener noreferrer">Privacy<\/a>/);
  assert.match(html, /\.gh-hosted \.gh-footer/, "the custom CSS is scoped to the page");
  assert.match(html, /<body class="gh-hosted" data-theme="light">/);

  const client = renderSignedOutPage({ pool: branded, clientBranding: { colors: { primary: "#be123c" }, radius: 4 } });
  assert.match(client, /--gh-primary: #be123c/);
  assert.doesNotMatch(client, /--gh-primary: #0f766e/);
  assert.match(client, /--gh-radius: 4px/);

  // Unbranded pools get the defaults, not a bare page.
  assert.match(renderSignedOutPage({ pool: pool("Plain") }), new RegExp(`--gh-primary: ${DEFAULT_BRANDING.colors.primary}`));
});

test("protocol pages: worded in the request's language, with <html lang dir> to match; English by default", () => {
  const german = renderProviderError({ pool: pool("Acme"), out: { error: "login_required" }, locale: "de" });
  assert.match(german, /<html lang="de" dir="ltr">/);
  assert.match(german, /<h1>Etwas ist schiefgelaufen<\/h1>/);
  assert.match(german, /Sie müssen sich erneut anmelden\./);
  assert.match(german, /Geschützt durch Gatehouse/);
  const signedOut = renderSignedOutPage({ pool: pool("Acme"), locale: "ja" });
  assert.match(signedOut, /<html lang="ja" dir="ltr">/);
  assert.match(signedOut, /ログアウトしました/);
  assert.match(renderLogoutPage({ pool: pool("Acme"), form: "<form></form>", nonce: "n", locale: "fr" }), />Se déconnecter<\/button>/);
  assert.match(renderProviderError({ pool: null, out: { error: "login_required" } }), /<html lang="en" dir="ltr">[\s\S]*You need to sign in again\./);
});

test("provider pages show the footer text of the page's language, and the pool's own where that language has none", () => {
  const branded: Pool = {
    ...pool("Acme"),
    branding: { ...DEFAULT_BRANDING, texts: { footer: "Acme Inc., Springfield" }, textsByLanguage: { de: { footer: "Acme GmbH, Berlin" } } },
  };
  assert.match(renderSignedOutPage({ pool: branded, locale: "de" }), /<p>Acme GmbH, Berlin<\/p>/);
  assert.doesNotMatch(renderSignedOutPage({ pool: branded, locale: "de" }), /Springfield/);
  assert.match(renderProviderError({ pool: branded, out: { error: "invalid_request" }, locale: "ja" }), /<p>Acme Inc\., Springfield<\/p>/);
  assert.match(renderSignedOutPage({ pool: branded }), /<p>Acme Inc\., Springfield<\/p>/);
});
