// Helpers for the tests of codes, lockout and message sending: opening a hosted page, an answer in
// a form two accounts' answers can be compared by, a form post seen raw and timed, and waiting for messages
// (reset codes are sent after the answer, so they may arrive a moment later).
import assert from "node:assert/strict";
import { TestBrowser, flashOf, type Page } from "./browser.ts";
import { pkceAuthorizeRequest, readOutbox, type OutboxMessage } from "./oauth.ts";

/** Starts a sign-in for `clientId` of `pool` and opens one of its entry pages. */
export async function openHostedPage(
  base: string, options: { pool: string; clientId: string; page: "login" | "signup" | "forgot-password"; scope?: string; acceptLanguage?: string },
) {
  const browser = new TestBrowser(base, options.acceptLanguage ? { "accept-language": options.acceptLanguage } : {});
  const login = await browser.request(pkceAuthorizeRequest(base, { pool: options.pool, clientId: options.clientId, scope: options.scope }).url);
  assert.match(login.url, /\/login$/);
  const page = options.page === "login" ? login : await browser.request(login.url.replace(/\/login$/, `/${options.page}`));
  return { browser, page };
}

/** What a user sees after a form post: which page, its status and its message. */
export function answerOf(page: Page): { page: string; status: number; message: string | null } {
  return { page: new URL(page.url).pathname.split("/").at(-1)!, status: page.status, message: flashOf(page) };
}

/** Waits until at least `count` messages have reached `to`; returns them, newest first. */
export async function waitForOutbox(base: string, to: string, count: number, timeoutMs = 10_000): Promise<OutboxMessage[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const messages = await readOutbox(base, to);
    if (messages.length >= count) return messages;
    if (Date.now() > until) assert.fail(`${messages.length} of ${count} messages reached ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The code in the newest message to `to`, waiting for one to arrive (codes go out just after the answer). */
export async function latestCode(base: string, to: string): Promise<string> {
  const [newest] = await waitForOutbox(base, to, 1);
  assert.ok(newest?.code, `the newest message to ${to} carries no code`);
  return newest.code;
}

/** A code that is certainly not `code`. */
export function otherThan(code: string | null | undefined): string {
  return code === "000000" ? "111111" : "000000";
}

/**
 * Posts the form on `page` by hand and keeps the server's own answer: its status, where it
 * redirects, and how long it took (the POST up to its redirect, timed alone); then loads the page
 * it redirects to.
 */
export async function submitByHand(
  browser: TestBrowser, page: Page, fields: Record<string, string>,
): Promise<{ ms: number; status: number; location: string; next: Page }> {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1]?.replace(/&amp;/g, "&");
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
  if (!action || !csrf) throw new Error(`no hosted form on ${page.url}`);
  const url = new URL(action, page.url).toString();
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: browser.cookieHeader(), "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin },
    body: new URLSearchParams({ csrf, ...fields }),
  });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  const redirect = response.headers.get("location");
  assert.ok(redirect, `the form answered ${response.status} without a redirect`);
  const location = new URL(redirect, url).toString();
  return { ms, status: response.status, location, next: await browser.request(location) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
