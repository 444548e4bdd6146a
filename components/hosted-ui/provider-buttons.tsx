// The sign-in page's identity-provider buttons: one form post per provider (with the page's CSRF
// token), so the server sends the browser on to the provider; never a link an attacker could
// plant. Each brand's mark (provider-logos.tsx) is shown beside its name.
import { useTranslations } from "next-intl";
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { ProviderLogo } from "./provider-logos.tsx";

export function ProviderButtons({ view }: { view: HostedView }) {
  const t = useTranslations("hosted.common");
  if (view.providers.length === 0) return null;
  return (
    <form method="post" action={view.action} className="space-y-3" noValidate>
      <input type="hidden" name="csrf" value={view.csrf} />
      {view.providers.map((p) => (
        <button
          key={p.name}
          type="submit"
          name="provider"
          value={p.name}
          className="flex w-full items-center justify-center gap-3 rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-4 py-2.5 text-[0.95rem] font-semibold text-ink transition hover:bg-canvas focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary"
        >
          <ProviderLogo type={p.type} />
          <span>{t("continueWith", { provider: p.label })}</span>
        </button>
      ))}
    </form>
  );
}

/** "or" between the provider buttons and the pool's own sign-in form. */
export function Divider() {
  const t = useTranslations("hosted.common");
  return (
    <div className="my-6 flex items-center gap-3 text-sm text-muted" role="separator">
      <span className="h-px flex-1 bg-line" />
      <span>{t("or")}</span>
      <span className="h-px flex-1 bg-line" />
    </div>
  );
}
