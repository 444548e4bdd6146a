// The message catalogues: messages/{locale}/{namespace}.json, one file per concern (hosted pages,
// account page, messages sent…), so each can be translated and reviewed on its own. English is the
// reference: every other catalogue has exactly its keys (check-catalogues.ts, run by `npm test` and
// before `next build`), and at run time a key somehow missing falls back to English.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales.ts";

export type Messages = { [key: string]: string | Messages };

// Read at run time from the project directory (server.ts runs there); not bundled, so not traced by the build.
export const MESSAGES_DIR = join(/* turbopackIgnore: true */ process.cwd(), "messages");

/** The namespaces English has (its file names). */
export function namespaces(dir = MESSAGES_DIR): string[] {
  return readdirSync(join(dir, DEFAULT_LOCALE)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -".json".length)).sort();
}

export function readNamespace(locale: string, namespace: string, dir = MESSAGES_DIR): Messages | null {
  try {
    return JSON.parse(readFileSync(join(dir, locale, `${namespace}.json`), "utf8")) as Messages;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function deepMerge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] = typeof value === "object" && typeof under === "object" ? deepMerge(under, value) : value;
  }
  return out;
}

const cache = new Map<Locale, Messages>();

/** Every namespace of `locale`, over English. Read once per process (in development, at every call, so edits show at once). */
export function messagesFor(locale: Locale): Messages {
  let messages = cache.get(locale);
  if (!messages) {
    messages = {};
    for (const namespace of namespaces()) {
      const english = readNamespace(DEFAULT_LOCALE, namespace) ?? {};
      const own = locale === DEFAULT_LOCALE ? {} : (readNamespace(locale, namespace) ?? {});
      messages[namespace] = deepMerge(english, own);
    }
    if (process.env.NODE_ENV !== "development") cache.set(locale, messages);
  }
  return messages;
}

/** A translator for server code outside React (messages sent, pages oidc-provider renders, error wording). */
export function translatorFor(locale: Locale, namespace: string) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: namespace as never }) as unknown as Translate;
}

/** `t(key, values)`: ICU message format, as next-intl's. */
export type Translate = ((key: string, values?: Record<string, string | number | Date>) => string) & {
  has: (key: string) => boolean;
};

export { LOCALES };
