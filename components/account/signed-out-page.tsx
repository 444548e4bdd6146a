import type { SignedOutView } from "@/lib/account/load-account-page.ts";
import { AccountShell } from "./account-shell.tsx";

const WORDS: Record<SignedOutView["reason"], { title: string; text: string }> = {
  "signed-out": { title: "You have signed out", text: "You are signed out of your account, and of the apps you signed in to with it in this browser." },
  everywhere: { title: "You are signed out everywhere", text: "Every session of your account has ended, this one too. Sign in again on the devices you use." },
  failed: { title: "We could not sign you in", text: "The sign-in did not finish, or it took too long. Try again." },
};

export function SignedOutPage({ view }: { view: SignedOutView }) {
  const words = WORDS[view.reason];
  return (
    <AccountShell poolName={view.poolName} branding={view.branding}>
      <div className="mx-auto max-w-md rounded-brand bg-surface p-6 text-center shadow-[0_1px_3px_rgba(0,0,0,.08),0_8px_24px_rgba(0,0,0,.06)] sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight text-ink">{words.title}</h1>
        <p className="mt-2 text-sm leading-6 text-muted">{words.text}</p>
        <a
          href={view.signInUrl}
          className="mt-6 inline-flex w-full items-center justify-center rounded-[calc(var(--gh-radius)-4px)] bg-primary px-4 py-2.5 text-[0.95rem] font-semibold text-on-primary hover:bg-primary-hover focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary"
        >
          Sign in to your account
        </a>
      </div>
    </AccountShell>
  );
}
