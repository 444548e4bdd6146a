"use client";
// The account page's "Add a passkey": asks the server for registration options (the challenge stays
// there), runs the browser's ceremony (@simplewebauthn/browser, as the hosted pages do), and posts
// the answer with the name the user typed in a plain form, so the server's reply is the page again.
// Its words come as props from passkeys-section.tsx, in the request's language.
import { usePasskeyRegistration } from "@/components/hosted-ui/passkey-ceremony.ts";
import { inputClass } from "@/components/hosted-ui/field.tsx";

export type AccountAddPasskeyWords = {
  name: string; optional: string; placeholder: string; add: string; waiting: string; cancelled: string; unsupported: string; failed: string; alreadyRegistered: string;
};

export function AddPasskey({ csrf, optionsUrl, action, words }: { csrf: string; optionsUrl: string; action: string; words: AccountAddPasskeyWords }) {
  const { form, credential, supported, busy, error, register: add } = usePasskeyRegistration({
    csrf, optionsUrl, cancelled: words.cancelled, alreadyRegistered: words.alreadyRegistered, failed: words.failed,
  });

  if (!supported) return <p className="text-sm text-muted">{words.unsupported}</p>;
  return (
    <form
      ref={form} method="post" action={action} noValidate
      onSubmit={(event) => { if (!credential.current!.value) { event.preventDefault(); void add(); } }}
      className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
    >
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="credential" ref={credential} />
      <div className="flex-1">
        <label htmlFor="passkey-add-name" className="mb-1.5 block text-sm font-medium text-ink">
          {words.name} <span className="font-normal text-muted">{words.optional}</span>
        </label>
        <input id="passkey-add-name" name="name" maxLength={64} autoComplete="off" placeholder={words.placeholder} aria-describedby={error ? "passkey-add-error" : undefined} className={inputClass} />
      </div>
      <button
        type="submit" disabled={busy}
        className="inline-flex items-center justify-center rounded-[calc(var(--gh-radius)-4px)] bg-primary px-4 py-2.5 text-sm font-semibold text-on-primary transition hover:bg-primary-hover focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary disabled:cursor-wait disabled:opacity-70"
      >
        {busy ? words.waiting : words.add}
      </button>
      {error ? <p id="passkey-add-error" role="alert" className="rounded-[calc(var(--gh-radius)-4px)] border border-danger/30 bg-danger-bg px-3.5 py-3 text-sm text-danger sm:basis-full">{error}</p> : null}
    </form>
  );
}
