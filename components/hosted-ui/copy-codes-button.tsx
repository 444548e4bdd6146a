"use client";
// Copies the recovery codes to the clipboard, and says so where a screen reader hears it.
import { useState } from "react";

export function CopyCodesButton({ text, words }: { text: string; words: { copy: string; copied: string; failed: string } }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  }
  return (
    <button
      type="button"
      onClick={copy}
      className="rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-4 py-2 text-sm font-semibold text-ink transition hover:bg-canvas focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary"
    >
      <span aria-live="polite">{status === "copied" ? words.copied : status === "failed" ? words.failed : words.copy}</span>
    </button>
  );
}
