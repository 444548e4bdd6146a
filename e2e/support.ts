// Shared helpers for the end-to-end specs: starting a PKCE sign-in, catching the redirect to the
// client's callback (nothing listens there), reading codes from the dev outbox, and TOTP codes.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { CALLBACK, MFA_POOL, PASSWORD, POOL, USERNAME_POOL } from "../tests/support/fixtures.ts";
import { pkceAuthorizeRequest, readOutbox as fetchOutbox, type AuthorizeRequest, type OutboxMessage } from "../tests/support/oauth.ts";

export { CALLBACK, MFA_POOL, PASSWORD, POOL, USERNAME_POOL };

/** The running Gatehouse, started by e2e/global-setup.ts. */
export function gatehouseUrl(): string {
  const url = process.env.GATEHOUSE_URL;
  if (!url) throw new Error("GATEHOUSE_URL is not set: run the specs with `npx playwright test` so e2e/global-setup.ts starts the server.");
  return url;
}

export type SignInRequest = AuthorizeRequest;

/** An authorization-code request with PKCE S256, as a public client sends it. */
export function authorizeUrl(options: { pool?: string; clientId?: string; scope?: string; state?: string } = {}): SignInRequest {
  return pkceAuthorizeRequest(gatehouseUrl(), { ...options, pool: options.pool ?? POOL, clientId: options.clientId ?? "web" });
}

/** Answers the client's callback in the browser, since no app listens on localhost:4000. */
export async function interceptCallback(page: Page): Promise<void> {
  await page.route("http://localhost:4000/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><html lang=en><title>callback</title><h1>callback</h1>" }),
  );
}

/** Opens the hosted sign-in page for a new authorization request and waits for the login form. */
export async function startSignIn(page: Page, options: Parameters<typeof authorizeUrl>[0] = {}): Promise<SignInRequest> {
  await interceptCallback(page);
  const request = authorizeUrl(options);
  await page.goto(request.url);
  await expect(page).toHaveURL(hostedPage(request.pool, "login"));
  return request;
}

/**
 * The page's error. Scoped to <main> because Next.js adds its own (empty) role="alert" route
 * announcer to every page.
 */
export function alertOf(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/** The page's notice, such as "We sent you a new code." */
export function noticeOf(page: Page) {
  return page.getByRole("main").getByRole("status");
}

/** Matches the URL of a hosted page of `pool`. */
export function hostedPage(pool: string, page: string): RegExp {
  return new RegExp(`/${pool}/interaction/[\\w-]+/${page}$`);
}

/** Fills the sign-in form; `login` goes into the field labelled by the pool's alias. */
export async function submitLogin(page: Page, options: { login: string; password: string; label?: string | RegExp }): Promise<void> {
  await page.getByLabel(options.label ?? "Email", { exact: true }).fill(options.login);
  await page.getByLabel("Password", { exact: true }).fill(options.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/**
 * Fills the sign-up form and submits it. The email label may carry a hint such as "(optional)",
 * so the field is found by a name that starts with Email.
 */
export async function submitSignUp(page: Page, options: { email: string; password: string }): Promise<void> {
  await page.getByRole("textbox", { name: /^Email/ }).fill(options.email);
  await page.getByLabel("Password", { exact: true }).fill(options.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Waits for the redirect to the client's callback and returns the authorization code. */
export async function expectCallback(page: Page, request: Pick<SignInRequest, "state">): Promise<string> {
  // Arriving is what counts: the intercepted callback page loads at once, and under load Chromium
  // has reported the redirect's original (never-made) connection as refused after it arrived.
  await page.waitForURL((url) => url.href.startsWith(`${CALLBACK}?`), { waitUntil: "commit" }).catch((error: unknown) => {
    if (!page.url().startsWith(`${CALLBACK}?`)) throw error;
  });
  const url = new URL(page.url());
  expect(url.searchParams.get("error"), url.searchParams.get("error_description") ?? "").toBeNull();
  expect(url.searchParams.get("state")).toBe(request.state);
  const code = url.searchParams.get("code");
  expect(code).toBeTruthy();
  return code!;
}

/** Redeems the code at the token endpoint and returns the ID token's claims (not verified here). */
export async function redeemCode(request: SignInRequest, code: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${gatehouseUrl()}/${request.pool}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: request.clientId,
      code,
      redirect_uri: CALLBACK,
      code_verifier: request.verifier,
    }),
  });
  const body = (await response.json()) as { id_token?: string; error?: string; error_description?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.id_token).toBeTruthy();
  return JSON.parse(Buffer.from(body.id_token!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

export function readOutbox(to: string): Promise<OutboxMessage[]> {
  return fetchOutbox(gatehouseUrl(), to);
}

/** The code of the newest message to `to` sent after `since` (waits for it to arrive). */
export async function latestCode(to: string, since: Date = new Date(0)): Promise<string> {
  let code: string | null = null;
  await expect
    .poll(async () => {
      const [newest] = await readOutbox(to);
      code = newest && new Date(newest.createdAt) > since ? newest.code : null;
      return code;
    }, { message: `a code sent to ${to}` })
    .toMatch(/^\d{6}$/);
  return code!;
}

/** A unique address, so specs sharing one database never collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${randomBytes(3).toString("hex")}@example.com`;
}

const STEP_SECONDS = 30;

/** The TOTP code of a secret as displayed (groups of four, spaces allowed) at a time step. */
export async function totpCode(displayedSecret: string, step = currentStep()): Promise<string> {
  return generate({ secret: displayedSecret.replace(/\s+/g, ""), epoch: step * STEP_SECONDS });
}

export function currentStep(): number {
  return Math.floor(Date.now() / 1000 / STEP_SECONDS);
}

/** The document's width: wider than the viewport means the page scrolls sideways. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The console's admin, made by e2e/admin-console.spec.ts (or by whichever spec needs it first). */
export const CONSOLE_ADMIN = { email: "owner@example.com", password: "Console-Passw0rd" };

/** Signs the page in to the console, creating the first admin when none exists yet. */
export async function signInToConsole(page: Page): Promise<void> {
  await page.goto(`${gatehouseUrl()}/admin`);
  if (page.url().endsWith("/admin/setup")) {
    await page.getByLabel("Email").fill(CONSOLE_ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(CONSOLE_ADMIN.password);
    await page.getByLabel("Confirm password").fill(CONSOLE_ADMIN.password);
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page).toHaveURL(/\/admin\/sign-in\?setup=done$/);
    await page.goto(`${gatehouseUrl()}/admin`);
  }
  if (!/\/admin$/.test(page.url())) {
    await page.getByRole("button", { name: "Continue to sign in" }).click();
    await page.getByLabel("Email").fill(CONSOLE_ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(CONSOLE_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page).toHaveURL(/\/admin$/);
}

const WIDTHS = [1280, 360] as const;

/**
 * Scans the page as it is now with axe at desktop and phone widths (serious and critical findings
 * fail; lesser ones are listed in the report), checks it does not scroll sideways on a phone, and
 * saves a full-page screenshot of each width under tmp/screens.
 */
export async function audit(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect.soft(serious, `${name} at ${width}px`).toEqual([]);
    for (const v of results.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical")) {
      test.info().annotations.push({ type: `axe ${v.impact ?? "unknown"}`, description: `${name} at ${width}px: ${v.id}: ${v.help}` });
    }
    if (width === 360) expect.soft(await scrollWidth(page), `${name} scrolls sideways at 360px`).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `tmp/screens/${name}-${width}.png`, fullPage: true });
  }
}
