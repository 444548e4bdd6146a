"use client";
// The branding editor: controls beside live previews of the real hosted pages. Every change is
// saved as a draft (debounced) and the previews reload with it; Publish makes it live.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { contrastWarnings, type ContrastWarning } from "@/lib/branding/contrast.ts";
import type { Branding } from "@/lib/branding/schema.ts";
import type { Locale } from "@/lib/i18n/locales.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";
import { Select } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { AdminApiError, adminApi } from "../use-admin-api.ts";
import { AssetField, ColorFields, CssSection, LinksSection, Section, StyleSection, TextsSection } from "./branding-controls.tsx";

type State = { draft: Branding; published: Branding; hasDraft: boolean };
type Check = { cssWarnings: string[]; contrast: ContrastWarning[]; darkContrast: ContrastWarning[] };

const PAGES = [["login", "Sign in"], ["signup", "Sign up"], ["confirm", "Confirm"], ["forgot-password", "Forgot password"], ["mfa", "MFA code"]] as const;

export function BrandingEditor({ poolId, clientId, clients, initial }: { poolId: string; clientId: string | null; clients: { clientId: string; name: string }[]; initial: State }) {
  const [draft, setDraft] = useState(initial.draft);
  const [hasDraft, setHasDraft] = useState(initial.hasDraft);
  const [status, setStatus] = useState<"saved" | "saving" | "error" | "idle">("idle");
  const [saveError, setSaveError] = useState<string | null>(null);
  const [cssWarnings, setCssWarnings] = useState<string[]>([]);
  const [version, setVersion] = useState(0);
  const [page, setPage] = useState<(typeof PAGES)[number][0]>("login");
  const [showError, setShowError] = useState(false);
  const [viewport, setViewport] = useState<"both" | "desktop" | "mobile">("both");
  const [busy, setBusy] = useState<"publish" | "discard" | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // The language whose texts are edited (null: all languages); the previews show it.
  const [textLanguage, setTextLanguage] = useState<Locale | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const toast = useToast();
  const router = useRouter();
  const target = clientId ? `?clientId=${encodeURIComponent(clientId)}` : "";

  const save = useCallback(async (next: Branding) => {
    setStatus("saving");
    try {
      const check = await adminApi<Check>("PUT", `/pools/${poolId}/branding/draft${target}`, next);
      setCssWarnings(check.cssWarnings);
      setHasDraft(true);
      setStatus("saved");
      setSaveError(null);
      setVersion((v) => v + 1);
    } catch (error) {
      setStatus("error");
      setSaveError(error instanceof AdminApiError ? error.message : "The draft could not be saved.");
    }
  }, [poolId, target]);

  const change = (next: Branding) => {
    setDraft(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(next), 450);
  };
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const contrast = useMemo(() => [
    ...(draft.theme !== "dark" ? contrastWarnings(draft.colors).map((w) => ({ ...w, mode: "Light" })) : []),
    ...(draft.theme !== "light" ? contrastWarnings(draft.darkColors).map((w) => ({ ...w, mode: "Dark" })) : []),
  ], [draft]);

  async function publish() {
    setBusy("publish");
    try {
      if (timer.current) {
        clearTimeout(timer.current);
        await save(draft);
      }
      await adminApi("POST", `/pools/${poolId}/branding/publish${target}`);
      setHasDraft(false);
      toast.success("Branding published. New sign-in pages use it now.");
      router.refresh();
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function discard() {
    setBusy("discard");
    try {
      const state = await adminApi<State>("DELETE", `/pools/${poolId}/branding/draft${target}`);
      setDraft(state.draft);
      setHasDraft(false);
      setVersion((v) => v + 1);
      toast.info("Draft discarded");
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(null);
      setConfirmDiscard(false);
    }
  }

  const src = (mobile: boolean) =>
    `/admin/preview/${poolId}/${page}?${new URLSearchParams({ ...(clientId ? { clientId } : {}), ...(showError ? { error: "1" } : {}), ...(textLanguage ? { lang: textLanguage } : {}), v: String(version), m: mobile ? "1" : "0" })}`;

  return (
    <div className="space-y-4">
      <Card className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor="branding-target" className="font-medium">Editing</label>
          <Select id="branding-target" value={clientId ?? ""} onChange={(e) => router.push(`?${e.target.value ? `clientId=${encodeURIComponent(e.target.value)}` : ""}`)} className="min-w-52">
            <option value="">All apps (pool default)</option>
            {clients.map((c) => <option key={c.clientId} value={c.clientId}>App: {c.name}</option>)}
          </Select>
          <span aria-live="polite" className="text-zinc-500">
            {status === "saving" ? "Saving draft…" : status === "saved" ? "Draft saved" : status === "error" ? null : hasDraft ? "Unpublished draft" : "Published"}
          </span>
          {hasDraft ? <Badge tone="warning">Draft</Badge> : <Badge tone="success">Live</Badge>}
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" disabled={!hasDraft} loading={busy === "discard"} onClick={() => setConfirmDiscard(true)}>Discard draft</Button>
          <Button disabled={!hasDraft || status === "error"} loading={busy === "publish"} onClick={publish}>Publish</Button>
        </div>
      </Card>
      {saveError ? <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-red-800">{saveError}</p> : null}
      {clientId ? <p className="text-zinc-600">This app uses the pool&apos;s branding except for what you change here.</p> : null}

      <div className="grid gap-4 xl:grid-cols-[400px_1fr]">
        <Card className="overflow-hidden xl:max-h-[calc(100vh-8rem)] xl:overflow-y-auto">
          <Section title="Logo and icon">
            <AssetField poolId={poolId} label="Logo" hint="PNG, SVG, JPEG, GIF or WebP, up to 512 KB. Shown 40px high." value={draft.logo} onChange={(logo) => change({ ...draft, logo })} />
            <AssetField poolId={poolId} label="Favicon" hint="ICO, PNG or SVG, square." value={draft.favicon} onChange={(favicon) => change({ ...draft, favicon })} />
          </Section>
          <Section title="Colours">
            <ColorFields idPrefix="light" colors={draft.colors} onChange={(colors) => change({ ...draft, colors })} />
          </Section>
          {draft.theme !== "light" ? (
            <Section title="Dark colours">
              <ColorFields idPrefix="dark" colors={draft.darkColors} onChange={(darkColors) => change({ ...draft, darkColors })} />
            </Section>
          ) : null}
          <Section title="Contrast">
            {contrast.length === 0 ? (
              <p className="text-emerald-700">All text meets WCAG AA contrast (4.5:1).</p>
            ) : (
              <ul className="space-y-1.5" aria-label="Contrast warnings">
                {contrast.map((w) => (
                  <li key={`${w.mode}-${w.pair}`} className="flex items-start gap-2 text-amber-900">
                    <span aria-hidden="true" className="mt-1 inline-block size-2 shrink-0 rounded-full bg-amber-500" />
                    <span>{draft.theme === "auto" ? `${w.mode}: ` : ""}{w.pair} is {w.ratio}:1; WCAG AA needs {w.required}:1.</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Style"><StyleSection draft={draft} onChange={change} /></Section>
          <Section title="Texts"><TextsSection draft={draft} onChange={change} language={textLanguage} onLanguage={(l) => { setTextLanguage(l); setVersion((v) => v + 1); }} /></Section>
          <Section title="Footer links"><LinksSection draft={draft} onChange={change} /></Section>
          <Section title="Custom CSS"><CssSection draft={draft} onChange={change} warnings={cssWarnings} /></Section>
        </Card>

        <div className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <div role="group" aria-label="Page" className="flex flex-wrap gap-1 rounded-lg bg-zinc-100 p-1">
              {PAGES.map(([value, label]) => (
                <button key={value} type="button" aria-pressed={page === value} onClick={() => setPage(value)}
                  className={`rounded-md px-2.5 py-1 font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${page === value ? "bg-white text-zinc-900 shadow-sm" : "text-zinc-600 hover:text-zinc-900"}`}>
                  {label}
                </button>
              ))}
            </div>
            <label className="flex items-center gap-2 text-zinc-700">
              <input type="checkbox" checked={showError} onChange={(e) => setShowError(e.target.checked)} className="size-4 accent-indigo-600" />
              Show an error
            </label>
            <Select aria-label="Preview width" value={viewport} onChange={(e) => setViewport(e.target.value as typeof viewport)} className="ml-auto">
              <option value="both">Desktop and mobile</option>
              <option value="desktop">Desktop</option>
              <option value="mobile">Mobile</option>
            </Select>
          </div>
          <div className="flex flex-col gap-4 2xl:flex-row">
            {viewport !== "mobile" ? (
              <iframe key={`d${version}${page}${showError}`} title="Desktop preview" src={src(false)} className="h-[720px] w-full min-w-0 rounded-xl 2xl:flex-1 border border-zinc-200 bg-white shadow-sm" />
            ) : null}
            {viewport !== "desktop" ? (
              <iframe key={`m${version}${page}${showError}`} title="Mobile preview" src={src(true)} className="mx-auto h-[720px] w-full max-w-[375px] shrink-0 rounded-[1.75rem] border-[6px] border-zinc-800 bg-white shadow-sm" />
            ) : null}
          </div>
        </div>
      </div>
      <ConfirmDialog open={confirmDiscard} title="Discard the draft?" description="The editor goes back to the published branding." confirmLabel="Discard draft" tone="danger"
        busy={busy === "discard"} onCancel={() => setConfirmDiscard(false)} onConfirm={discard} />
    </div>
  );
}
