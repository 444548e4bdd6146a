import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountForm, Badge, Button, ConfirmIdentity, Input } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** The authenticator app (TOTP): add it with a QR code and a first code, or remove it where the pool allows. */
export function AuthenticatorSection({ view }: { view: AccountView }) {
  const { authenticator } = view;
  if (!authenticator.offered) return null;
  const pending = authenticator.pending;
  return (
    <Section id="authenticator" title="Authenticator app" description="A code from an app such as Google Authenticator, 1Password or Authy when you sign in." view={view}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-ink">{authenticator.enabled ? "Your authenticator app is set up." : "No authenticator app yet."}</p>
        {authenticator.enabled ? <Badge tone="ok">On</Badge> : <Badge tone="muted">Off</Badge>}
      </div>
      {pending ? (
        <div className="mt-5 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4 sm:p-5">
          <ol className="space-y-4 text-sm text-ink">
            <li className="sm:flex sm:gap-5">
              {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, nothing for next/image to optimise */}
              <img src={pending.qrDataUrl} width={160} height={160} alt={`QR code to add ${pending.account} to an authenticator app`} className="mx-auto rounded-md border border-line bg-white p-1 sm:mx-0" />
              <div className="mt-4 min-w-0 sm:mt-0">
                <p className="font-medium">1. Scan this QR code with your authenticator app.</p>
                <p className="mt-3 font-medium">Or enter this key by hand:</p>
                <p className="mt-1.5 rounded-md bg-canvas px-3 py-2 font-mono text-sm tracking-wider text-balance break-all" data-testid="totp-secret">
                  {pending.secret.match(/.{1,4}/g)?.join(" ")}
                </p>
              </div>
            </li>
            <li>
              <p className="font-medium">2. Enter the 6-digit code the app shows.</p>
            </li>
          </ol>
          <AccountForm view={view} action="authenticator-verify" className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="flex-1">
              <Input view={view} action="authenticator-verify" name="totp_code" label="Code from your app" inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
            </div>
            <Button>Add authenticator app</Button>
          </AccountForm>
          <AccountForm view={view} action="authenticator-cancel" className="mt-3">
            <Button variant="link">Cancel</Button>
          </AccountForm>
        </div>
      ) : authenticator.enabled ? (
        authenticator.removable ? (
          <details className="group mt-4" open={view.flash?.action === "authenticator-remove" && view.flash.kind === "error"}>
            <summary className="inline-flex cursor-pointer list-none text-sm font-medium text-danger underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
              Remove authenticator app
            </summary>
            <AccountForm view={view} action="authenticator-remove" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
              <p className="text-sm text-muted">Signing in will no longer ask for a code from the app.</p>
              <ConfirmIdentity view={view} action="authenticator-remove" />
              <Button variant="danger">Remove authenticator app</Button>
            </AccountForm>
          </details>
        ) : (
          <p className="mt-3 text-sm text-muted">
            {view.mfa.offered
              ? "This account must use two-factor authentication: turn on text message or email codes before removing the app."
              : "This account must use two-factor authentication, so the app cannot be removed."}
          </p>
        )
      ) : (
        <AccountForm view={view} action="authenticator-start" className="mt-4">
          <Button variant="secondary">Add authenticator app</Button>
        </AccountForm>
      )}
    </Section>
  );
}
