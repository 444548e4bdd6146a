import type { AccountView } from "@/lib/account/account-view.ts";
import { RecoveryCodesList } from "@/components/hosted-ui/recovery-codes-list.tsx";
import { AccountForm, Badge, Button, ConfirmIdentity } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** Recovery codes: how many are left, and a new set (with the password again) shown once, to copy or download. */
export function RecoveryCodesSection({ view }: { view: AccountView }) {
  const { recovery } = view;
  if (!recovery.offered) return null;
  const codes = recovery.codes;
  return (
    <Section id="recovery" title="Recovery codes" description="Single-use codes for the day you cannot use your phone or authenticator app. Keep them somewhere safe." view={view}>
      {codes ? (
        <div className="max-w-md">
          <p className="text-sm font-medium text-ink">Save these codes now: this is the only time they are shown.</p>
          <RecoveryCodesList poolName={view.poolName} codes={codes} factor="second factor" className="mt-3" />
        </div>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-ink" data-testid="recovery-remaining">
            {recovery.remaining === 0 ? "You have no recovery codes left." : recovery.remaining === 1 ? "You have 1 unused recovery code." : `You have ${recovery.remaining} unused recovery codes.`}
          </p>
          {recovery.remaining <= 2 ? <Badge tone="warn">{recovery.remaining === 0 ? "None left" : "Running low"}</Badge> : null}
        </div>
      )}
      <details className="group mt-4" open={view.flash?.action === "recovery-generate" && view.flash.kind === "error"}>
        <summary className="inline-flex cursor-pointer list-none text-sm font-medium text-primary underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
          {recovery.remaining || codes ? "Get new recovery codes" : "Get recovery codes"}
        </summary>
        <AccountForm view={view} action="recovery-generate" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
          <p className="text-sm text-muted">{recovery.remaining || codes ? "Ten new codes replace your current ones, which stop working." : "Ten codes, each good for one sign-in."}</p>
          <ConfirmIdentity view={view} action="recovery-generate" />
          <Button>{recovery.remaining || codes ? "Replace my recovery codes" : "Create recovery codes"}</Button>
        </AccountForm>
      </details>
    </Section>
  );
}
