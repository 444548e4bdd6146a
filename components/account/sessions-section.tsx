import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountForm, Badge, Button, ConfirmIdentity, When } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** Where the user is signed in now, each session with its own "Sign out", and "Sign out everywhere". */
export async function SessionsSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account");
  return (
    <Section id="sessions" title={t("sessions.title")} description={t("sessions.description")} view={view}>
      {view.sessions.length ? (
        <ul className="divide-y divide-line rounded-[calc(var(--gh-radius)-4px)] border border-line">
          {view.sessions.map((session) => (
            <li key={session.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-ink">
                  {session.device}
                  {session.current ? <Badge tone="ok">{t("common.thisBrowser")}</Badge> : null}
                </p>
                <p className="mt-1 text-xs leading-5 text-muted">
                  {t.rich("sessions.signedIn", { when: () => <When iso={session.signedInAt} /> })}
                  {session.ip ? <> · {session.ip}</> : null}
                  {session.mfa ? <> · {t("sessions.withMfa")}</> : null}
                </p>
                {session.apps.length ? <p className="mt-0.5 text-xs leading-5 text-muted">{t("sessions.apps", { apps: session.apps.join(", ") })}</p> : null}
              </div>
              <AccountForm view={view} action="sign-out-session" className="shrink-0">
                <input type="hidden" name="session_id" value={session.id} />
                <Button variant="secondary" label={t("sessions.signOutLabel", { device: session.device, current: session.current ? "yes" : "no" })}>
                  {t("signOut")}
                </Button>
              </AccountForm>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">{t("sessions.none")}</p>
      )}
      <details className="group mt-5" open={view.flash?.action === "sign-out-everywhere" && view.flash.kind === "error"}>
        <summary className="inline-flex cursor-pointer list-none text-sm font-medium text-danger underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
          {t("sessions.everywhere")}
        </summary>
        <AccountForm view={view} action="sign-out-everywhere" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
          <p className="text-sm text-muted">{t("sessions.everywhereNote")}</p>
          <ConfirmIdentity view={view} action="sign-out-everywhere" />
          <Button variant="danger">{t("sessions.everywhere")}</Button>
        </AccountForm>
      </details>
    </Section>
  );
}
