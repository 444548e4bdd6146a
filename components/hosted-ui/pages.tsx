// One component per hosted page. Each renders from the HostedView only.
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { CodeField, Field, fieldState } from "./field.tsx";
import { PasswordField } from "./password-field.tsx";
import { Form, Shell, SubmitButton, TextLink } from "./shell.tsx";
import { Divider, ProviderButtons } from "./provider-buttons.tsx";
import { RememberDeviceField } from "./remember-device.tsx";
import { RecoveryCodeLink } from "./recovery-codes.tsx";
import { PasskeySignIn } from "./passkey-buttons.tsx";

export function LoginPage({ view }: { view: HostedView }) {
  const choices = view.signInChoices;
  return (
    <Shell view={view} title={view.branding.texts.signInTitle || "Sign in"} subtitle={view.branding.texts.signInSubtitle || <>to continue to {view.clientName}</>}>
      <ProviderButtons view={view} />
      {view.passwordSignIn && choices.passkey ? (
        <div className={view.providers.length ? "mt-3" : undefined}>
          <PasskeySignIn csrf={view.csrf} optionsUrl={choices.passkeyOptionsUrl} action={choices.passkeyAction} autofill={!view.preview} />
        </div>
      ) : null}
      {(view.providers.length || choices.passkey) && view.passwordSignIn ? <Divider /> : null}
      {view.passwordSignIn ? (
        <Form view={view}>
          {/* "webauthn": the browser may offer the user's passkeys right in this field (conditional UI). */}
          <Field view={view} name="login" label={view.login.label} type={view.login.type} autoComplete={choices.passkey ? "username webauthn" : "username"} autoFocus={!view.values.login && !view.providers.length}
            hint={view.corporateSignIn ? "With a work email, you may continue at your organisation's sign-in." : undefined} />
          <PasswordField autoComplete="current-password" state={fieldState(view, "password", !!view.values.login)} />
          <div className="flex justify-end text-sm">
            <TextLink href={view.links.forgotPassword}>Forgot your password?</TextLink>
          </div>
          <SubmitButton name="intent" value="password">{view.branding.texts.signInButton || "Sign in"}</SubmitButton>
          {choices.emailCode ? <SubmitButton name="intent" value="email-code" variant="secondary">Email me a sign-in code</SubmitButton> : null}
          {choices.smsCode ? <SubmitButton name="intent" value="sms-code" variant="secondary">Text me a code</SubmitButton> : null}
        </Form>
      ) : null}
      {view.links.signup && view.passwordSignIn ? (
        <p className="mt-6 text-center text-sm text-muted">
          New here? <TextLink href={view.links.signup}>Create an account</TextLink>
        </p>
      ) : null}
    </Shell>
  );
}

export function SignupPage({ view }: { view: HostedView }) {
  return (
    <Shell view={view} title={view.branding.texts.signUpTitle || "Create your account"} subtitle={view.branding.texts.signUpSubtitle || <>for {view.clientName}</>}>
      <Form view={view}>
        {view.usernameField ? <Field view={view} name="username" label="Username" autoComplete="username" required autoFocus /> : null}
        {view.signupFields.map((field, i) => (
          <Field
            key={field.name}
            view={view}
            name={field.name}
            label={field.label}
            type={field.type}
            autoComplete={field.autoComplete}
            required={field.required}
            autoFocus={!view.usernameField && i === 0}
            hint={field.type === "tel" ? "International format, like +14155550123" : undefined}
          />
        ))}
        <PasswordField autoComplete="new-password" policy={view.policy} state={fieldState(view, "password")} />
        <SubmitButton>{view.branding.texts.signUpButton || "Create account"}</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        Already have an account? <TextLink href={view.links.login}>Sign in</TextLink>
      </p>
    </Shell>
  );
}

export function ConfirmPage({ view }: { view: HostedView }) {
  return (
    <Shell
      view={view}
      title="Confirm your account"
      subtitle={view.destination ? <>We sent a code to {view.destination}. Enter it below.</> : <>Enter the code we sent you.</>}
    >
      <Form view={view}>
        <CodeField view={view} />
        <SubmitButton name="intent" value="confirm">Confirm account</SubmitButton>
        <SubmitButton name="intent" value="resend" variant="secondary">Send a new code</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>Back to sign in</TextLink>
      </p>
    </Shell>
  );
}

export function ForgotPasswordPage({ view }: { view: HostedView }) {
  return (
    <Shell view={view} title="Reset your password" subtitle="Enter your sign-in name and we will send you a code to reset your password.">
      <Form view={view}>
        <Field view={view} name="login" label={view.login.label} type={view.login.type} autoComplete="username" autoFocus />
        <SubmitButton>Send code</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>Back to sign in</TextLink>
      </p>
    </Shell>
  );
}

export function ResetPasswordPage({ view }: { view: HostedView }) {
  return (
    <Shell
      view={view}
      title="Choose a new password"
      subtitle={<>If an account matches, we sent a code to {view.destination ?? "its email or phone"}. Enter it with a new password.</>}
    >
      <Form view={view}>
        <CodeField view={view} />
        <PasswordField label="New password" autoComplete="new-password" policy={view.policy} state={fieldState(view, "password")} />
        <SubmitButton>Change password</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        Didn&apos;t get a code? <TextLink href={view.links.forgotPassword}>Send another</TextLink>
      </p>
    </Shell>
  );
}

export function NewPasswordPage({ view }: { view: HostedView }) {
  return (
    <Shell view={view} title="Set a new password" subtitle="Your account has a temporary password. Choose your own to continue.">
      <Form view={view}>
        <PasswordField label="New password" autoComplete="new-password" policy={view.policy} state={fieldState(view, "password", true)} />
        <PasswordField name="confirmPassword" label="Confirm new password" autoComplete="new-password" state={fieldState(view, "confirmPassword")} />
        <SubmitButton>Set password and continue</SubmitButton>
      </Form>
    </Shell>
  );
}

export function MfaSetupPage({ view }: { view: HostedView }) {
  const totp = view.totp;
  // The pool requires MFA, offers no authenticator app, and the user has no verified phone or email.
  if (!totp) {
    return (
      <Shell view={view} title="Two-factor authentication needed" subtitle="This account must confirm each sign-in with a code sent to a verified phone number or email address, and it has neither yet.">
        <p className="text-sm leading-6 text-ink">Ask the application&apos;s administrator to add and verify your phone number or email address, then sign in again.</p>
        <p className="mt-6 text-center text-sm text-muted">
          <TextLink href={view.links.login}>Back to sign in</TextLink>
        </p>
      </Shell>
    );
  }
  return (
    <Shell view={view} title="Set up two-factor authentication" subtitle="This account needs an authenticator app, such as Google Authenticator, 1Password or Authy.">
      {totp ? (
        <ol className="mb-5 space-y-4 text-sm text-ink">
          <li>
            <p className="font-medium">1. Scan this QR code with your authenticator app.</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, nothing for next/image to optimise */}
            <img src={totp.qrDataUrl} width={176} height={176} alt={`QR code to add ${totp.account} to an authenticator app`} className="mx-auto mt-3 rounded-md border border-line p-1" />
            {/* Part of step 1, so a screen reader's "item 2 of 2" matches the "2." on screen. */}
            <p className="mt-4 font-medium">Or enter this key by hand:</p>
            {/* Balanced, so the groups of four wrap evenly and are never split. */}
            <p className="mt-1.5 rounded-md bg-canvas px-3 py-2 text-center font-mono text-sm tracking-wider text-balance" data-testid="totp-secret">
              {totp.secret.match(/.{1,4}/g)?.join(" ")}
            </p>
          </li>
          <li>
            <p className="font-medium">2. Enter the 6-digit code the app shows.</p>
          </li>
        </ol>
      ) : null}
      <Form view={view}>
        <CodeField view={view} label="Code from your app" autoFocus={false} />
        <RememberDeviceField view={view} />
        <SubmitButton>Verify and continue</SubmitButton>
      </Form>
    </Shell>
  );
}

/** Below every second-factor page: a recovery code instead, or back to the start as someone else. */
function SecondFactorLinks({ view }: { view: HostedView }) {
  return (
    <>
      <RecoveryCodeLink view={view} />
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>Sign in as someone else</TextLink>
      </p>
    </>
  );
}

export function MfaPage({ view }: { view: HostedView }) {
  return (
    <Shell view={view} title="Two-factor authentication" subtitle="Enter the 6-digit code from your authenticator app.">
      <Form view={view}>
        <CodeField view={view} label="Authentication code" />
        <RememberDeviceField view={view} />
        <SubmitButton>Verify</SubmitButton>
      </Form>
      <SecondFactorLinks view={view} />
    </Shell>
  );
}

export function MfaCodePage({ view }: { view: HostedView }) {
  const email = view.codeMedium === "EMAIL";
  const where = view.destination ?? (email ? "your email address" : "your phone");
  return (
    <Shell view={view} title={email ? "Check your email" : "Check your phone"} subtitle={<>We sent a 6-digit sign-in code to <span className="font-medium text-ink">{where}</span>. Enter it to finish signing in.</>}>
      <Form view={view}>
        <CodeField view={view} label="Sign-in code" hint={`The code works once and expires in ${email ? 5 : 3} minutes.`} />
        <RememberDeviceField view={view} />
        <SubmitButton name="intent" value="verify">Verify</SubmitButton>
        <SubmitButton name="intent" value="resend" variant="secondary">Send a new code</SubmitButton>
      </Form>
      <SecondFactorLinks view={view} />
    </Shell>
  );
}

export function MfaSelectPage({ view }: { view: HostedView }) {
  const error = view.flash?.kind === "error" && view.flash.field === "factor";
  return (
    <Shell view={view} title="Verify it's you" subtitle="Your account has more than one way to confirm a sign-in. Choose one for now.">
      <Form view={view}>
        <fieldset aria-invalid={error || undefined} aria-describedby={error ? "form-error" : undefined}>
          <legend className="sr-only">How to get your sign-in code</legend>
          <div className="space-y-3">
            {view.mfaOptions.map((option, i) => (
              <label key={option.factor} htmlFor={`factor-${option.factor}`}
                className="flex cursor-pointer items-start gap-3 rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-3.5 py-3 transition hover:bg-canvas has-[:checked]:border-primary has-[:checked]:ring-3 has-[:checked]:ring-primary/20 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-primary">
                <input id={`factor-${option.factor}`} type="radio" name="factor" value={option.factor} defaultChecked={i === 0} autoFocus={!view.preview && i === 0}
                  aria-describedby={`factor-${option.factor}-detail`} className="mt-1 h-4 w-4 accent-[var(--gh-primary)] focus-visible:outline-none" />
                <span>
                  <span className="block text-[0.95rem] font-medium text-ink">{option.label}</span>
                  <span id={`factor-${option.factor}-detail`} className="block text-sm text-muted">{option.detail}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <SubmitButton>Continue</SubmitButton>
      </Form>
      <SecondFactorLinks view={view} />
    </Shell>
  );
}
