// The hosted pages of recovery codes (lib/mfa/recovery-codes.ts): the form that takes one instead
// of the second factor, the link to it from a second-factor page, and the page that shows a new
// set once, after MFA enrolment, before the sign-in finishes.
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { Field } from "./field.tsx";
import { Form, Shell, SubmitButton, TextLink } from "./shell.tsx";
import { CopyCodesButton } from "./copy-codes-button.tsx";

/** Under a second-factor form: the way to the recovery-code form (the same interaction's page). */
export function RecoveryCodeLink({ view }: { view: HostedView }) {
  return (
    <p className="mt-4 text-center text-sm">
      <TextLink href={view.action.replace(/\/[^/]+$/, "/recovery-code")}>Use a recovery code instead</TextLink>
    </p>
  );
}

export function RecoveryCodePage({ view }: { view: HostedView }) {
  return (
    <Shell view={view} title="Use a recovery code" subtitle="Enter one of the recovery codes you saved when you set up two-factor authentication. Each code works once.">
      <Form view={view}>
        <Field view={view} name="code" label="Recovery code" autoComplete="off" autoFocus defaultValue="" maxLength={32} hint="Like 7k2mq-4hx9d. Capitals and dashes do not matter." />
        <SubmitButton>Verify</SubmitButton>
      </Form>
      {/* Back to the step's own page: /mfa leads on to it whichever second factor the flow waits for. */}
      <p className="mt-4 text-center text-sm">
        <TextLink href={view.action.replace(/\/[^/]+$/, "/mfa")}>Back to two-factor authentication</TextLink>
      </p>
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>Sign in as someone else</TextLink>
      </p>
    </Shell>
  );
}

export function RecoveryCodesPage({ view }: { view: HostedView }) {
  const codes = view.recoveryCodes ?? [];
  const text = `${view.poolName} recovery codes\n\nEach code signs you in once if you cannot use your authenticator app.\n\n${codes.join("\n")}\n`;
  return (
    <Shell view={view} title="Save your recovery codes" subtitle="If you lose your phone or authenticator app, each of these codes lets you sign in once. Keep them somewhere safe: this is the only time they are shown.">
      <ul aria-label="Recovery codes" data-testid="recovery-codes" className="grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-[calc(var(--gh-radius)-4px)] border border-line bg-canvas px-4 py-3 font-mono text-[0.95rem] tracking-wide text-ink">
        {codes.map((code) => (
          <li key={code} className="text-center">{code}</li>
        ))}
      </ul>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <CopyCodesButton text={codes.join("\n")} />
        <a
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download={`${view.poolName.replace(/[^\w.-]+/g, "-")}-recovery-codes.txt`}
          className="rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-4 py-2 text-center text-sm font-semibold text-ink transition hover:bg-canvas focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary"
        >
          Download
        </a>
      </div>
      <div className="mt-6">
        <Form view={view}>
          <SubmitButton>Continue</SubmitButton>
        </Form>
      </div>
    </Shell>
  );
}
