"use client";
// The browser half of passkeys on the hosted pages (@simplewebauthn/browser). Each asks the server
// for fresh options (its challenge stays on the server), runs the browser's ceremony, and posts the
// answer in a plain form, so the server's reply is a normal redirect: to the app, or back with an error.
// Their words come as props from the server pages, in the request's language.
import { useEffect, useRef, useState } from "react";
import {
  browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, WebAuthnAbortService, type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { KeyRound } from "lucide-react";
import { fetchOptions, passkeyErrorWording, usePasskeyRegistration } from "./passkey-ceremony.ts";

const button =
  "flex w-full items-center justify-center gap-2 rounded-[calc(var(--gh-radius)-4px)] px-4 py-2.5 text-[0.95rem] font-semibold transition focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary disabled:cursor-wait disabled:opacity-70";
const looks = {
  primary: "bg-primary text-on-primary hover:bg-primary-hover",
  secondary: "border border-line bg-surface text-ink hover:bg-canvas",
} as const;

/**
 * "Sign in with a passkey", and autofill: where the browser supports conditional mediation, the
 * username field's passkey suggestions sign in as soon as one is picked.
 */
export type PasskeySignInWords = { waiting: string; cancelled: string; alreadyRegistered: string; somethingWrong: string };

export function PasskeySignIn({ csrf, optionsUrl, action, autofill, label, words, variant = "secondary" }: {
  csrf: string; optionsUrl: string; action: string; autofill: boolean; label: string; words: PasskeySignInWords; variant?: keyof typeof looks;
}) {
  const form = useRef<HTMLFormElement>(null);
  const credential = useRef<HTMLInputElement>(null);
  const [supported, setSupported] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (answer: unknown) => {
    credential.current!.value = JSON.stringify(answer);
    form.current!.submit();
  };

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- WebAuthn support is known only in the browser, after hydration (the server's HTML assumes it)
    setSupported(browserSupportsWebAuthn());
    if (!autofill) return;
    let live = true;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      try {
        const optionsJSON = await fetchOptions<PublicKeyCredentialRequestOptionsJSON>(optionsUrl, csrf, words.somethingWrong);
        if (!live) return;
        submit(await startAuthentication({ optionsJSON, useBrowserAutofill: true }));
      } catch {
        // Autofill dismissed, or replaced by the button's request: the button still works.
      }
    })();
    return () => {
      live = false;
      WebAuthnAbortService.cancelCeremony();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page (its props do not change while it is shown): a new request would replace the pending one
  }, []);

  async function onClick() {
    setBusy(true);
    setError(null);
    try {
      const optionsJSON = await fetchOptions<PublicKeyCredentialRequestOptionsJSON>(optionsUrl, csrf, words.somethingWrong);
      submit(await startAuthentication({ optionsJSON }));
    } catch (e) {
      setBusy(false);
      setError(passkeyErrorWording(e, words.cancelled, words.alreadyRegistered));
    }
  }

  if (!supported) return null;
  return (
    <div>
      <button type="button" onClick={onClick} disabled={busy} className={`${button} ${looks[variant]}`}>
        <KeyRound aria-hidden="true" size={18} />
        {busy ? words.waiting : label}
      </button>
      {error ? <p role="alert" className="mt-3 rounded-[calc(var(--gh-radius)-4px)] border border-danger/30 bg-danger-bg px-3.5 py-3 text-sm text-danger">{error}</p> : null}
      <form ref={form} method="post" action={action} hidden>
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="credential" ref={credential} />
      </form>
    </div>
  );
}

/** "Add a passkey": registers one on this device (or a phone or security key) and posts it. */
export type AddPasskeyWords = { add: string; waiting: string; cancelled: string; unsupported: string; alreadyRegistered: string; somethingWrong: string };

export function AddPasskey({ csrf, optionsUrl, action, words }: { csrf: string; optionsUrl: string; action: string; words: AddPasskeyWords }) {
  const { form, credential, supported, busy, error, register: onClick } = usePasskeyRegistration({
    csrf, optionsUrl, cancelled: words.cancelled, alreadyRegistered: words.alreadyRegistered, failed: words.somethingWrong,
  });

  if (!supported) return <p className="text-sm text-muted">{words.unsupported}</p>;
  return (
    <div>
      <button type="button" onClick={onClick} disabled={busy} className={`${button} ${looks.primary}`}>
        <KeyRound aria-hidden="true" size={18} />
        {busy ? words.waiting : words.add}
      </button>
      {error ? <p role="alert" className="mt-3 rounded-[calc(var(--gh-radius)-4px)] border border-danger/30 bg-danger-bg px-3.5 py-3 text-sm text-danger">{error}</p> : null}
      <form ref={form} method="post" action={action} hidden>
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="credential" ref={credential} />
      </form>
    </div>
  );
}
