// Pages oidc-provider renders itself (protocol errors, the sign-out step, "signed out"), in the
// hosted UI's look, in the request's language (messages/{locale}/protocol.json). Plain HTML: they are
// served from the protocol layer, outside Next.js.
import { hostedBranding } from "../branding/render.ts";
import { translatorFor } from "../i18n/catalogue.ts";
import { DEFAULT_LOCALE, directionOf, type Locale } from "../i18n/locales.ts";
import { brandingInLanguage, resolveBranding } from "../branding/schema.ts";
import type { Pool } from "../pools/pool.ts";

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

// The look of the Next.js hosted pages, by hand; the colours, radius and font come from the
// pool's branding as CSS variables (lib/branding/render.ts), as on every other hosted page.
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

/** `locale`: the request's (lib/i18n/request-locale.ts requestLocale); English when not given. */
type PageOptions = { pool: Pool | null; clientBranding?: unknown; head?: string; locale?: Locale };

const words = (options: PageOptions) => translatorFor(options.locale ?? DEFAULT_LOCALE, "protocol");

function page(title: string, options: PageOptions, body: string): string {
  const { pool } = options;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = words(options);
  const name = pool?.name ?? "Gatehouse";
  const branding = hostedBranding(pool?.id ?? "", brandingInLanguage(resolveBranding(pool?.branding, options.clientBranding), locale));
  const mark = branding.logoUrl
    ? `<img class="gh-logo" src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(name)}">`
    : `<span class="gh-mark" aria-hidden="true">${escapeHtml(name.slice(0, 1).toUpperCase())}</span><span class="gh-name">${escapeHtml(name)}</span>`;
  const links = branding.links.length
    ? `<nav aria-label="${escapeHtml(t("legal"))}"><ul>${branding.links.map((l) => `<li><a href="${escapeHtml(l.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(l.label)}</a></li>`).join("")}</ul></nav>`
    : "";
  return `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>${branding.faviconUrl ? `<link rel="icon" href="${escapeHtml(branding.faviconUrl)}">` : ""}<style>${STYLE}</style><style>${branding.css}</style>${options.head ?? ""}</head>
<body class="gh-hosted" data-theme="${branding.theme}"><main><div class="gh-brand">${mark}</div>${body}</main>
<footer class="gh-footer">${branding.texts.footer ? `<p>${escapeHtml(branding.texts.footer)}</p>` : ""}${links}<p>${escapeHtml(t("securedBy"))}</p></footer></body></html>`;
}

export function renderProviderError(options: { pool: Pool | null; clientBranding?: unknown; out: Record<string, string>; error?: unknown; locale?: Locale }): string {
  const t = words(options);
  const code = options.out.error ?? "server_error";
  const friendly = t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errorFallback");
  return page(
    t("errorTitle"),
    options,
    `<h1>${escapeHtml(t("errorTitle"))}</h1><p>${escapeHtml(friendly)}</p><p>${escapeHtml(t("errorAdvice"))}</p>
<p><code>${escapeHtml(code)}${options.out.error_description ? `: ${escapeHtml(options.out.error_description)}` : ""}</code></p>`,
  );
}

export function renderLogoutPage(options: { pool: Pool; clientBranding?: unknown; form: string; nonce: string; locale?: Locale }): string {
  const t = words(options);
  // The provider's form carries its anti-CSRF token; we confirm it at once, as Cognito's /logout does.
  const form = options.form.replace("</form>", `<input type="hidden" name="logout" value="yes"/><button type="submit" autofocus>${escapeHtml(t("signOut"))}</button></form>`);
  return page(
    t("signingOutTitle"),
    options,
    `<h1>${escapeHtml(t("signingOutHeading"))}</h1><p>${escapeHtml(t("signingOutBody"))}</p>${form}
<script nonce="${escapeHtml(options.nonce)}">document.forms[0].submit()</script>`,
  );
}

export function renderSignedOutPage(options: { pool: Pool; clientBranding?: unknown; locale?: Locale }): string {
  const t = words(options);
  return page(t("signedOutTitle"), options, `<h1>${escapeHtml(t("signedOutHeading"))}</h1><p>${escapeHtml(t("signedOutBody"))}</p>`);
}
