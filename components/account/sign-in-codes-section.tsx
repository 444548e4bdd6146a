import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import type { CodeFactorView } from "@/lib/account/security-view.ts";
import type { MfaFactor } from "@/lib/users/mfa-preference.ts";
import { AccountForm, Badge, Button, ConfirmIdentity } from "./form-parts.tsx";
import { Section } from "./section.tsx";

const WORDS = {
  SMS_MFA: { title: "Text message", noun: "phone number", off: "Turn off text message codes", on: "Turn on text message codes" },
  EMAIL_OTP: { title: "Email", noun: "email address", off: "Turn off email codes", on: "Turn on email codes" },
} as const;

const CHOICES: Record<MfaFactor, string> = { SOFTWARE_TOKEN_MFA: "Authenticator app", SMS_MFA: "Text message", EMAIL_OTP: "Email" };

const summaryClass = "inline-flex cursor-pointer list-none text-sm font-medium text-danger underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary";

function CodeFactor({ view, factor }: { view: AccountView; factor: CodeFactorView }) {
  const words = WORDS[factor.factor];
  const failed = view.flash?.action === "mfa-disable" && view.flash.kind === "error" && view.flash.values?.factor === factor.factor;
  return (
    <li className="py-5 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm font-medium text-ink">{words.title}</p>
          <p className="mt-0.5 break-all text-sm text-muted">
            {factor.address ? <>Codes go to {factor.address}</> : <>No {words.noun} yet</>}
          </p>
        </div>
        {factor.enabled ? <Badge tone="ok">On</Badge> : <Badge tone="muted">Off</Badge>}
      </div>
      {factor.enabled ? (
        factor.removable ? (
          <details className="group mt-3" open={failed}>
            <summary className={summaryClass}>{words.off}</summary>
            <AccountForm view={view} action="mfa-disable" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
              <input type="hidden" name="factor" value={factor.factor} />
              <p className="text-sm text-muted">Signing in will no longer send a code to your {words.noun}.</p>
              <ConfirmIdentity view={view} action="mfa-disable" scope={{ key: factor.factor.toLowerCase(), current: failed }} />
              <Button variant="danger">{words.off}</Button>
            </AccountForm>
          </details>
        ) : (
          <p className="mt-3 text-sm text-muted">This account must use two-factor authentication: turn on another way before turning this one off.</p>
        )
      ) : factor.ready ? (
        <AccountForm view={view} action="mfa-enable" className="mt-3">
          <input type="hidden" name="factor" value={factor.factor} />
          <Button variant="secondary">{words.on}</Button>
        </AccountForm>
      ) : (
        <p className="mt-3 text-sm text-muted">
          Codes go only to a verified {words.noun}.{" "}
          <a href="#contact" className="font-medium text-primary underline-offset-4 hover:underline">
            {factor.address ? `Verify your ${words.noun}` : `Add a ${words.noun}`}
          </a>{" "}
          first.
        </p>
      )}
    </li>
  );
}

/** SMS and email sign-in codes (SMS_MFA, EMAIL_OTP), each on or off, and which second factor is asked for first. */
export async function SignInCodesSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.codes");
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
            <legend className="text-sm font-medium text-ink">Ask first for</legend>
            <p className="mt-0.5 text-xs text-muted">The one we ask for when you sign in.</p>
            <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-3">
              {mfa.enabled.map((factor) => (
                <label key={factor} className="flex cursor-pointer items-center gap-2.5 rounded-[calc(var(--gh-radius)-4px)] border border-line px-3.5 py-2.5 text-sm text-ink has-[:checked]:border-primary has-[:checked]:bg-canvas">
                  <input type="radio" name="preferred" value={factor} defaultChecked={mfa.preferred === factor} className="size-4 accent-[var(--gh-primary)]" />
                  {CHOICES[factor]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-4">
            <Button variant="secondary">Save choice</Button>
          </div>
        </AccountForm>
      ) : null}
    </Section>
  );
}
