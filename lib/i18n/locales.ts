// The languages Gatehouse's hosted pages, account page and messages speak, and how a request's
// language is chosen: the first supported one of `lang=` (Cognito's managed login) or `ui_locales`
// (OpenID Connect), then the browser's Accept-Language, then the pool's defaultLanguage.
// Catalogues live in messages/{locale}/{namespace}.json (lib/i18n/catalogue.ts).
export const LOCALES = ["en", "de", "fr", "es", "pt-BR", "ja", "ko", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language by its own name, for a language picker. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: "English", de: "Deutsch", fr: "Français", es: "Español", "pt-BR": "Português (Brasil)", ja: "日本語", ko: "한국어", "zh-CN": "简体中文",
};

/** Scripts written right to left; none of today's catalogues, but pages take their direction from here. */
const RTL_LANGUAGES = new Set(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb"]);

export function directionOf(locale: string): "ltr" | "rtl" {
  return RTL_LANGUAGES.has(locale.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported locale a language tag asks for, or null: exact match first (case-insensitive),
 * then by language alone (de-AT → de, pt-PT and pt → pt-BR, zh-Hans/zh-SG/zh → zh-CN; Traditional
 * Chinese, zh-TW/zh-HK/zh-Hant, has no catalogue and matches nothing).
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const clean = tag.trim().replace(/_/g, "-");
  if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(clean)) return null;
  const lower = clean.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const [language, ...rest] = lower.split("-");
  if (language === "zh") return rest.some((part) => part === "hant" || part === "tw" || part === "hk" || part === "mo") ? null : "zh-CN";
  return LOCALES.find((l) => l.split("-")[0]!.toLowerCase() === language) ?? null;
}

/** Accept-Language's tags, most wanted first (q=0 ones dropped). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? "").trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * The language to answer in: `requested` (lang= or ui_locales, a space-separated list, first
 * supported wins), then Accept-Language, then the pool's default.
 */
export function negotiateLocale(options: { requested?: string | null; acceptLanguage?: string | null; poolDefault?: string | null }): Locale {
  const requested = matchRequested(options.requested);
  if (requested) return requested;
  for (const tag of acceptedLanguages(options.acceptLanguage)) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return matchLocale(options.poolDefault) ?? DEFAULT_LOCALE;
}

/** The first supported language of a `lang=` value or a space-separated `ui_locales` list. */
export function matchRequested(list: string | null | undefined): Locale | null {
  for (const tag of (list ?? "").split(/\s+/)) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return null;
}
