// The hosted pages of choice-based sign-in: a passkey that did not work, a one-time code sent by
// email or text message, and the offer to add a passkey after a password sign-in.
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { CodeField } from "./field.tsx";
import { AddPasskey, PasskeySignIn } from "./passkey-buttons.tsx";
import { Form, Shell, SubmitButton, TextLink } from "./shell.tsx";

/** Reached when a passkey's answer was refused: try again, or another way in. */
export function PasskeyPage({ view }: { view: HostedView }) {
  const choices = view.signInChoices;
  return (
    <Shell view={view} title="Sign in with a passkey" subtitle="Use the passkey saved on this device, your phone or a security key.">
      <PasskeySignIn csrf={view.csrf} optionsUrl={choices.passkeyOptionsUrl} action={choices.passkeyAction} autofill={false} label="Try again" variant="primary" />
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>Sign in another way</TextLink>
      </p>
    </Shell>
  );
}

function SignInCodePage({ view, medium }: { view: HostedView; medium: "email" | "text message" }) {
  return (
    <Shell
      view={view}
      title={medium === "email" ? "Check your email" : "Check your phone"}
      subtitle={view.destination ? <>We sent a sign-in code to {view.destination}. It expires in a few minutes.</> : <>Enter the sign-in code we sent you.</>}
    >
      <Form view={view}>
        <CodeField view={view} label="Sign-in code" />
        <SubmitButton>Sign in</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        Didn&apos;t get it? <TextLink href={view.links.login}>Go back and send another</TextLink>
      </p>
    </Shell>
  );
}

export const EmailCodePage = ({ view }: { view: HostedView }) => <SignInCodePage view={view} medium="email" />;
export const SmsCodePage = ({ view }: { view: HostedView }) => <SignInCodePage view={view} medium="text message" />;

export function AddPasskeyPage({ view }: { view: HostedView }) {
  return (
    <Shell view={view} title="Sign in faster next time" subtitle="Add a passkey and sign in with your fingerprint, face or screen lock instead of your password.">
      <ul className="mb-6 space-y-2 text-sm text-muted">
        <li className="flex gap-2"><span aria-hidden="true" className="text-ok">✓</span> Nothing to remember or type</li>
        <li className="flex gap-2"><span aria-hidden="true" className="text-ok">✓</span> Cannot be phished: it only works on this site</li>
        <li className="flex gap-2"><span aria-hidden="true" className="text-ok">✓</span> Counts as two-step verification on its own</li>
      </ul>
      <AddPasskey csrf={view.csrf} optionsUrl={view.signInChoices.registrationOptionsUrl} action={view.action} />
      <form method="post" action={view.action} className="mt-3">
        <input type="hidden" name="csrf" value={view.csrf} />
        <SubmitButton name="intent" value="skip" variant="secondary">Not now</SubmitButton>
      </form>
    </Shell>
  );
}
