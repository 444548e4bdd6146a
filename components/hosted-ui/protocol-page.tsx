// The frame of the pages oidc-provider renders itself (protocol errors, the sign-out step, "signed
// out"): the hosted Shell's look without Next.js, rendered to static HTML by
// lib/hosted-ui/protocol-pages.ts from the same branded parts as the Shell (brand-frame.tsx). No
// Tailwind here (the page is served outside Next.js): the small stylesheet below draws the Shell's
// look, and the pool's branding (CSS variables, its scoped custom CSS) comes after it.
import type { ReactNode } from "react";
import type { HostedBranding } from "../../lib/branding/render.ts";
import { directionOf, type Locale } from "../../lib/i18n/locales.ts";
import { BrandFooterFrame, BrandMark } from "./brand-frame.tsx";

const STYLE = `
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;background:var(--gh-bg);color:var(--gh-text);font-family:var(--gh-font);padding:40px 16px}
main{width:100%;max-width:420px;background:var(--gh-surface);border-radius:var(--gh-radius);box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06);padding:32px}
h1{font-size:1.5rem;font-weight:600;letter-spacing:-.01em;margin:0 0 8px}p{color:var(--gh-muted);line-height:1.5;margin:0 0 16px;font-size:.875rem}
.gh-brand{display:flex;align-items:center;gap:12px;margin-bottom:24px}
.gh-mark{display:flex;align-items:center;justify-content:center;width:40px;height:40px;border-radius:calc(var(--gh-radius) - 2px);background:var(--gh-primary);color:var(--gh-primary-text);font-weight:600;font-size:1.125rem}
.gh-name{font-weight:600;color:var(--gh-text)}.gh-logo{height:40px;max-width:220px;object-fit:contain;object-position:left}[dir=rtl] .gh-logo{object-position:right}
button{width:100%;border:0;border-radius:calc(var(--gh-radius) - 4px);background:var(--gh-primary);color:var(--gh-primary-text);font:600 .95rem var(--gh-font);padding:10px 16px;cursor:pointer}
button:hover{background:var(--gh-primary-hover)}button:focus-visible{outline:3px solid var(--gh-primary);outline-offset:2px}
code{font-size:.8rem;color:var(--gh-error);word-break:break-word}@media (max-width:639px){main{padding:24px}}
.gh-footer{margin-top:24px;max-width:420px;text-align:center;font-size:.75rem;color:var(--gh-muted)}.gh-footer p{font-size:.75rem;margin:0 0 8px}
.gh-footer ul{list-style:none;display:flex;flex-wrap:wrap;justify-content:center;gap:4px 16px;margin:0 0 8px;padding:0}.gh-footer a{color:inherit;text-underline-offset:4px}`;

/** The words of the frame, in the page's language (messages/{locale}/protocol.json). */
export type ProtocolPageWords = { legal: string; securedBy: string };

/** A whole document (`<html>` down); prefix `<!doctype html>` when serving it. */
export function ProtocolPage({ title, locale, poolName, branding, words, children }: {
  title: string; locale: Locale; poolName: string; branding: HostedBranding; words: ProtocolPageWords; children: ReactNode;
}) {
  return (
    <html lang={locale} dir={directionOf(locale)}>
      {/* eslint-disable-next-line @next/next/no-head-element -- a static page served outside Next.js (see above): no next/head there */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{title}</title>
        {branding.faviconUrl ? <link rel="icon" href={branding.faviconUrl} /> : null}
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
        {/* The pool's (and client's) branding: CSS variables, then its sanitised, scoped custom CSS. */}
        <style dangerouslySetInnerHTML={{ __html: branding.css }} />
      </head>
      <body className="gh-hosted" data-theme={branding.theme}>
        <main>
          <div className="gh-brand">
            <BrandMark branding={branding} name={poolName} look={{ logo: "gh-logo", mark: "gh-mark", name: "gh-name" }} />
          </div>
          {children}
        </main>
        <BrandFooterFrame branding={branding} legal={words.legal} className="gh-footer">
          {words.securedBy}
        </BrandFooterFrame>
      </body>
    </html>
  );
}

type PageFrame = Omit<Parameters<typeof ProtocolPage>[0], "title" | "children">;

/** A protocol error: what went wrong in words, and the code (with the provider's description) for the application's owner. */
export function ProtocolErrorPage({ frame, title, explanation, advice, detail }: { frame: PageFrame; title: string; explanation: string; advice: string; detail: string }) {
  return (
    <ProtocolPage {...frame} title={title}>
      <h1>{title}</h1>
      <p>{explanation}</p>
      <p>{advice}</p>
      <p><code>{detail}</code></p>
    </ProtocolPage>
  );
}

/**
 * The sign-out step: the provider's own form (HTML, with its anti-CSRF token), submitted at once by
 * a script that carries the response's CSP nonce; its button is there for a browser without script.
 */
export function LogoutPage({ frame, title, heading, body, formHtml, nonce }: { frame: PageFrame; title: string; heading: string; body: string; formHtml: string; nonce: string }) {
  return (
    <ProtocolPage {...frame} title={title}>
      <h1>{heading}</h1>
      <p>{body}</p>
      <div dangerouslySetInnerHTML={{ __html: formHtml }} />
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "document.forms[0].submit()" }} />
    </ProtocolPage>
  );
}

/** A page that only says something: "You have signed out". */
export function MessagePage({ frame, title, heading, body }: { frame: PageFrame; title: string; heading: string; body: string }) {
  return (
    <ProtocolPage {...frame} title={title}>
      <h1>{heading}</h1>
      <p>{body}</p>
    </ProtocolPage>
  );
}
