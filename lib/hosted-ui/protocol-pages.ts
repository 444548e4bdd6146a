// Pages oidc-provider renders itself (protocol errors, the sign-out step, "signed out"), in the
// hosted UI's look, in the request's language (messages/{locale}/protocol.json). They are served
// from the protocol layer, outside Next.js: React renders them to static HTML from the hosted UI's
// own parts (components/hosted-ui/protocol-page.tsx), so they cannot drift from its look.
import { createElement, type ReactElement } from "react";
import { LogoutPage, MessagePage, ProtocolErrorPage } from "../../components/hosted-ui/protocol-page.tsx";
import { hostedBranding } from "../branding/render.ts";
import { brandingInLanguage, resolveBranding } from "../branding/schema.ts";
import { translatorFor } from "../i18n/catalogue.ts";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales.ts";
import type { Pool } from "../pools/pool.ts";

/** `locale`: the request's (lib/i18n/request-locale.ts requestLocale); English when not given. */
type PageOptions = { pool: Pool | null; clientBranding?: unknown; locale?: Locale };

const words = (options: PageOptions) => translatorFor(options.locale ?? DEFAULT_LOCALE, "protocol");

/** What every page's frame needs: its language, and the pool's (and client's) branding in that language. */
function frameOf(options: PageOptions) {
  const { pool } = options;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = words(options);
  const branding = hostedBranding(pool?.id ?? "", brandingInLanguage(resolveBranding(pool?.branding, options.clientBranding), locale));
  return { locale, poolName: pool?.name ?? "Gatehouse", branding, words: { legal: t("legal"), securedBy: t("securedBy") } };
}

// These pages are rendered only by the Node layer (server.ts, oidc-provider's hooks), but this module
// also sits in the Next.js server bundle (through lib/oidc/provider.ts and lib/http/unavailable.ts),
// whose server-component layer refuses react-dom/server at build time and stubs it with a module that
// throws on import. So react-dom/server is loaded at first use, by Node itself, out of the bundler's sight.
let renderer: typeof import("react-dom/server") | undefined;

function renderToStaticMarkup(element: ReactElement): string {
  renderer ??= process.getBuiltinModule("node:module").createRequire(import.meta.url)("react-dom/server") as typeof import("react-dom/server");
  return renderer.renderToStaticMarkup(element);
}

const html = (page: ReactElement) => `<!doctype html>${renderToStaticMarkup(page)}`;

export function renderProviderError(options: { pool: Pool | null; clientBranding?: unknown; out: Record<string, string>; error?: unknown; locale?: Locale }): string {
  const t = words(options);
  const code = options.out.error ?? "server_error";
  return html(createElement(ProtocolErrorPage, {
    frame: frameOf(options),
    title: t("errorTitle"),
    explanation: t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errorFallback"),
    advice: t("errorAdvice"),
    detail: options.out.error_description ? `${code}: ${options.out.error_description}` : code,
  }));
}

export function renderLogoutPage(options: { pool: Pool; clientBranding?: unknown; form: string; nonce: string; locale?: Locale }): string {
  const t = words(options);
  // The provider's form carries its anti-CSRF token; we confirm it at once, as Cognito's /logout does.
  const button = renderToStaticMarkup(createElement("button", { type: "submit", autoFocus: true }, t("signOut")));
  return html(createElement(LogoutPage, {
    frame: frameOf(options),
    title: t("signingOutTitle"),
    heading: t("signingOutHeading"),
    body: t("signingOutBody"),
    formHtml: options.form.replace("</form>", `<input type="hidden" name="logout" value="yes"/>${button}</form>`),
    nonce: options.nonce,
  }));
}

export function renderSignedOutPage(options: { pool: Pool; clientBranding?: unknown; locale?: Locale }): string {
  const t = words(options);
  return html(createElement(MessagePage, { frame: frameOf(options), title: t("signedOutTitle"), heading: t("signedOutHeading"), body: t("signedOutBody") }));
}
