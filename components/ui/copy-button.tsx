"use client";

import { useCallback, useEffect, useRef, useState } from "react";
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
          <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-4 text-emerald-600">
            <path
              fillRule="evenodd"
              d="M12.416 3.376a.75.75 0 0 1 .208 1.04l-5 7.5a.75.75 0 0 1-1.154.114l-3-3a.75.75 0 0 1 1.06-1.06l2.353 2.353 4.493-6.74a.75.75 0 0 1 1.04-.207Z"
              clipRule="evenodd"
            />
          </svg>
        ) : state === "failed" ? (
          <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-4 text-red-600">
            <path d="M5.28 4.22a.75.75 0 0 0-1.06 1.06L6.94 8l-2.72 2.72a.75.75 0 1 0 1.06 1.06L8 9.06l2.72 2.72a.75.75 0 1 0 1.06-1.06L9.06 8l2.72-2.72a.75.75 0 0 0-1.06-1.06L8 6.94 5.28 4.22Z" />
          </svg>
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
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className={cx("size-4", className)}>
      <path d="M5.5 3.5A1.5 1.5 0 0 1 7 2h2.879a1.5 1.5 0 0 1 1.06.44l2.122 2.12a1.5 1.5 0 0 1 .439 1.061V9.5A1.5 1.5 0 0 1 12 11V8.621a3 3 0 0 0-.879-2.121L9 4.379A3 3 0 0 0 6.879 3.5H5.5Z" />
      <path d="M4 5a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 14h5a1.5 1.5 0 0 0 1.5-1.5V8.621a1.5 1.5 0 0 0-.44-1.06L7.94 5.439A1.5 1.5 0 0 0 6.878 5H4Z" />
    </svg>
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
