import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import type { CodeFactorView } from "@/lib/account/security-view.ts";
import { AccountForm, Badge, Button, ConfirmIdentity } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** The catalogue's `kind` for each code factor. */
const KIND = { SMS_MFA: "phone", EMAIL_OTP: "email" } as const;

const summaryClass = "inline-flex cursor-pointer list-none text-sm font-medium text-danger underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary";

async function CodeFactor({ view, factor }: { view: AccountView; factor: CodeFactorView }) {
  const t = await getTranslations("account");
  const kind = KIND[factor.factor];
  const off = t("codeFactors.turnOff", { kind });
  const failed = view.flash?.action === "mfa-disable" && view.flash.kind === "error" && view.flash.values?.factor === factor.factor;
  return (
    <li className="py-5 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm font-medium text-ink">{t("codeFactors.title", { kind })}</p>
          <p className="mt-0.5 break-all text-sm text-muted">
            {factor.address ? t("codeFactors.goesTo", { address: factor.address }) : t("codeFactors.noAddress", { kind })}
          </p>
        </div>
        {factor.enabled ? <Badge tone="ok">{t("common.on")}</Badge> : <Badge tone="muted">{t("common.off")}</Badge>}
      </div>
      {factor.enabled ? (
        factor.removable ? (
          <details className="group mt-3" open={failed}>
            <summary className={summaryClass}>{off}</summary>
            <AccountForm view={view} action="mfa-disable" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
              <input type="hidden" name="factor" value={factor.factor} />
              <p className="text-sm text-muted">{t("codeFactors.offNote", { kind })}</p>
              <ConfirmIdentity view={view} action="mfa-disable" scope={{ key: factor.factor.toLowerCase(), current: failed }} />
              <Button variant="danger">{off}</Button>
            </AccountForm>
          </details>
        ) : (
          <p className="mt-3 text-sm text-muted">{t("codeFactors.required")}</p>
        )
      ) : factor.ready ? (
        <AccountForm view={view} action="mfa-enable" className="mt-3">
          <input type="hidden" name="factor" value={factor.factor} />
          <Button variant="secondary">{t("codeFactors.turnOn", { kind })}</Button>
        </AccountForm>
      ) : (
        <p className="mt-3 text-sm text-muted">
          {t.rich(factor.address ? "codeFactors.verifyFirst" : "codeFactors.addFirst", {
            kind,
            link: (chunks) => <a href="#contact" className="font-medium text-primary underline-offset-4 hover:underline">{chunks}</a>,
          })}
        </p>
      )}
    </li>
  );
}

/** SMS and email sign-in codes (SMS_MFA, EMAIL_OTP), each on or off, and which second factor is asked for first. */
export async function SignInCodesSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.codes");
  const words = await getTranslations("account.codeFactors");
  const { mfa } = view;
  if (!mfa.offered) return null;
  return (
    <Section id="mfa" title={t("title")} description={t("description")} view={view}>
      <ul className="divide-y divide-line">
        {mfa.factors.map((factor) => <CodeFactor key={factor.factor} view={view} factor={factor} />)}
      </ul>
      {mfa.enabled.length > 1 ? (
        <AccountForm view={view} action="mfa-preferred" className="mt-6 border-t border-line pt-5">
          <fieldset>
            <legend className="text-sm font-medium text-ink">{words("askFirst")}</legend>
            <p className="mt-0.5 text-xs text-muted">{words("askFirstNote")}</p>
            <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-3">
              {mfa.enabled.map((factor) => (
                <label key={factor} className="flex cursor-pointer items-center gap-2.5 rounded-[calc(var(--gh-radius)-4px)] border border-line px-3.5 py-2.5 text-sm text-ink has-[:checked]:border-primary has-[:checked]:bg-canvas">
                  <input type="radio" name="preferred" value={factor} defaultChecked={mfa.preferred === factor} className="size-4 accent-[var(--gh-primary)]" />
                  {words("choice", { factor })}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-4">
            <Button variant="secondary">{words("saveChoice")}</Button>
          </div>
        </AccountForm>
      ) : null}
    </Section>
  );
}
