// Branding as the hosted pages apply it: CSS variables (light, dark, or both by the visitor's
// preference), then the admin's custom CSS, sanitised and scoped to `.gh-hosted`.
import { mixColor, readableTextOn } from "./contrast.ts";
import { sanitizeCustomCss } from "./sanitize-css.ts";
import { FONTS, type Branding, type BrandingColors } from "./schema.ts";

export const HOSTED_SCOPE = ".gh-hosted";

export function assetPath(poolId: string, id: string): string {
  return `/${poolId}/branding/${id}`;
}

function variables(c: BrandingColors): string {
  const dark = readableTextOn(c.surface) === "#ffffff";
  return [
    `--gh-primary: ${c.primary}`,
    `--gh-primary-hover: ${mixColor(c.primary, dark ? "#ffffff" : "#000000", 0.12)}`,
    `--gh-primary-text: ${readableTextOn(c.primary)}`,
    `--gh-bg: ${c.background}`,
    `--gh-surface: ${c.surface}`,
    `--gh-text: ${c.text}`,
    `--gh-muted: ${mixColor(c.text, c.surface, 0.3)}`,
    `--gh-border: ${mixColor(c.text, c.surface, 0.78)}`,
    `--gh-error: ${c.error}`,
    `--gh-error-bg: ${mixColor(c.error, c.surface, 0.9)}`,
  ].join("; ");
}

const cache = new Map<string, { css: string; warnings: string[] }>();

/** The stylesheet for one resolved branding; memoised, since the same few brandings repeat. */
export function brandingCss(branding: Branding, poolId: string): { css: string; warnings: string[] } {
  const key = `${poolId}\u0000${JSON.stringify(branding)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const shared = `--gh-radius: ${branding.radius}px; --gh-font: ${FONTS[branding.font].stack}`;
  const light = `:root { ${variables(branding.colors)}; ${shared}; color-scheme: light; }`;
  const dark = `:root { ${variables(branding.darkColors)}; ${shared}; color-scheme: dark; }`;
  const base = branding.theme === "light" ? light : branding.theme === "dark" ? dark : `${light}\n@media (prefers-color-scheme: dark) { ${dark} }`;
  let custom = { css: "", warnings: [] as string[] };
  try {
    custom = sanitizeCustomCss(branding.customCss, { scope: HOSTED_SCOPE, assetUrl: (id) => assetPath(poolId, id) });
  } catch (error) {
    custom = { css: "", warnings: [(error as Error).message] };
  }
  const result = { css: `${base}\n${custom.css}`, warnings: custom.warnings };
  if (cache.size > 500) cache.clear();
  cache.set(key, result);
  return result;
}

/** What the hosted pages need of a branding: its stylesheet and the parts they render. */
export type HostedBranding = {
  css: string;
  theme: Branding["theme"];
  logoUrl: string | null;
  faviconUrl: string | null;
  texts: Branding["texts"];
  links: Branding["links"];
};

export function hostedBranding(poolId: string, branding: Branding): HostedBranding {
  return {
    css: brandingCss(branding, poolId).css,
    theme: branding.theme,
    logoUrl: branding.logo ? assetPath(poolId, branding.logo) : null,
    faviconUrl: branding.favicon ? assetPath(poolId, branding.favicon) : null,
    texts: branding.texts,
    links: branding.links,
  };
}
