// The browser's half of a passkey ceremony, shared by the hosted pages and the account page: fresh
// options from the server (the challenge stays there), the browser's ceremony
// (@simplewebauthn/browser), and the page's words for what went wrong.
import { useEffect, useRef, useState } from "react";
import { browserSupportsWebAuthn, startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";

/** `failed`: the page's words when the server gives none. */
export async function fetchOptions<T>(url: string, csrf: string, failed = "Something went wrong. Reload the page and try again."): Promise<T> {
  const response = await fetch(url, {
    method: "POST", credentials: "same-origin", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrf }),
  });
  const body = (await response.json().catch(() => ({}))) as { options?: T; message?: string };
  if (!response.ok || !body.options) throw new Error(body.message ?? failed);
  return body.options;
}

/** A new passkey's RegistrationResponseJSON, as the text the server's form takes. */
export async function registerPasskey(optionsUrl: string, csrf: string, failed?: string): Promise<string> {
  const optionsJSON = await fetchOptions<PublicKeyCredentialCreationOptionsJSON>(optionsUrl, csrf, failed);
  return JSON.stringify(await startRegistration({ optionsJSON }));
}

/** What went wrong, in the page's words: the browser's errors name no cause a person can act on. */
export function passkeyErrorWording(error: unknown, fallback: string, alreadyRegistered = "This passkey is already registered for your account."): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return fallback;
  if (name === "InvalidStateError") return alreadyRegistered;
  return error instanceof Error && error.message ? error.message : fallback;
}

/**
 * "Add a passkey" in a client component: `register` runs the ceremony and submits `form` with the
 * new passkey in its `credential` field; a failure leaves `error` in the page's words.
 */
export function usePasskeyRegistration(options: { csrf: string; optionsUrl: string; cancelled: string; alreadyRegistered?: string; failed?: string }) {
  const form = useRef<HTMLFormElement>(null);
  const credential = useRef<HTMLInputElement>(null);
  const [supported, setSupported] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- WebAuthn support is known only in the browser, after hydration (the server's HTML assumes it)
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function register() {
    setBusy(true);
    setError(null);
    try {
      credential.current!.value = await registerPasskey(options.optionsUrl, options.csrf, options.failed);
      form.current!.submit();
    } catch (e) {
      setBusy(false);
      setError(passkeyErrorWording(e, options.cancelled, options.alreadyRegistered));
    }
  }
  return { form, credential, supported, busy, error, register };
}
