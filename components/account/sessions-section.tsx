import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountForm, Badge, Button, ConfirmIdentity, When } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** Where the user is signed in now, each session with its own "Sign out", and "Sign out everywhere". */
export function SessionsSection({ view }: { view: AccountView }) {
  return (
    <Section id="sessions" title="Where you are signed in" description="Sign out of any session you do not recognise, then change your password." view={view}>
      {view.sessions.length ? (
        <ul className="divide-y divide-line rounded-[calc(var(--gh-radius)-4px)] border border-line">
          {view.sessions.map((session) => (
            <li key={session.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-ink">
                  {session.device}
                  {session.current ? <Badge tone="ok">This browser</Badge> : null}
                </p>
                <p className="mt-1 text-xs leading-5 text-muted">
                  Signed in <When iso={session.signedInAt} />
                  {session.ip ? <> · {session.ip}</> : null}
                  {session.mfa ? <> · with two-factor</> : null}
                </p>
                {session.apps.length ? <p className="mt-0.5 text-xs leading-5 text-muted">Apps: {session.apps.join(", ")}</p> : null}
              </div>
              <AccountForm view={view} action="sign-out-session" className="shrink-0">
                <input type="hidden" name="session_id" value={session.id} />
                <Button variant="secondary" label={`Sign out of ${session.device}${session.current ? " (this browser)" : ""}`}>
                  Sign out
                </Button>
              </AccountForm>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No other sessions.</p>
      )}
      <details className="group mt-5" open={view.flash?.action === "sign-out-everywhere" && view.flash.kind === "error"}>
        <summary className="inline-flex cursor-pointer list-none text-sm font-medium text-danger underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
          Sign out everywhere
        </summary>
        <AccountForm view={view} action="sign-out-everywhere" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
          <p className="text-sm text-muted">Ends every session and app sign-in of this account, this one included.</p>
          <ConfirmIdentity view={view} action="sign-out-everywhere" />
          <Button variant="danger">Sign out everywhere</Button>
        </AccountForm>
      </details>
    </Section>
  );
}
