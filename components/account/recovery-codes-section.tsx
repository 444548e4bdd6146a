import type { AccountView } from "@/lib/account/account-view.ts";
import { CopyCodesButton } from "@/components/hosted-ui/copy-codes-button.tsx";
import { AccountForm, Badge, Button, ConfirmIdentity } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** Recovery codes: how many are left, and a new set (with the password again) shown once, to copy or download. */
export function RecoveryCodesSection({ view }: { view: AccountView }) {
  const { recovery } = view;
  if (!recovery.offered) return null;
  const codes = recovery.codes;
  const text = codes ? `${view.poolName} recovery codes\n\nEach code signs you in once if you cannot use your second factor.\n\n${codes.join("\n")}\n` : "";
  return (
    <Section id="recovery" title="Recovery codes" description="Single-use codes for the day you cannot use your phone or authenticator app. Keep them somewhere safe." view={view}>
      {codes ? (
        <div className="max-w-md">
          <p className="text-sm font-medium text-ink">Save these codes now: this is the only time they are shown.</p>
          <ul aria-label="Recovery codes" data-testid="recovery-codes" className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-[calc(var(--gh-radius)-4px)] border border-line bg-canvas px-4 py-3 font-mono text-[0.95rem] tracking-wide text-ink">
            {codes.map((code) => <li key={code} className="text-center">{code}</li>)}
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
