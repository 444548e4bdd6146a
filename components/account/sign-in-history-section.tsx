import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { Badge, When } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** The latest sign-ins and failed attempts, from the audit log. */
export async function SignInHistorySection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.history");
  return (
    <Section id="history" title={t("title")} description={t("description")} view={view}>
      {view.signIns.length ? (
        <ol className="divide-y divide-line rounded-[calc(var(--gh-radius)-4px)] border border-line">
          {view.signIns.map((event) => (
            <li key={event.id} className="flex flex-col gap-1.5 p-3.5 text-sm sm:flex-row sm:items-center sm:justify-between sm:gap-4">
              <span className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
                {event.ok ? <Badge tone="ok">{event.outcome}</Badge> : <Badge tone="warn">{event.outcome}</Badge>}
                <span className="min-w-0 text-ink">
                  {event.device}
                  <span className="text-muted">
                    {event.ip ? ` · ${event.ip}` : ""}
                    {event.app ? ` · ${event.app}` : ""}
                  </span>
                </span>
              </span>
              <span className="shrink-0 text-xs text-muted">
                <When iso={event.at} />
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-muted">{t("none")}</p>
      )}
    </Section>
  );
}
