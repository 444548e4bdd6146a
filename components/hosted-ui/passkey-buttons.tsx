"use client";
// The browser half of passkeys on the hosted pages (@simplewebauthn/browser). Each asks the server
// for fresh options (its challenge stays on the server), runs the browser's ceremony, and posts the
// answer in a plain form, so the server's reply is a normal redirect: to the app, or back with an error.
import { useEffect, useRef, useState } from "react";
import {
  browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, WebAuthnAbortService, type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { fetchOptions, passkeyErrorWording, usePasskeyRegistration } from "./passkey-ceremony.ts";

const button =
  "flex w-full items-center justify-center gap-2 rounded-[calc(var(--gh-radius)-4px)] px-4 py-2.5 text-[0.95rem] font-semibold transition focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary disabled:cursor-wait disabled:opacity-70";
const looks = {
  primary: "bg-primary text-on-primary hover:bg-primary-hover",
  secondary: "border border-line bg-surface text-ink hover:bg-canvas",
} as const;

function KeyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="7.5" cy="15.5" r="4.5" />
      <path d="m10.7 12.3 9.3-9.3M16 7l3 3M14 9l2 2" />
    </svg>
  );
}

/**
 * "Sign in with a passkey", and autofill: where the browser supports conditional mediation, the
 * username field's passkey suggestions sign in as soon as one is picked.
 */
export function PasskeySignIn({ csrf, optionsUrl, action, autofill, label = "Sign in with a passkey", variant = "secondary" }: {
  csrf: string; optionsUrl: string; action: string; autofill: boolean; label?: string; variant?: keyof typeof looks;
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
    setSupported(browserSupportsWebAuthn());
    if (!autofill) return;
    let live = true;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      try {
        const optionsJSON = await fetchOptions<PublicKeyCredentialRequestOptionsJSON>(optionsUrl, csrf);
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
    // Once per page (its props do not change while it is shown): a new request would replace the pending one.
  }, []);

  async function onClick() {
    setBusy(true);
    setError(null);
    try {
      const optionsJSON = await fetchOptions<PublicKeyCredentialRequestOptionsJSON>(optionsUrl, csrf);
      submit(await startAuthentication({ optionsJSON }));
    } catch (e) {
      setBusy(false);
      setError(passkeyErrorWording(e, "The passkey request was cancelled or timed out. Try again, or sign in another way."));
    }
  }

  if (!supported) return null;
  return (
    <div>
      <button type="button" onClick={onClick} disabled={busy} className={`${button} ${looks[variant]}`}>
        <KeyIcon />
        {busy ? "Waiting for your passkey…" : label}
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
export function AddPasskey({ csrf, optionsUrl, action }: { csrf: string; optionsUrl: string; action: string }) {
  const { form, credential, supported, busy, error, register: onClick } = usePasskeyRegistration({
    csrf, optionsUrl, cancelled: "No passkey was added: the request was cancelled or timed out. Try again, or choose Not now.",
  });

  if (!supported) return <p className="text-sm text-muted">This browser cannot create passkeys. You can add one later from another device.</p>;
  return (
    <div>
      <button type="button" onClick={onClick} disabled={busy} className={`${button} ${looks.primary}`}>
        <KeyIcon />
        {busy ? "Waiting for your device…" : "Add a passkey"}
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
