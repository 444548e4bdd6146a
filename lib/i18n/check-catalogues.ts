// The rule that keeps translations whole: every locale has every namespace English has, with
// exactly English's keys, and each message names the same {placeholders} (a translation that
// drops {code} would send a message without the code). Run by `npm test` (check-catalogues.test.ts)
// and before `next build` (scripts/check-catalogues.ts), so a missing key fails the build.
import { LOCALES, DEFAULT_LOCALE } from "./locales.ts";
import { MESSAGES_DIR, namespaces, readNamespace, type Messages } from "./catalogue.ts";

function flatten(messages: Messages, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

/** The argument names of an ICU message: {name}, {count, plural, …}, and <tag> rich-text tags. */
export function placeholdersOf(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const ch = message[i];
    if (ch === "'") {
      // ICU quoting: '{' is a literal brace; '' is an apostrophe.
      const end = message.indexOf("'", i + 1);
      if (end > i + 1 && /[{}]/.test(message[i + 1]!)) { i = end; continue; }
    }
    if (ch === "{") {
      // An argument opens where the previous brace level is a message (depth even).
      if (depth % 2 === 0) {
        const name = /^\{\s*([\w]+)/.exec(message.slice(i))?.[1];
        if (name) names.add(name);
        depth++;
      } else depth++;
    } else if (ch === "}") depth = Math.max(0, depth - 1);
    else if (ch === "<") {
      const tag = /^<\/?([A-Za-z][\w-]*)>/.exec(message.slice(i))?.[1];
      if (tag) names.add(`<${tag}>`);
    }
  }
  return [...names].sort();
}

export type CatalogueProblem = { locale: string; namespace: string; key?: string; problem: string };

export function checkCatalogues(dir = MESSAGES_DIR): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  for (const namespace of namespaces(dir)) {
    const english = flatten(readNamespace(DEFAULT_LOCALE, namespace, dir) ?? {});
    for (const locale of LOCALES) {
      if (locale === DEFAULT_LOCALE) continue;
      const own = readNamespace(locale, namespace, dir);
      if (!own) { problems.push({ locale, namespace, problem: `messages/${locale}/${namespace}.json is missing` }); continue; }
      const theirs = flatten(own);
      for (const [key, message] of english) {
        const translated = theirs.get(key);
        if (translated === undefined) { problems.push({ locale, namespace, key, problem: "missing" }); continue; }
        if (!translated.trim()) problems.push({ locale, namespace, key, problem: "empty" });
        const want = placeholdersOf(message).join(",");
        const got = placeholdersOf(translated).join(",");
        if (want !== got) problems.push({ locale, namespace, key, problem: `placeholders ${got || "(none)"} where English has ${want || "(none)"}` });
      }
      for (const key of theirs.keys()) if (!english.has(key)) problems.push({ locale, namespace, key, problem: "not in English" });
    }
  }
  return problems;
}

export function describeProblems(problems: CatalogueProblem[]): string {
  return problems.map((p) => `messages/${p.locale}/${p.namespace}.json${p.key ? ` ${p.key}` : ""}: ${p.problem}`).join("\n");
}
