import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { HostedBranding } from "@/lib/branding/render.ts";
import { BrandFooter } from "@/components/hosted-ui/shell.tsx";

/**
 * The account page's frame, in the hosted pages' dress (components/hosted-ui/shell.tsx): the same
 * branding variables and custom CSS (scoped to .gh-hosted), mark, colours and footer, laid out
 * wider, as a page of sections rather than one card.
 */
export async function AccountShell({ poolName, branding, actions, children }: { poolName: string; branding: HostedBranding; actions?: ReactNode; children: ReactNode }) {
  const t = await getTranslations("account");
  return (
    <div className="gh-hosted flex min-h-screen flex-col bg-canvas font-brand text-ink" data-theme={branding.theme}>
      <style dangerouslySetInnerHTML={{ __html: branding.css }} />
      {branding.faviconUrl ? <link rel="icon" href={branding.faviconUrl} /> : null}
      <header className="border-b border-line bg-surface">
        <div className="gh-brand mx-auto flex w-full max-w-3xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <div className="flex min-w-0 items-center gap-3">
            {branding.logoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- an uploaded asset of any size; next/image would need a loader
              <img src={branding.logoUrl} alt={poolName} className="gh-logo h-9 max-w-[180px] object-contain object-start" />
            ) : (
              <>
                <span aria-hidden="true" className="flex h-9 w-9 shrink-0 items-center justify-center rounded-[calc(var(--gh-radius)-2px)] bg-primary text-base font-semibold text-on-primary">
                  {poolName.slice(0, 1).toUpperCase()}
                </span>
                <span className="truncate text-base font-semibold text-ink">{poolName}</span>
              </>
            )}
          </div>
          {actions}
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6 sm:py-10">{children}</main>
      <BrandFooter branding={branding} className="mx-auto mb-8 max-w-3xl px-4">{t("footer", { poolName })}</BrandFooter>
    </div>
  );
}
