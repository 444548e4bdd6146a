// The hosted pages in the user's language: `lang=` on /oauth2/authorize (as Cognito's managed
// login) carries through the redirects to a German page, a German error and a finished sign-in;
// a Japanese browser (Accept-Language: ja) gets Japanese without asking; the footer's picker
// switches language without script; and the login and sign-up pages pass axe in every language,
// with <html lang> naming it. Screenshots go to tmp/screens/ (de, ja, zh-CN login pages).
// User: alice of the fixture pool (a wrong password, then the right one, so no lockout builds up).
import { test, expect, type Page } from "@playwright/test";
import { authorizeUrl, expectCallback, hostedPage, interceptCallback, PASSWORD, POOL, redeemCode, audit, alertOf } from "./support.ts";
import { LOCALES, type Locale } from "../lib/i18n/locales.ts";

async function openLogin(page: Page, lang?: Locale) {
  await interceptCallback(page);
  const request = authorizeUrl();
  await page.goto(lang ? `${request.url}&lang=${lang}` : request.url);
  await expect(page).toHaveURL(hostedPage(POOL, "login"));
  return request;
}

test("lang=de on /oauth2/authorize: a German sign-in page, a German error, and a sign-in that finishes", async ({ page }) => {
  const request = await openLogin(page, "de");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page).toHaveTitle(/^Anmelden/);
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
  await expect(page.getByText("um mit Acme web fortzufahren")).toBeVisible();

  await page.getByLabel("E-Mail-Adresse", { exact: true }).fill("alice@example.com");
  await page.getByLabel("Passwort", { exact: true }).fill("Falsches-Passw0rt");
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "login"));
  await expect(alertOf(page)).toHaveText("Benutzername oder Passwort ist falsch.");
  // The page after the form post is German too: the choice is remembered for the pool.
  await expect(page.locator("html")).toHaveAttribute("lang", "de");

  await page.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  const code = await expectCallback(page, request);
  expect((await redeemCode(request, code)).email).toBe("alice@example.com");
});

test("a Japanese browser (Accept-Language: ja) gets the Japanese page without lang=", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  try {
    await openLogin(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { name: "ログイン" })).toBeVisible();
    await expect(page.getByLabel("パスワード", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "パスワードをお忘れですか？" }).click();
    await expect(page.getByRole("heading", { name: "パスワードのリセット" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("the footer's language picker switches the page's language, and the choice stays", async ({ page }) => {
  await openLogin(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("Language").selectOption("fr");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Se connecter" })).toBeVisible();
  await expect(page.getByLabel("Langue")).toHaveValue("fr");
  await page.getByRole("link", { name: "Créer un compte" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  await expect(page.getByRole("heading", { name: "Créer votre compte" })).toBeVisible();
});

for (const lang of LOCALES) {
  test(`axe: the login and sign-up pages in ${lang}`, async ({ page }) => {
    await openLogin(page, lang);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await audit(page, `lang-${lang}-login`);
    await page.locator(`a[href$="/signup"]`).click();
    await expect(page).toHaveURL(hostedPage(POOL, "signup"));
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await page.locator("#password").fill("abcd");
    await audit(page, `lang-${lang}-signup`);
  });
}

test("lang=de: sign-up's validation messages from the server are German too (an email address that is not one)", async ({ page }) => {
  await openLogin(page, "de");
  await page.locator(`a[href$="/signup"]`).click();
  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  await page.getByRole("textbox", { name: /^E-Mail-Adresse/ }).fill("keine-adresse");
  await page.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page).toHaveURL(hostedPage(POOL, "signup"));
  await expect(alertOf(page)).toHaveText("Geben Sie eine gültige E-Mail-Adresse ein.");
  await page.screenshot({ path: "tmp/screens/hosted-de-signup-invalid-email.png" });
});
