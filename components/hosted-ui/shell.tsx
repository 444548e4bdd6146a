// The frame of every hosted page, in the request's language (messages/{locale}/hosted.json), with a
// language picker in the footer. Logical CSS only (start/end, ps/pe): <html dir> turns it for RTL.
import type { ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { LANGUAGE_NAMES, LOCALES } from "@/lib/i18n/locales.ts";
import { BrandFooterFrame, BrandMark, type BrandMarkLook } from "./brand-frame.tsx";

const markLook: BrandMarkLook = {
  logo: "gh-logo h-10 max-w-[220px] object-contain object-left rtl:object-right",
  mark: "flex h-10 w-10 items-center justify-center rounded-[calc(var(--gh-radius)-2px)] bg-primary text-lg font-semibold text-on-primary",
  name: "text-base font-semibold text-ink",
};

/** The card every hosted page sits in: pool mark and name, title, message, content, footer. */
export function Shell({ view, title, subtitle, children }: { view: HostedView; title: string; subtitle?: ReactNode; children: ReactNode }) {
  const { branding } = view;
  const t = useTranslations("hosted.shell");
  return (
    <div className="gh-hosted flex min-h-screen flex-col items-center justify-center bg-canvas px-4 py-10 font-brand text-ink" data-theme={branding.theme}>
      {/* The pool's (and client's) branding: CSS variables, then its sanitised, scoped custom CSS. */}
      <style dangerouslySetInnerHTML={{ __html: branding.css }} />
      {branding.faviconUrl ? <link rel="icon" href={branding.faviconUrl} /> : null}
      <main className="w-full max-w-[420px] rounded-brand bg-surface p-6 shadow-[0_1px_3px_rgba(0,0,0,.08),0_8px_24px_rgba(0,0,0,.06)] sm:p-8">
        <div className="gh-brand mb-6 flex items-center gap-3">
          <BrandMark branding={branding} name={view.poolName} look={markLook} />
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-ink">{title}</h1>
        {subtitle ? <p className="mt-1.5 text-sm leading-6 text-pretty text-muted">{subtitle}</p> : null}
        <Flash view={view} />
        <div className="mt-6">{children}</div>
      </main>
      {/* A landmark, so nothing on the page sits outside one. */}
      <BrandFooter branding={branding} className="mt-6 max-w-[420px]"
        // Not in the branding editor's preview: it goes nowhere there.
        after={view.preview ? null : <LanguagePicker action={view.action} />}>
        {t.rich("footer", { client: view.clientName, b: (chunks) => <span className="font-medium">{chunks}</span> })}
      </BrandFooter>
    </div>
  );
}

/** The footer of every branded page (hosted pages, the account page): the pool's text and links, then who is signing in to what. */
export function BrandFooter({ branding, className, children, after }: { branding: HostedView["branding"]; className: string; children: ReactNode; after?: ReactNode }) {
  const t = useTranslations("hosted.shell");
  return (
    <BrandFooterFrame branding={branding} legal={t("legal")} className={`gh-footer flex flex-col items-center gap-2 text-center text-xs text-muted ${className}`}
      listClassName="flex flex-wrap justify-center gap-x-4 gap-y-1"
      linkClassName="underline-offset-4 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary" after={after}>
      {children}
    </BrandFooterFrame>
  );
}

/**
 * The language of the pages: a GET form (no script needed) that reloads the page with `?lang=`,
 * which server.ts remembers in a cookie for the pool (lib/i18n/request-locale.ts). An explicit
 * button rather than a change on select: choosing an option must not move the user (WCAG 3.2.2).
 */
export function LanguagePicker({ action }: { action: string }) {
  const t = useTranslations("hosted.shell");
  const locale = useLocale();
  return (
    <form method="get" action={action} className="flex items-center justify-center gap-2">
      <label htmlFor="gh-lang">{t("language")}</label>
      <select id="gh-lang" name="lang" defaultValue={locale}
        className="rounded-[calc(var(--gh-radius)-6px)] border border-line bg-surface py-1 ps-2 pe-7 text-xs text-ink focus-visible:outline-2 focus-visible:outline-primary">
        {LOCALES.map((l) => (
          // Each language in its own name and tagged with it, so a screen reader pronounces it right.
          <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>
        ))}
      </select>
      <button type="submit" className="rounded-[calc(var(--gh-radius)-6px)] border border-line bg-surface px-2 py-1 text-xs font-medium text-ink hover:bg-canvas focus-visible:outline-2 focus-visible:outline-primary">
        {t("changeLanguage")}
      </button>
    </form>
  );
}

function Flash({ view }: { view: HostedView }) {
  const flash = view.flash;
  if (!flash) return null;
  // Errors interrupt (role=alert); notices are announced politely (role=status).
  return flash.kind === "error" ? (
    <div role="alert" id="form-error" className="mt-5 rounded-[calc(var(--gh-radius)-4px)] border border-danger/30 bg-danger-bg px-3.5 py-3 text-sm text-danger">
      {flash.message}
    </div>
  ) : (
    <div role="status" className="mt-5 rounded-[calc(var(--gh-radius)-4px)] border border-ok/30 bg-ok-bg px-3.5 py-3 text-sm text-ok">
      {flash.message}
    </div>
  );
}

export function Form({ view, children }: { view: HostedView; children: ReactNode }) {
  return (
    <form method="post" action={view.action} className="space-y-4" noValidate>
      <input type="hidden" name="csrf" value={view.csrf} />
      {children}
    </form>
  );
}

export function SubmitButton({ children, name, value, variant = "primary" }: { children: ReactNode; name?: string; value?: string; variant?: "primary" | "secondary" }) {
  const base = "w-full rounded-[calc(var(--gh-radius)-4px)] px-4 py-2.5 text-[0.95rem] font-semibold transition focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary";
  const look = variant === "primary" ? "bg-primary text-on-primary hover:bg-primary-hover" : "border border-line bg-surface text-ink hover:bg-canvas";
  return (
    <button type="submit" name={name} value={value} className={`${base} ${look}`}>
      {children}
    </button>
  );
}

export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
      {children}
    </a>
  );
}
