// The hosted pages of recovery codes (lib/mfa/recovery-codes.ts): the form that takes one instead
// of the second factor, the link to it from a second-factor page, and the page that shows a new
// set once, after MFA enrolment, before the sign-in finishes.
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { Field } from "./field.tsx";
import { Form, Shell, SubmitButton, TextLink } from "./shell.tsx";
import { RecoveryCodesList } from "./recovery-codes-list.tsx";

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
  return (
    <Shell view={view} title="Save your recovery codes" subtitle="If you lose your phone or authenticator app, each of these codes lets you sign in once. Keep them somewhere safe: this is the only time they are shown.">
      <RecoveryCodesList poolName={view.poolName} codes={codes} factor="authenticator app" />
      <div className="mt-6">
        <Form view={view}>
          <SubmitButton>Continue</SubmitButton>
        </Form>
      </div>
    </Shell>
  );
}
