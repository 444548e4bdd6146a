// One component per hosted page. Each renders from the HostedView only, in the request's language
// (messages/{locale}/hosted.json); the branding editor's texts, when set, win over the catalogue's.
import { useLocale, useTranslations } from "next-intl";
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { isLocale } from "@/lib/i18n/locales.ts";
import { mfaFactorWording } from "@/lib/hosted-ui/wording.ts";
import { CodeField, Field, fieldState } from "./field.tsx";
import { PasswordField } from "./password-field.tsx";
import { Form, Shell, SubmitButton, TextLink } from "./shell.tsx";
import { Divider, ProviderButtons } from "./provider-buttons.tsx";
import { RememberDeviceField } from "./remember-device.tsx";
import { RecoveryCodeLink } from "./recovery-codes.tsx";
import { PasskeySignIn } from "./passkey-buttons.tsx";

/** The sign-in name's label, from the aliases the pool takes. */
function useLoginLabel(view: HostedView): string {
  const t = useTranslations("hosted.loginName");
  return t.has(view.login.labelKey) ? t(view.login.labelKey) : t("username");
}

export function LoginPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  const loginLabel = useLoginLabel(view);
  const choices = view.signInChoices;
  return (
    <Shell view={view} title={view.branding.texts.signInTitle || t("login.title")} subtitle={view.branding.texts.signInSubtitle || t("login.subtitle", { client: view.clientName })}>
      <ProviderButtons view={view} />
      {view.passwordSignIn && choices.passkey ? (
        <div className={view.providers.length ? "mt-3" : undefined}>
          <PasskeySignIn csrf={view.csrf} optionsUrl={choices.passkeyOptionsUrl} action={choices.passkeyAction} autofill={!view.preview}
            label={t("passkey.signIn")} words={{ waiting: t("passkey.waiting"), cancelled: t("passkey.cancelled"), alreadyRegistered: t("passkey.alreadyRegistered"), somethingWrong: t("passkey.somethingWrong") }} />
        </div>
      ) : null}
      {(view.providers.length || choices.passkey) && view.passwordSignIn ? <Divider /> : null}
      {view.passwordSignIn ? (
        <Form view={view}>
          {/* "webauthn": the browser may offer the user's passkeys right in this field (conditional UI). */}
          <Field view={view} name="login" label={loginLabel} type={view.login.type} autoComplete={choices.passkey ? "username webauthn" : "username"} autoFocus={!view.values.login && !view.providers.length}
            hint={view.corporateSignIn ? t("login.corporateHint") : undefined} />
          <PasswordField autoComplete="current-password" state={fieldState(view, "password", !!view.values.login)} />
          <div className="flex justify-end text-sm">
            <TextLink href={view.links.forgotPassword}>{t("login.forgotPassword")}</TextLink>
          </div>
          <SubmitButton name="intent" value="password">{view.branding.texts.signInButton || t("login.submit")}</SubmitButton>
          {choices.emailCode ? <SubmitButton name="intent" value="email-code" variant="secondary">{t("login.emailCode")}</SubmitButton> : null}
          {choices.smsCode ? <SubmitButton name="intent" value="sms-code" variant="secondary">{t("login.smsCode")}</SubmitButton> : null}
        </Form>
      ) : null}
      {view.links.signup && view.passwordSignIn ? (
        <p className="mt-6 text-center text-sm text-muted">
          {t.rich("login.newHere", { link: (chunks) => <TextLink href={view.links.signup!}>{chunks}</TextLink> })}
        </p>
      ) : null}
    </Shell>
  );
}

export function SignupPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  return (
    <Shell view={view} title={view.branding.texts.signUpTitle || t("signup.title")} subtitle={view.branding.texts.signUpSubtitle || t("signup.subtitle", { client: view.clientName })}>
      <Form view={view}>
        {view.usernameField ? <Field view={view} name="username" label={t("signup.username")} autoComplete="username" required autoFocus /> : null}
        {view.signupFields.map((field, i) => (
          <Field
            key={field.name}
            view={view}
            name={field.name}
            // Standard attributes have their name in every language; custom ones keep the pool's.
            label={t.has(`attributes.${field.name}`) ? t(`attributes.${field.name}`) : field.label}
            type={field.type}
            autoComplete={field.autoComplete}
            required={field.required}
            autoFocus={!view.usernameField && i === 0}
            hint={field.type === "tel" ? t("signup.phoneHint") : undefined}
          />
        ))}
        <PasswordField autoComplete="new-password" policy={view.policy} state={fieldState(view, "password")} />
        <SubmitButton>{view.branding.texts.signUpButton || t("signup.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        {t.rich("signup.haveAccount", { link: (chunks) => <TextLink href={view.links.login}>{chunks}</TextLink> })}
      </p>
    </Shell>
  );
}

export function ConfirmPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  return (
    <Shell view={view} title={t("confirm.title")} subtitle={view.destination ? t("confirm.subtitleTo", { destination: view.destination }) : t("confirm.subtitle")}>
      <Form view={view}>
        <CodeField view={view} />
        <SubmitButton name="intent" value="confirm">{t("confirm.submit")}</SubmitButton>
        <SubmitButton name="intent" value="resend" variant="secondary">{t("common.sendNewCode")}</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>{t("common.backToSignIn")}</TextLink>
      </p>
    </Shell>
  );
}

export function ForgotPasswordPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  const loginLabel = useLoginLabel(view);
  return (
    <Shell view={view} title={t("forgot.title")} subtitle={t("forgot.subtitle")}>
      <Form view={view}>
        <Field view={view} name="login" label={loginLabel} type={view.login.type} autoComplete="username" autoFocus />
        <SubmitButton>{t("forgot.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>{t("common.backToSignIn")}</TextLink>
      </p>
    </Shell>
  );
}

export function ResetPasswordPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  // Where a reset code went is never shown (it would tell who has an account): the page says "the email or phone number on the account".
  return (
    <Shell view={view} title={t("reset.title")} subtitle={t("reset.subtitle")}>
      <Form view={view}>
        <CodeField view={view} />
        <PasswordField label={t("password.newPassword")} autoComplete="new-password" policy={view.policy} state={fieldState(view, "password")} />
        <SubmitButton>{t("reset.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        {t.rich("reset.noCode", { link: (chunks) => <TextLink href={view.links.forgotPassword}>{chunks}</TextLink> })}
      </p>
    </Shell>
  );
}

export function NewPasswordPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  return (
    <Shell view={view} title={t("newPassword.title")} subtitle={t("newPassword.subtitle")}>
      <Form view={view}>
        <PasswordField label={t("password.newPassword")} autoComplete="new-password" policy={view.policy} state={fieldState(view, "password", true)} />
        <PasswordField name="confirmPassword" label={t("password.confirmNewPassword")} autoComplete="new-password" state={fieldState(view, "confirmPassword")} />
        <SubmitButton>{t("newPassword.submit")}</SubmitButton>
      </Form>
    </Shell>
  );
}

export function MfaSetupPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  const totp = view.totp;
  // The pool requires MFA, offers no authenticator app, and the user has no verified phone or email.
  if (!totp) {
    return (
      <Shell view={view} title={t("mfaSetup.neededTitle")} subtitle={t("mfaSetup.neededSubtitle")}>
        <p className="text-sm leading-6 text-ink">{t("mfaSetup.neededBody")}</p>
        <p className="mt-6 text-center text-sm text-muted">
          <TextLink href={view.links.login}>{t("common.backToSignIn")}</TextLink>
        </p>
      </Shell>
    );
  }
  return (
    <Shell view={view} title={t("mfaSetup.title")} subtitle={t("mfaSetup.subtitle")}>
      <ol className="mb-5 space-y-4 text-sm text-ink">
        <li>
          <p className="font-medium">{t("mfaSetup.scan")}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, nothing for next/image to optimise */}
          <img src={totp.qrDataUrl} width={176} height={176} alt={t("mfaSetup.qrAlt", { account: totp.account })} className="mx-auto mt-3 rounded-md border border-line p-1" />
          {/* Part of step 1, so a screen reader's "item 2 of 2" matches the "2." on screen. */}
          <p className="mt-4 font-medium">{t("mfaSetup.manual")}</p>
          {/* Balanced, so the groups of four wrap evenly and are never split; a key reads left to right in any language. */}
          <p dir="ltr" className="mt-1.5 rounded-md bg-canvas px-3 py-2 text-center font-mono text-sm tracking-wider text-balance" data-testid="totp-secret">
            {totp.secret.match(/.{1,4}/g)?.join(" ")}
          </p>
        </li>
        <li>
          <p className="font-medium">{t("mfaSetup.enterCode")}</p>
        </li>
      </ol>
      <Form view={view}>
        <CodeField view={view} label={t("mfaSetup.codeLabel")} autoFocus={false} />
        <RememberDeviceField view={view} />
        <SubmitButton>{t("mfaSetup.submit")}</SubmitButton>
      </Form>
    </Shell>
  );
}

/** Below every second-factor page: a recovery code instead, or back to the start as someone else. */
function SecondFactorLinks({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  return (
    <>
      <RecoveryCodeLink view={view} />
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>{t("common.signInAsSomeoneElse")}</TextLink>
      </p>
    </>
  );
}

export function MfaPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  return (
    <Shell view={view} title={t("mfa.title")} subtitle={t("mfa.subtitle")}>
      <Form view={view}>
        <CodeField view={view} label={t("mfa.codeLabel")} />
        <RememberDeviceField view={view} />
        <SubmitButton>{t("common.verify")}</SubmitButton>
      </Form>
      <SecondFactorLinks view={view} />
    </Shell>
  );
}

export function MfaCodePage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  const email = view.codeMedium === "EMAIL";
  const where = view.destination ?? (email ? t("mfaCode.yourEmail") : t("mfaCode.yourPhone"));
  return (
    <Shell view={view} title={email ? t("mfaCode.titleEmail") : t("mfaCode.titlePhone")}
      subtitle={t.rich("mfaCode.subtitle", { where, b: (chunks) => <span className="font-medium text-ink">{chunks}</span> })}>
      <Form view={view}>
        <CodeField view={view} label={t("mfaCode.codeLabel")} hint={t("mfaCode.hint", { minutes: email ? 5 : 3 })} />
        <RememberDeviceField view={view} />
        <SubmitButton name="intent" value="verify">{t("common.verify")}</SubmitButton>
        <SubmitButton name="intent" value="resend" variant="secondary">{t("common.sendNewCode")}</SubmitButton>
      </Form>
      <SecondFactorLinks view={view} />
    </Shell>
  );
}

export function MfaSelectPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  const locale = useLocale();
  const error = view.flash?.kind === "error" && view.flash.field === "factor";
  return (
    <Shell view={view} title={t("mfaSelect.title")} subtitle={t("mfaSelect.subtitle")}>
      <Form view={view}>
        <fieldset aria-invalid={error || undefined} aria-describedby={error ? "form-error" : undefined}>
          <legend className="sr-only">{t("mfaSelect.legend")}</legend>
          <div className="space-y-3">
            {view.mfaOptions.map((option, i) => {
              const worded = mfaFactorWording(option.factor, option.destination, isLocale(locale) ? locale : undefined);
              return (
                <label key={option.factor} htmlFor={`factor-${option.factor}`}
                  className="flex cursor-pointer items-start gap-3 rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-3.5 py-3 transition hover:bg-canvas has-[:checked]:border-primary has-[:checked]:ring-3 has-[:checked]:ring-primary/20 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-primary">
                  <input id={`factor-${option.factor}`} type="radio" name="factor" value={option.factor} defaultChecked={i === 0} autoFocus={!view.preview && i === 0}
                    aria-describedby={`factor-${option.factor}-detail`} className="mt-1 h-4 w-4 accent-[var(--gh-primary)] focus-visible:outline-none" />
                  <span>
                    <span className="block text-[0.95rem] font-medium text-ink">{worded.label}</span>
                    <span id={`factor-${option.factor}-detail`} className="block text-sm text-muted">{worded.detail}</span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <SubmitButton>{t("common.continue")}</SubmitButton>
      </Form>
      <SecondFactorLinks view={view} />
    </Shell>
  );
}
