// What a pool (and, as overrides, an app client) can brand on its hosted pages. Pure: shared by
// the admin API, the hosted pages and the editor in the browser.
import { z } from "zod";
import { LOCALES, type Locale } from "../i18n/locales.ts";

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, "colours are #rrggbb");
export const ASSET_ID = /^[a-f0-9]{64}$/;
const assetId = z.string().regex(ASSET_ID, "not an uploaded asset id");

export const ColorsSchema = z.strictObject({ primary: hex, background: hex, surface: hex, text: hex, error: hex });
export type BrandingColors = z.infer<typeof ColorsSchema>;

export const FONTS = {
  system: { label: "System", stack: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  humanist: { label: "Humanist", stack: 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif' },
  geometric: { label: "Geometric", stack: 'Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif' },
  rounded: { label: "Rounded", stack: 'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, Manjari, "Arial Rounded MT", Calibri, source-sans-pro, sans-serif' },
  serif: { label: "Serif", stack: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif' },
  mono: { label: "Monospace", stack: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace' },
} as const;
export type FontName = keyof typeof FONTS;

const text = (max: number) => z.string().trim().max(max).optional();
export const TextsSchema = z.strictObject({
  signInTitle: text(80), signInSubtitle: text(200), signInButton: text(40),
  signUpTitle: text(80), signUpSubtitle: text(200), signUpButton: text(40),
  footer: text(200),
});
export type BrandingTexts = z.infer<typeof TextsSchema>;
export type TextKey = keyof BrandingTexts;
/** Texts for one language, over the `texts` every language gets: { de: { signInTitle: "Anmelden" } }. */
export const TextsByLanguageSchema = z.partialRecord(z.enum(LOCALES), TextsSchema);
export type TextsByLanguage = z.infer<typeof TextsByLanguageSchema>;
export const TEXT_LABELS: Record<keyof z.infer<typeof TextsSchema>, string> = {
  signInTitle: "Sign-in title", signInSubtitle: "Sign-in subtitle", signInButton: "Sign-in button",
  signUpTitle: "Sign-up title", signUpSubtitle: "Sign-up subtitle", signUpButton: "Sign-up button", footer: "Footer text",
};

const linkUrl = z.string().refine((value) => {
  try {
    return ["https:", "mailto:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, "links are https:// or mailto: URLs");
export const LinkSchema = z.strictObject({ label: z.string().trim().min(1).max(40), url: linkUrl });

export const BrandingSchema = z.strictObject({
  colors: ColorsSchema,
  darkColors: ColorsSchema,
  theme: z.enum(["light", "dark", "auto"]),
  font: z.enum(Object.keys(FONTS) as [FontName, ...FontName[]]),
  radius: z.number().int().min(0).max(24),
  logo: assetId.nullable(),
  favicon: assetId.nullable(),
  texts: TextsSchema,
  // Defaulted: brandings stored before languages had texts of their own still parse.
  textsByLanguage: TextsByLanguageSchema.default({}),
  links: z.array(LinkSchema).max(4),
  customCss: z.string().max(50_000),
});
export type Branding = z.infer<typeof BrandingSchema>;

/** A client's overrides: any part of the pool's branding, field by field. */
export const BrandingOverrideSchema = z.strictObject({
  colors: ColorsSchema.partial().optional(),
  darkColors: ColorsSchema.partial().optional(),
  theme: BrandingSchema.shape.theme.optional(),
  font: BrandingSchema.shape.font.optional(),
  radius: BrandingSchema.shape.radius.optional(),
  logo: BrandingSchema.shape.logo.optional(),
  favicon: BrandingSchema.shape.favicon.optional(),
  texts: TextsSchema.optional(),
  textsByLanguage: TextsByLanguageSchema.optional(),
  links: BrandingSchema.shape.links.optional(),
  customCss: BrandingSchema.shape.customCss.optional(),
});
export type BrandingOverride = z.infer<typeof BrandingOverrideSchema>;

export const DEFAULT_BRANDING: Branding = {
  colors: { primary: "#4f46e5", background: "#f4f5f7", surface: "#ffffff", text: "#111827", error: "#b91c1c" },
  darkColors: { primary: "#818cf8", background: "#0b0d12", surface: "#161a22", text: "#e5e7eb", error: "#f87171" },
  theme: "light",
  font: "system",
  radius: 12,
  logo: null,
  favicon: null,
  texts: {},
  textsByLanguage: {},
  links: [],
  customCss: "",
};

/** Defaults, then the pool's branding, then the client's overrides. Stored values that no longer
 * parse (an older shape) fall back to the layer below rather than breaking the page. */
export function resolveBranding(pool: unknown, client?: unknown): Branding {
  const base = BrandingSchema.safeParse(pool);
  const out: Branding = base.success ? base.data : DEFAULT_BRANDING;
  const override = BrandingOverrideSchema.safeParse(client ?? {});
  if (!override.success) return out;
  return applyOverride(out, override.data);
}

export function applyOverride(base: Branding, o: BrandingOverride): Branding {
  return {
    ...base,
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
    colors: { ...base.colors, ...o.colors },
    darkColors: { ...base.darkColors, ...o.darkColors },
    texts: { ...base.texts, ...o.texts },
    textsByLanguage: mergeByLanguage(base.textsByLanguage, o.textsByLanguage),
  };
}

function mergeByLanguage(base: TextsByLanguage, over: TextsByLanguage | undefined): TextsByLanguage {
  const out: TextsByLanguage = { ...base };
  for (const [locale, texts] of Object.entries(over ?? {}) as [Locale, BrandingTexts][]) out[locale] = { ...base[locale], ...texts };
  return out;
}

/**
 * The texts a page in `locale` shows, key by key: the language's own text, else the text set for
 * all languages; a key left unset shows the catalogue's wording (the hosted pages' default).
 */
export function textsFor(branding: Pick<Branding, "texts" | "textsByLanguage">, locale: Locale): BrandingTexts {
  const own = branding.textsByLanguage[locale] ?? {};
  const out: BrandingTexts = {};
  for (const key of Object.keys(TEXT_LABELS) as TextKey[]) {
    const value = own[key] || branding.texts[key];
    if (value) out[key] = value;
  }
  return out;
}

/** The branding as a page in `locale` renders it: `texts` already that language's. */
export function brandingInLanguage(branding: Branding, locale: Locale): Branding {
  return { ...branding, texts: textsFor(branding, locale) };
}

/** The override that turns `base` into `full`: only what differs, so a client keeps following
 * the pool for everything it does not change. */
export function diffBranding(base: Branding, full: Branding): BrandingOverride {
  const out: BrandingOverride = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of ["colors", "darkColors", "texts"] as const) {
    const part = Object.fromEntries(Object.entries(full[key]).filter(([k, v]) => !same(v, (base[key] as Record<string, unknown>)[k])));
    if (Object.keys(part).length) (out as Record<string, unknown>)[key] = part;
  }
  const byLanguage: TextsByLanguage = {};
  for (const locale of LOCALES) {
    const mine = full.textsByLanguage[locale] ?? {};
    const theirs = base.textsByLanguage[locale] ?? {};
    const part = Object.fromEntries(Object.entries(mine).filter(([k, v]) => !same(v, (theirs as Record<string, unknown>)[k])));
    if (Object.keys(part).length) byLanguage[locale] = part;
  }
  if (Object.keys(byLanguage).length) out.textsByLanguage = byLanguage;
  for (const key of ["theme", "font", "radius", "logo", "favicon", "links", "customCss"] as const) {
    if (!same(full[key], base[key])) (out as Record<string, unknown>)[key] = full[key];
  }
  return out;
}
