// The account page in each language: chosen by the browser's language (its Accept-Language; no
// lang= on the URL), with <html lang>, the sections and the dates in that language, and no serious
// axe violations in any of the eight. Signs in to the pool, never to the console.
import { readFileSync } from "node:fs";
import { test, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
import { ACCOUNT_POOL, PASSWORD } from "../tests/account/support.ts";
import { audit, gatehouseUrl, submitLogin } from "./support.ts";
import { LOCALES } from "../lib/i18n/locales.ts";

const catalogue = (locale: string) => JSON.parse(readFileSync(`messages/${locale}/account.json`, "utf8")) as { title: string; nav: Record<string, string> };
const accountUrl = () => `${gatehouseUrl()}/${ACCOUNT_POOL}/account`;

/** The signed-in account page in a browser whose language is `locale` (Chromium sends it as Accept-Language). */
async function pageIn(browser: Browser, storageState: StorageState, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, storageState });
  const page = await context.newPage();
  await page.goto(accountUrl());
  return page;
}

test("the account page follows the browser's language: Japanese, and every language passes axe", async ({ page, browser }) => {
  // Eight languages, each scanned and photographed at two widths.
  test.setTimeout(300_000);
  await page.goto(accountUrl());
  await submitLogin(page, { login: "lin@example.com", password: PASSWORD });
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  const signedIn = await page.context().storageState();

  const ja = await pageIn(browser, signedIn, "ja-JP");
  await expect(ja.locator("html")).toHaveAttribute("lang", "ja");
  await expect(ja.getByRole("heading", { name: "アカウント", level: 1 })).toBeVisible();
  await expect(ja.getByRole("region", { name: "プロフィール" }).getByRole("button", { name: "プロフィールを保存" })).toBeVisible();
  await expect(ja.getByRole("navigation", { name: "アカウントの項目" }).getByRole("link", { name: "最近のサインイン" })).toBeVisible();
  // Dates as the reader's language writes them (the session's sign-in time: 2026/11/27 2:20, not 27 Nov 2026).
  await expect(ja.getByRole("region", { name: "サインイン中の場所" }).locator("time").first()).toHaveText(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2} UTC$/);
  await expect(ja).toHaveTitle(/^アカウント/);
  await ja.context().close();

  for (const locale of LOCALES) {
    const localized = await pageIn(browser, signedIn, locale);
    await expect(localized.locator("html")).toHaveAttribute("lang", locale);
    await expect(localized.getByRole("heading", { name: catalogue(locale).title, level: 1 })).toBeVisible();
    // The folded forms open, so they are scanned too.
    for (const summary of await localized.locator("summary").all()) await summary.click();
    await audit(localized, `account-lang-${locale}`);
    await localized.context().close();
  }
});

test("German and Korean: the profile's labels, a change's notice, an error and the sign-in history in the page's language", async ({ page, browser }) => {
  await page.goto(accountUrl());
  await submitLogin(page, { login: "lin@example.com", password: PASSWORD });
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  const signedIn = await page.context().storageState();

  const de = await pageIn(browser, signedIn, "de-DE");
  const profile = de.getByRole("region", { name: "Profil" });
  await expect(profile.getByLabel("Nachname (optional)")).toBeVisible();
  await profile.getByRole("textbox", { name: "Vorname (optional)", exact: true }).fill("Lina");
  await profile.getByRole("button", { name: "Profil speichern" }).click();
  await expect(profile.getByRole("status")).toHaveText("Ihr Profil ist gespeichert.");
  const history = de.getByRole("region", { name: "Letzte Anmeldungen" });
  await expect(history.getByText("Angemeldet").first()).toBeVisible();
  await expect(history.getByText(/Chrome unter Linux/).first()).toBeVisible();
  await profile.screenshot({ path: "tmp/screens/account-de-profile.png" });
  await history.screenshot({ path: "tmp/screens/account-de-history.png" });
  // An error of the page's own, in German too.
  const password = de.getByRole("region", { name: "Passwort" });
  await password.getByRole("button", { name: "Passwort ändern" }).click();
  await expect(de.getByRole("alert")).toHaveText("Geben Sie ein neues Passwort ein.");
  await de.context().close();

  const ko = await pageIn(browser, signedIn, "ko-KR");
  const koProfile = ko.getByRole("region", { name: "프로필" });
  await expect(koProfile.getByLabel("성 (선택 사항)")).toBeVisible();
  await koProfile.getByRole("button", { name: "프로필 저장" }).click();
  await expect(koProfile.getByRole("status")).toHaveText("저장할 내용이 없습니다. 프로필이 그대로입니다.");
  const koHistory = ko.getByRole("region", { name: "최근 로그인" });
  await expect(koHistory.getByText("로그인함").first()).toBeVisible();
  await expect(koHistory.getByText(/Linux의 Chrome/).first()).toBeVisible();
  await koProfile.screenshot({ path: "tmp/screens/account-ko-profile.png" });
  await koHistory.screenshot({ path: "tmp/screens/account-ko-history.png" });
  await ko.context().close();
});
