"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { CircleCheck, CircleX, Info, X, type LucideIcon } from "lucide-react";
import { cx, focusRing } from "@/components/ui/cx.ts";

type ToastTone = "success" | "error" | "info";
type ToastItem = { id: number; tone: ToastTone; message: string };

export type ToastApi = {
  success: (message: string) => void;
  error: (message: string) => void;
  info: (message: string) => void;
};

const ToastContext = createContext<ToastApi | null>(null);

const DURATION: Record<ToastTone, number> = { success: 5000, info: 5000, error: 8000 };
const MAX_TOASTS = 4;
// Not `display: contents`: some browsers drop such elements, live regions included, from the accessibility tree.
const regionClass = "flex flex-col items-center gap-2 sm:items-end";

// Toasts' ids (React's list keys): only unique, never shown.
let nextToastId = 1;

/** Shows toasts from `useToast()` anywhere below it; put it once in the admin layout. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const api = useMemo<ToastApi>(() => {
    const push = (tone: ToastTone) => (message: string) => {
      const id = nextToastId++;
      setToasts((list) => [...list, { id, tone, message }].slice(-MAX_TOASTS));
    };
    return { success: push("success"), error: push("error"), info: push("info") };
  }, []);

  const errors = toasts.filter((t) => t.tone === "error");
  const others = toasts.filter((t) => t.tone !== "error");
  // Both live regions are always rendered: screen readers only announce changes to regions that already exist.
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col p-4 sm:p-6">
        <div role="alert" aria-atomic="false" aria-relevant="additions text" className={regionClass + " not-empty:mb-2"}>
          {errors.map((t) => (
            <Toast key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
        <div role="status" aria-live="polite" aria-atomic="false" aria-relevant="additions text" className={regionClass}>
          {others.map((t) => (
            <Toast key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

/** `{ success, error, info }`, each taking a message. Must be used below ToastProvider. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}

const toneStyle: Record<ToastTone, { icon: string; Icon: LucideIcon }> = {
  success: { icon: "text-emerald-600", Icon: CircleCheck },
  error: { icon: "text-red-600", Icon: CircleX },
  info: { icon: "text-indigo-600", Icon: Info },
};

function Toast({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: number) => void }) {
  // The countdown pauses while the pointer or focus is on the toast, so it can be read and closed.
  const [paused, setPaused] = useState(false);
  const remaining = useRef(DURATION[toast.tone]);

  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1000, remaining.current - (Date.now() - started));
    };
  }, [paused, onDismiss, toast.id]);

  const style = toneStyle[toast.tone];
  return (
    <div
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setPaused(false);
      }}
      className={cx(
        "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg bg-white p-4 text-sm text-zinc-900 shadow-lg ring-1 ring-zinc-950/10",
        "transition duration-200 ease-out starting:translate-y-2 starting:opacity-0 motion-reduce:transition-none",
      )}
    >
      <style.Icon aria-hidden="true" className={cx("size-5 shrink-0", style.icon)} />
      <p className="min-w-0 flex-1 pt-px wrap-break-word">{toast.message}</p>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id)}
        className={cx("-m-1 inline-flex size-7 shrink-0 cursor-pointer items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-600", focusRing)}
      >
        <X aria-hidden="true" className="size-4" />
      </button>
    </div>
  );
}
