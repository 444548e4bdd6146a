import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountForm, Badge, Button, ConfirmIdentity, Input } from "./form-parts.tsx";
import { Section } from "./section.tsx";

type Kind = "email" | "phone";

const WORDS = {
  email: { label: "Email", noun: "email address", attribute: "email", code: "email_code", type: "email", inputMode: "email", autoComplete: "email" },
  phone: { label: "Phone number", noun: "phone number", attribute: "phone_number", code: "phone_number_code", type: "tel", inputMode: "tel", autoComplete: "tel" },
} as const;

function Address({ view, kind }: { view: AccountView; kind: Kind }) {
  const words = WORDS[kind];
  const value = kind === "email" ? view.user.email : view.user.phone;
  const verified = kind === "email" ? view.user.emailVerified : view.user.phoneVerified;
  const verifies = kind === "email" ? view.contact.verifiesEmail : view.contact.verifiesPhone;
  const changing = view.flash?.action === `change-${kind}` && view.flash.kind === "error";
  return (
    <div className="py-5 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm font-medium text-ink">{words.label}</p>
          <p className="mt-0.5 break-all text-sm text-muted" data-address={kind}>{value ?? `No ${words.noun}`}</p>
        </div>
        {value ? verified ? <Badge tone="ok">Verified</Badge> : <Badge tone="warn">Not verified</Badge> : null}
      </div>
      {value && !verified && verifies ? (
        <div className="mt-4 rounded-[calc(var(--gh-radius)-4px)] bg-canvas p-4">
          <AccountForm view={view} action={`verify-${kind}`} className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="flex-1">
              <Input view={view} action={`verify-${kind}`} name={words.code} label={`Code we sent to your ${words.noun}`} inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
            </div>
            <Button>Verify</Button>
          </AccountForm>
          <AccountForm view={view} action={`send-${kind}-code`} className="mt-2">
            <Button variant="link">Send a new code</Button>
          </AccountForm>
        </div>
      ) : null}
      <details className="group mt-3" open={changing}>
        <summary className="inline-flex cursor-pointer list-none items-center text-sm font-medium text-primary underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
          {value ? `Change ${words.noun}` : `Add a ${words.noun}`}
        </summary>
        <AccountForm view={view} action={`change-${kind}`} className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
          <Input
            view={view} action={`change-${kind}`} name={words.attribute} label={`New ${words.noun}`} type={words.type} inputMode={words.inputMode} autoComplete={words.autoComplete}
            hint={verifies ? `We will send a code to the new ${words.noun} to verify it.` : kind === "phone" ? "With the country code, for example +14155550123." : undefined}
          />
          <ConfirmIdentity view={view} action={`change-${kind}`} />
          <Button>{value ? `Change ${words.noun}` : `Add ${words.noun}`}</Button>
        </AccountForm>
      </details>
    </div>
  );
}

/** Email and phone number, each changed with the password again and verified with a code where the pool verifies it. */
export function ContactSection({ view }: { view: AccountView }) {
  return (
    <Section id="contact" title="Email and phone" description="Where we send codes and messages about your account." view={view}>
      <div className="divide-y divide-line">
        <Address view={view} kind="email" />
        <Address view={view} kind="phone" />
      </div>
    </Section>
  );
}
