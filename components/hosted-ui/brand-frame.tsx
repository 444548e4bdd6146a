// The branded parts every hosted page shares (the pool's mark, the footer's text and links),
// presentational only: no next-intl, no Next.js, no hooks. The Next.js pages (shell.tsx) and the
// pages oidc-provider renders itself (protocol-page.tsx, rendered to HTML outside Next.js) both
// draw them, each with its own classes (Tailwind there, a small stylesheet here).
import type { ReactNode } from "react";
import type { HostedBranding } from "../../lib/branding/render.ts";

/** The class of each part of the pool's mark. */
export type BrandMarkLook = { logo: string; mark: string; name: string };

/** The pool's logo, or its initial in the primary colour and its name. */
export function BrandMark({ branding, name, look }: { branding: HostedBranding; name: string; look: BrandMarkLook }) {
  return branding.logoUrl ? (
    // eslint-disable-next-line @next/next/no-img-element -- an uploaded asset of any size; next/image would need a loader
    <img src={branding.logoUrl} alt={name} className={look.logo} />
  ) : (
    <>
      <span aria-hidden="true" className={look.mark}>{name.slice(0, 1).toUpperCase()}</span>
      <span className={look.name}>{name}</span>
    </>
  );
}

/** The footer of every branded page: the pool's text and links, then `children`, then `after`. */
export function BrandFooterFrame({ branding, legal, className, listClassName, linkClassName, children, after }: {
  branding: HostedBranding; legal: string; className: string; listClassName?: string; linkClassName?: string; children: ReactNode; after?: ReactNode;
}) {
  return (
    <footer className={className}>
      {branding.texts.footer ? <p>{branding.texts.footer}</p> : null}
      {branding.links.length ? (
        <nav aria-label={legal}>
          <ul className={listClassName}>
            {branding.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} className={linkClassName} target="_blank" rel="noopener noreferrer">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>{children}</p>
      {after}
    </footer>
  );
}
