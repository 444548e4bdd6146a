import type { SignedOutView } from "@/lib/account/load-account-page.ts";
import { getTranslations } from "next-intl/server";
import { AccountShell } from "./account-shell.tsx";

/** The catalogue's keys (account.json signedOut) for each way the page is reached. */
const KEYS: Record<SignedOutView["reason"], "signedOut" | "everywhere" | "failed"> = { "signed-out": "signedOut", everywhere: "everywhere", failed: "failed" };

export async function SignedOutPage({ view }: { view: SignedOutView }) {
  const t = await getTranslations("account.signedOut");
  const key = KEYS[view.reason];
  return (
    <AccountShell poolName={view.poolName} branding={view.branding}>
      <div className="mx-auto max-w-md rounded-brand bg-surface p-6 text-center shadow-[0_1px_3px_rgba(0,0,0,.08),0_8px_24px_rgba(0,0,0,.06)] sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight text-ink">{t(`${key}Title`)}</h1>
        <p className="mt-2 text-sm leading-6 text-muted">{t(`${key}Text`)}</p>
        <a
          href={view.signInUrl}
          className="mt-6 inline-flex w-full items-center justify-center rounded-[calc(var(--gh-radius)-4px)] bg-primary px-4 py-2.5 text-[0.95rem] font-semibold text-on-primary hover:bg-primary-hover focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary"
        >
          {t("signIn")}
        </a>
      </div>
    </AccountShell>
  );
}
