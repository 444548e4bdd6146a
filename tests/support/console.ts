// Signing in to the console the way a browser does: next-auth's sign-in, then Gatehouse's own
// hosted login for the system pool, then back with a session cookie.
import assert from "node:assert/strict";
import { TestBrowser, type Page } from "./browser.ts";

export const ADMIN_EMAIL = "root@example.com";
export const ADMIN_PASSWORD = "Console-Passw0rd";

export async function startConsoleSignIn(browser: TestBrowser, base: string): Promise<Page> {
  const csrf = await browser.api(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return browser.request(`${base}/api/auth/signin/gatehouse`, {
    method: "POST",
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/admin` }),
  });
}

export async function signInToConsole(base: string, credentials = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }): Promise<{ browser: TestBrowser; landed: Page }> {
  const browser = new TestBrowser(base);
  const login = await startConsoleSignIn(browser, base);
  const landed = await browser.submit(login, { login: credentials.email, password: credentials.password });
  return { browser, landed };
}

/** A new admin API key, made in the console the way an admin makes one (the server's admin must be
 * ADMIN_EMAIL/ADMIN_PASSWORD). `name` is the key's name, which the console shows. */
export async function createApiKey(base: string, name = "tests"): Promise<string> {
  const { browser } = await signInToConsole(base);
  const created = await browser.api(`${base}/api/admin/api-keys`, { method: "POST", json: { name } });
  assert.equal(created.status, 201, `the console made no API key: ${created.status}`);
  return ((await created.json()) as { key: string }).key;
}

/** An admin API client with an API key. */
export function apiClient(base: string, key: string) {
  return async (method: string, path: string, json?: unknown) => {
    const response = await fetch(`${base}/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(json !== undefined ? { "content-type": "application/json" } : {}) },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}
