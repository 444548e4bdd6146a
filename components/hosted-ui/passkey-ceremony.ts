// The browser's half of a passkey ceremony, shared by the hosted pages and the account page: fresh
// options from the server (the challenge stays there), the browser's ceremony
// (@simplewebauthn/browser), and the page's words for what went wrong.
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";

export async function fetchOptions<T>(url: string, csrf: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST", credentials: "same-origin", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrf }),
  });
  const body = (await response.json().catch(() => ({}))) as { options?: T; message?: string };
  if (!response.ok || !body.options) throw new Error(body.message ?? "Something went wrong. Reload the page and try again.");
  return body.options;
}

/** A new passkey's RegistrationResponseJSON, as the text the server's form takes. */
export async function registerPasskey(optionsUrl: string, csrf: string): Promise<string> {
  const optionsJSON = await fetchOptions<PublicKeyCredentialCreationOptionsJSON>(optionsUrl, csrf);
  return JSON.stringify(await startRegistration({ optionsJSON }));
}

/** What went wrong, in the page's words: the browser's errors name no cause a person can act on. */
export function passkeyErrorWording(error: unknown, fallback: string): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return fallback;
  if (name === "InvalidStateError") return "This passkey is already registered for your account.";
  return error instanceof Error && error.message ? error.message : fallback;
}
