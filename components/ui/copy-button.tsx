"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Check, Copy, X } from "lucide-react";
import { cx, focusRing } from "@/components/ui/cx.ts";

/**
 * Copies text to the clipboard. navigator.clipboard only exists in secure contexts, and a
 * self-hosted console may be served over plain http on a LAN, so fall back to execCommand.
 * `near` is an element to put the temporary textarea next to: outside an open modal dialog the
 * document is inert and the textarea could not be selected.
 */
export async function copyText(text: string, near?: Element | null): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied or document not focused: try the fallback.
    }
  }
  const previous = document.activeElement;
  const area = document.createElement("textarea");
  area.value = text;
  area.readOnly = true;
  area.setAttribute("aria-hidden", "true");
  area.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none";
  (near?.parentElement ?? document.body).appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  if (previous instanceof HTMLElement) previous.focus();
  return ok;
}

export type CopyState = "idle" | "copied" | "failed";

/** Copy with a short-lived "copied"/"failed" state for feedback. */
export function useCopy(resetAfter = 2000) {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = useCallback(
    async (text: string, near?: Element | null) => {
      const ok = await copyText(text, near);
      setState(ok ? "copied" : "failed");
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setState("idle"), resetAfter);
      return ok;
    },
    [resetAfter],
  );
  return { state, copy };
}

type CopyButtonProps = {
  value: string;
  /** Accessible name and tooltip, e.g. "Copy pool ID". */
  label?: string;
  className?: string;
};

/** A small icon button that copies `value`, e.g. next to an id. */
export function CopyButton({ value, label = "Copy", className }: CopyButtonProps) {
  const { state, copy } = useCopy();
  return (
    <span className="inline-flex align-middle">
      <button
        type="button"
        aria-label={label}
        title={label}
        onClick={(event) => void copy(value, event.currentTarget)}
        className={cx(
          "inline-flex size-7 cursor-pointer items-center justify-center rounded-md text-zinc-400 transition-colors hover:bg-zinc-100 hover:text-zinc-700",
          focusRing,
          className,
        )}
      >
        {state === "copied" ? (
          <Check aria-hidden="true" className="size-4 text-emerald-600" />
        ) : state === "failed" ? (
          <X aria-hidden="true" className="size-4 text-red-600" />
        ) : (
          <CopyIcon />
        )}
      </button>
      {/* Always present, so the change is announced. */}
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to clipboard" : state === "failed" ? "Could not copy" : ""}
      </span>
    </span>
  );
}

export function CopyIcon({ className }: { className?: string }) {
  return (
    <Copy aria-hidden="true" className={cx("size-4", className)} />
  );
}

/** A labelled id shown in full with a copy button (a new client's id, a new key's access key id). */
export function CopyableValue({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  return (
    <div>
      <p className="mb-1.5 text-sm font-medium text-zinc-900">{label}</p>
      <div className="flex items-center gap-1">
        <code className="min-w-0 rounded bg-zinc-100 px-2 py-1 font-mono text-sm break-all text-zinc-900">{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </div>
    </div>
  );
}
