import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountForm, Badge, Button, ConfirmIdentity, Input } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** The authenticator app (TOTP): add it with a QR code and a first code, or remove it where the pool allows. */
export async function AuthenticatorSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account");
  const { authenticator } = view;
  if (!authenticator.offered) return null;
  const pending = authenticator.pending;
  return (
    <Section id="authenticator" title={t("authenticator.title")} description={t("authenticator.description")} view={view}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-ink">{authenticator.enabled ? t("authenticator.enabled") : t("authenticator.none")}</p>
        {authenticator.enabled ? <Badge tone="ok">{t("common.on")}</Badge> : <Badge tone="muted">{t("common.off")}</Badge>}
      </div>
      {pending ? (
        <div className="mt-5 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4 sm:p-5">
          <ol className="space-y-4 text-sm text-ink">
            <li className="sm:flex sm:gap-5">
              {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, nothing for next/image to optimise */}
              <img src={pending.qrDataUrl} width={160} height={160} alt={t("authenticator.qrAlt", { account: pending.account })} className="mx-auto rounded-md border border-line bg-white p-1 sm:mx-0" />
              <div className="mt-4 min-w-0 sm:mt-0">
                <p className="font-medium">{t("authenticator.scan")}</p>
                <p className="mt-3 font-medium">{t("authenticator.byHand")}</p>
                <p className="mt-1.5 rounded-md bg-canvas px-3 py-2 font-mono text-sm tracking-wider text-balance break-all" data-testid="totp-secret">
                  {pending.secret.match(/.{1,4}/g)?.join(" ")}
                </p>
              </div>
            </li>
            <li>
              <p className="font-medium">{t("authenticator.enterCode")}</p>
            </li>
          </ol>
          <AccountForm view={view} action="authenticator-verify" className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="flex-1">
              <Input view={view} action="authenticator-verify" name="totp_code" label={t("authenticator.codeLabel")} inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
            </div>
            <Button>{t("authenticator.add")}</Button>
          </AccountForm>
          <AccountForm view={view} action="authenticator-cancel" className="mt-3">
            <Button variant="link">{t("common.cancel")}</Button>
          </AccountForm>
        </div>
      ) : authenticator.enabled ? (
        authenticator.removable ? (
          <details className="group mt-4" open={view.flash?.action === "authenticator-remove" && view.flash.kind === "error"}>
            <summary className="inline-flex cursor-pointer list-none text-sm font-medium text-danger underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
              {t("authenticator.remove")}
            </summary>
            <AccountForm view={view} action="authenticator-remove" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
              <p className="text-sm text-muted">{t("authenticator.removeNote")}</p>
              <ConfirmIdentity view={view} action="authenticator-remove" />
              <Button variant="danger">{t("authenticator.remove")}</Button>
            </AccountForm>
          </details>
        ) : (
          <p className="mt-3 text-sm text-muted">
            {view.mfa.offered
              ? t("authenticator.requiredWithCodes")
              : t("authenticator.required")}
          </p>
        )
      ) : (
        <AccountForm view={view} action="authenticator-start" className="mt-4">
          <Button variant="secondary">{t("authenticator.add")}</Button>
        </AccountForm>
      )}
    </Section>
  );
}
