import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountShell } from "./account-shell.tsx";
import { AuthenticatorSection } from "./authenticator-section.tsx";
import { ContactSection } from "./contact-section.tsx";
import { DevicesSection } from "./devices-section.tsx";
import { AccountForm, Button } from "./form-parts.tsx";
import { PasskeysSection } from "./passkeys-section.tsx";
import { PasswordSection } from "./password-section.tsx";
import { ProfileSection } from "./profile-section.tsx";
import { RecoveryCodesSection } from "./recovery-codes-section.tsx";
import { SessionsSection } from "./sessions-section.tsx";
import { SignInCodesSection } from "./sign-in-codes-section.tsx";
import { SignInHistorySection } from "./sign-in-history-section.tsx";

/** The account page: one component per section, each shown where the pool (and the user) has its subject. */
export async function AccountPage({ view }: { view: AccountView }) {
  const t = await getTranslations("account");
  const nav = [
    "profile", "contact", "password",
    ...(view.authenticator.offered ? ["authenticator"] : []),
    ...(view.mfa.offered ? ["mfa"] : []),
    ...(view.passkeys.offered ? ["passkeys"] : []),
    ...(view.recovery.offered ? ["recovery"] : []),
    ...(view.devices.offered ? ["devices"] : []),
    "sessions", "history",
  ].map((id) => [id, t(`nav.${id}`)]);
  return (
    <AccountShell
      poolName={view.poolName}
      branding={view.branding}
      actions={
        <AccountForm view={view} action="sign-out" className="shrink-0">
          <Button variant="secondary">{t("signOut")}</Button>
        </AccountForm>
      }
    >
      <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">{t("title")}</h1>
      <p className="mt-1.5 break-all text-sm text-muted">
        {t.rich("signedInAs", { name: () => <span className="font-medium text-ink">{view.user.displayName}</span> })}
      </p>
      <nav aria-label={t("sections")} className="mt-5">
        <ul className="flex flex-wrap gap-2">
          {nav.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`} className="inline-flex rounded-full border border-line bg-surface px-3 py-1.5 text-sm text-ink hover:border-primary hover:text-primary focus-visible:outline-2 focus-visible:outline-primary">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6 space-y-6">
        <ProfileSection view={view} />
        <ContactSection view={view} />
        <PasswordSection view={view} />
        <AuthenticatorSection view={view} />
        <SignInCodesSection view={view} />
        <PasskeysSection view={view} />
        <RecoveryCodesSection view={view} />
        <DevicesSection view={view} />
        <SessionsSection view={view} />
        <SignInHistorySection view={view} />
      </div>
    </AccountShell>
  );
}
