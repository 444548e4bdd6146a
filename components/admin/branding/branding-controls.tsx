"use client";
// The editor's controls. Each section edits one part of the draft through `onChange`.
import { useRef, useState } from "react";
import type { Branding, BrandingColors, BrandingTexts, TextKey } from "@/lib/branding/schema.ts";
import { LANGUAGE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales.ts";
import { FONTS, TEXT_LABELS } from "@/lib/branding/schema.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, Input, Select, Textarea } from "@/components/ui/field.tsx";
import { adminApi } from "../use-admin-api.ts";

type Change = (next: Branding) => void;

export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 border-b border-zinc-200 px-5 py-5 last:border-b-0">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      {children}
    </section>
  );
}

const COLOR_LABELS: Record<keyof BrandingColors, string> = { primary: "Primary", background: "Background", surface: "Card", text: "Text", error: "Error" };

export function ColorFields({ colors, onChange, idPrefix }: { colors: BrandingColors; onChange: (c: BrandingColors) => void; idPrefix: string }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {(Object.keys(COLOR_LABELS) as (keyof BrandingColors)[]).map((key) => (
        <ColorField key={key} id={`${idPrefix}-${key}`} label={COLOR_LABELS[key]} value={colors[key]} onChange={(value) => onChange({ ...colors, [key]: value })} />
      ))}
    </div>
  );
}

function ColorField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const valid = /^#[0-9a-fA-F]{6}$/.test(text);
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-zinc-800">{label}</label>
      <div className="mt-1 flex items-center gap-2">
        <input type="color" aria-label={`${label} colour picker`} value={value} onChange={(e) => onChange(e.target.value)}
          className="h-9 w-10 shrink-0 cursor-pointer rounded-md border border-zinc-300 bg-white p-0.5" />
        <Input id={id} value={text} aria-invalid={!valid || undefined} className="font-mono uppercase" maxLength={7}
          onChange={(e) => {
            setText(e.target.value);
            if (/^#[0-9a-fA-F]{6}$/.test(e.target.value)) onChange(e.target.value.toLowerCase());
          }} />
      </div>
    </div>
  );
}

export function AssetField({ poolId, label, hint, value, onChange }: { poolId: string; label: string; hint: string; value: string | null; onChange: (id: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `asset-${label.toLowerCase()}`;
  return (
    <div>
      <p className="font-medium text-zinc-800" id={`${id}-label`}>{label}</p>
      <div className="mt-1.5 flex items-center gap-3">
        <div className="flex h-12 w-24 items-center justify-center rounded-md border border-dashed border-zinc-300 bg-zinc-50">
          {value ? (
            // eslint-disable-next-line @next/next/no-img-element -- an uploaded asset
            <img src={`/${poolId}/branding/${value}`} alt={`Current ${label.toLowerCase()}`} className="max-h-10 max-w-20 object-contain" />
          ) : (
            <span className="text-xs text-zinc-500">None</span>
          )}
        </div>
        <input ref={input} id={id} type="file" className="sr-only" accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml,image/x-icon" aria-labelledby={`${id}-label`}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (!file) return;
            setBusy(true);
            setError(null);
            try {
              const response = await fetch(`/api/admin/pools/${poolId}/branding/assets`, { method: "POST", headers: { "content-type": file.type || "application/octet-stream" }, body: file });
              const json = (await response.json()) as { id?: string; error?: { message: string } };
              if (!response.ok || !json.id) throw new Error(json.error?.message ?? "Upload failed.");
              onChange(json.id);
            } catch (err) {
              setError((err as Error).message);
            } finally {
              setBusy(false);
            }
          }} />
        <Button variant="secondary" size="sm" loading={busy} onClick={() => input.current?.click()}>{value ? "Replace" : "Upload"}</Button>
        {value ? <Button variant="ghost" size="sm" onClick={() => onChange(null)}>Remove</Button> : null}
      </div>
      <p className={`mt-1 text-xs ${error ? "text-red-700" : "text-zinc-500"}`} role={error ? "alert" : undefined}>{error ?? hint}</p>
    </div>
  );
}

export function StyleSection({ draft, onChange }: { draft: Branding; onChange: Change }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <Field label="Appearance">
        {(p) => (
          <Select {...p} value={draft.theme} onChange={(e) => onChange({ ...draft, theme: e.target.value as Branding["theme"] })}>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
            <option value="auto">Follow the visitor&apos;s system</option>
          </Select>
        )}
      </Field>
      <Field label="Font">
        {(p) => (
          <Select {...p} value={draft.font} onChange={(e) => onChange({ ...draft, font: e.target.value as Branding["font"] })}>
            {Object.entries(FONTS).map(([key, font]) => <option key={key} value={key}>{font.label}</option>)}
          </Select>
        )}
      </Field>
      <Field label={`Corner radius: ${draft.radius}px`} className="sm:col-span-2">
        {(p) => <input {...p} type="range" min={0} max={24} value={draft.radius} onChange={(e) => onChange({ ...draft, radius: Number(e.target.value) })} className="w-full accent-indigo-600" />}
      </Field>
    </div>
  );
}

/**
 * The texts of the hosted pages: for all languages, or for one language over those (a field left
 * empty there shows the all-languages text, else the page's own wording in that language).
 */
export function TextsSection({ draft, onChange, language, onLanguage }: {
  draft: Branding; onChange: Change; language: Locale | null; onLanguage: (language: Locale | null) => void;
}) {
  const texts: BrandingTexts = language ? (draft.textsByLanguage[language] ?? {}) : draft.texts;
  const setText = (key: TextKey, value: string) => {
    const next = { ...texts, [key]: value || undefined };
    if (!language) return onChange({ ...draft, texts: next });
    const byLanguage = { ...draft.textsByLanguage, [language]: next };
    // A language with no text left is dropped, so the stored branding stays small.
    if (Object.values(next).every((v) => !v)) delete byLanguage[language];
    onChange({ ...draft, textsByLanguage: byLanguage });
  };
  const customised = LOCALES.filter((l) => Object.values(draft.textsByLanguage[l] ?? {}).some(Boolean));
  return (
    <div className="space-y-3">
      <Field label="Language" hint={language ? `Shown to visitors whose language is ${LANGUAGE_NAMES[language]}. An empty field shows the text for all languages, else the page's standard wording. The preview is in this language.` : "Shown in every language that has no text of its own (● marks languages that do)."}>
        {(p) => (
          <Select {...p} value={language ?? ""} onChange={(e) => onLanguage((e.target.value || null) as Locale | null)}>
            <option value="">All languages</option>
            {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}{customised.includes(l) ? " ●" : ""}</option>)}
          </Select>
        )}
      </Field>
      {(Object.keys(TEXT_LABELS) as TextKey[]).map((key) => (
        <Field key={`${language ?? "all"}-${key}`} label={TEXT_LABELS[key]} optional>
          {(p) => <Input {...p} lang={language ?? undefined} value={texts[key] ?? ""} placeholder={language ? (draft.texts[key] ?? "") : ""}
            maxLength={key.endsWith("Subtitle") || key === "footer" ? 200 : key.endsWith("Button") ? 40 : 80}
            onChange={(e) => setText(key, e.target.value)} />}
        </Field>
      ))}
    </div>
  );
}

export function LinksSection({ draft, onChange }: { draft: Branding; onChange: Change }) {
  const set = (links: Branding["links"]) => onChange({ ...draft, links });
  return (
    <div className="space-y-3">
      {draft.links.map((link, i) => (
        <div key={i} className="grid grid-cols-[1fr_1.4fr_auto] items-end gap-2">
          <Field label="Label">{(p) => <Input {...p} value={link.label} maxLength={40} onChange={(e) => set(draft.links.map((l, j) => (j === i ? { ...l, label: e.target.value } : l)))} />}</Field>
          <Field label="URL">{(p) => <Input {...p} value={link.url} placeholder="https://" onChange={(e) => set(draft.links.map((l, j) => (j === i ? { ...l, url: e.target.value } : l)))} />}</Field>
          <Button variant="ghost" size="sm" aria-label={`Remove link ${link.label || i + 1}`} onClick={() => set(draft.links.filter((_, j) => j !== i))}>Remove</Button>
        </div>
      ))}
      {draft.links.length < 4 ? (
        <Button variant="secondary" size="sm" onClick={() => set([...draft.links, { label: i18nDefault(draft.links.length), url: "https://" }])}>Add link</Button>
      ) : null}
    </div>
  );
}

function i18nDefault(n: number) {
  return ["Terms of service", "Privacy policy", "Help", "Contact"][n] ?? "Link";
}

export function CssSection({ draft, onChange, warnings }: { draft: Branding; onChange: Change; warnings: string[] }) {
  return (
    <div>
      <Field label="Custom CSS" hint="Applies inside the hosted pages only. Imports, url() (except url(&quot;asset:ID&quot;)), fonts and scripts are removed.">
        {(p) => <Textarea {...p} rows={8} spellCheck={false} value={draft.customCss} className="font-mono text-xs" onChange={(e) => onChange({ ...draft, customCss: e.target.value })} />}
      </Field>
      {warnings.length ? (
        <ul className="mt-2 space-y-1 rounded-md border border-amber-200 bg-amber-50 p-3 text-xs text-amber-900" aria-label="Custom CSS warnings">
          {warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      ) : null}
    </div>
  );
}

export { adminApi };
