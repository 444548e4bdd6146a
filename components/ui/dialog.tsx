"use client";

import { useCallback, useId, useLayoutEffect, useRef, useState, type ComponentProps, type FormEvent, type ReactNode, type SyntheticEvent } from "react";
import { Check, TriangleExclamationPoint, X } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { CopyIcon, useCopy } from "@/components/ui/copy-button.tsx";
import { cx, focusRing } from "@/components/ui/cx.ts";
import { Input } from "@/components/ui/field.tsx";

const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Drives a native `<dialog>` from an `open` prop: showModal() when it turns true, close() when it
 * turns false, focus to the element marked `data-autofocus` (or the first control) on opening and
 * back to the previously focused element on closing.
 */
function useModal(open: boolean, onDismiss: () => void, dismissible: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const latest = useRef({ open, onDismiss, dismissible });
  useLayoutEffect(() => {
    latest.current = { open, onDismiss, dismissible };
  });

  // A layout effect, so the dialog never paints with its content already removed.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const previous = document.activeElement;
    if (!dialog.open) dialog.showModal();
    const target = dialog.querySelector<HTMLElement>("[data-autofocus]") ?? dialog.querySelector<HTMLElement>(`[data-dialog-body] :is(${FOCUSABLE})`);
    target?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, [open]);

  return {
    ref,
    // Esc: let the parent decide (it closes the dialog by setting open to false).
    onCancel: (event: SyntheticEvent<HTMLDialogElement>) => {
      event.preventDefault();
      if (latest.current.dismissible) latest.current.onDismiss();
    },
    // Browsers may close the dialog without a cancelable cancel event (e.g. Esc pressed twice);
    // keep the parent's state in step. A close we caused ourselves finds `open` already false,
    // and one from React's strict-mode remount finds the dialog reopened.
    onClose: () => {
      if (latest.current.open && ref.current && !ref.current.open) latest.current.onDismiss();
    },
  };
}

// A dialog opened from a table row sits in the DOM inside the row's cell, which may align its text
// to the end and forbid wrapping: the dialog sets both back, whatever it inherits.
const dialogClass =
  "m-auto w-[calc(100%-2rem)] rounded-lg bg-white p-0 text-start text-sm font-normal whitespace-normal text-zinc-700 shadow-xl ring-1 ring-zinc-950/10 backdrop:bg-zinc-950/40 " +
  "transition duration-150 ease-out starting:open:scale-95 starting:open:opacity-0 motion-reduce:transition-none";

const footerClass =
  "flex flex-col-reverse gap-2 rounded-b-lg border-t border-zinc-200 bg-zinc-50 px-6 py-4 sm:flex-row sm:justify-end *:w-full sm:*:w-auto";

const sizes = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" } as const;

type DialogProps = {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, e.g. Cancel and a submit button; stacked full-width on phones. */
  footer?: ReactNode;
  /** Called on Esc and the close button; set `open` to false in it. */
  onClose: () => void;
  /** While true, Esc and the close button do nothing (e.g. while a form submits). */
  busy?: boolean;
  size?: keyof typeof sizes;
  /** When set, the body and footer are wrapped in a `<form>` with these props, so a submit button in the footer submits it. */
  formProps?: Omit<ComponentProps<"form">, "children">;
};

/**
 * A modal dialog. Its content is mounted only while open, so forms start fresh each time.
 * Focus goes to the element marked `data-autofocus`, else the first control in the body or footer.
 */
export function Dialog({ open, title, description, children, footer, onClose, busy = false, size = "md", formProps }: DialogProps) {
  const { ref: dialogRef, onCancel: onDialogCancel, onClose: onDialogClose } = useModal(open, onClose, !busy);
  const titleId = useId();
  const descriptionId = useId();

  const content = (
    <>
      <div data-dialog-body className="px-6 py-5">
        {children}
      </div>
      {footer ? (
        <div data-dialog-body className={footerClass}>
          {footer}
        </div>
      ) : null}
    </>
  );

  return (
    <dialog
      ref={dialogRef}
      onCancel={onDialogCancel}
      onClose={onDialogClose}
      aria-labelledby={open ? titleId : undefined}
      aria-describedby={open && description ? descriptionId : undefined}
      className={cx(dialogClass, sizes[size])}
    >
      {open ? (
        <>
          <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-6 py-4">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold text-zinc-900">
                {title}
              </h2>
              {description ? (
                <div id={descriptionId} className="mt-1 text-sm text-zinc-500">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              aria-label="Close"
              onClick={onClose}
              disabled={busy}
              className={cx(
                "-mr-2 inline-flex size-8 shrink-0 cursor-pointer items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-600 disabled:cursor-not-allowed disabled:opacity-50",
                focusRing,
              )}
            >
              <X aria-hidden="true" className="size-5" />
            </button>
          </div>
          {formProps ? <form {...formProps}>{content}</form> : content}
        </>
      ) : null}
    </dialog>
  );
}

type ConfirmDialogProps = {
  open: boolean;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  /** When set, the confirm button stays disabled until the user types exactly this (e.g. the pool id). */
  confirmText?: string;
  /** Shows a spinner on the confirm button and blocks cancelling. */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before an action. Focus starts on the confirmation input, else on Cancel (the safe choice). */
export function ConfirmDialog({ open, onCancel, busy = false, ...props }: ConfirmDialogProps) {
  const { ref: dialogRef, onCancel: onDialogCancel, onClose: onDialogClose } = useModal(open, onCancel, !busy);
  const titleId = useId();
  const descriptionId = useId();
  return (
    <dialog
      ref={dialogRef}
      onCancel={onDialogCancel}
      onClose={onDialogClose}
      aria-labelledby={open ? titleId : undefined}
      aria-describedby={open ? descriptionId : undefined}
      className={cx(dialogClass, "max-w-md")}
    >
      {open ? <ConfirmContent {...props} onCancel={onCancel} busy={busy} titleId={titleId} descriptionId={descriptionId} /> : null}
    </dialog>
  );
}

function ConfirmContent({
  title,
  description,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "primary",
  confirmText,
  busy,
  onConfirm,
  onCancel,
  titleId,
  descriptionId,
}: Omit<ConfirmDialogProps, "open"> & { titleId: string; descriptionId: string }) {
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const confirmed = confirmText === undefined || typed.trim() === confirmText;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirmed && !busy) onConfirm();
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="flex gap-4 px-6 py-5">
        {tone === "danger" ? (
          <div className="hidden size-10 shrink-0 items-center justify-center rounded-full bg-red-100 sm:flex">
            <TriangleExclamationPoint aria-hidden="true" className="size-5 text-red-600" />
          </div>
        ) : null}
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-base font-semibold text-zinc-900">
            {title}
          </h2>
          <div id={descriptionId} className="mt-2 space-y-2 text-sm wrap-break-word text-zinc-600">
            {description}
          </div>
          {confirmText !== undefined ? (
            <div className="mt-4">
              <label htmlFor={inputId} className="mb-1.5 block text-sm text-zinc-700">
                Type <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8125rem] break-all text-zinc-900">{confirmText}</code> to
                confirm
              </label>
              <Input
                id={inputId}
                data-autofocus
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                disabled={busy}
                className="font-mono"
              />
            </div>
          ) : null}
        </div>
      </div>
      <div className={footerClass}>
        <Button variant="secondary" onClick={onCancel} disabled={busy} data-autofocus={confirmText === undefined ? true : undefined}>
          {cancelLabel}
        </Button>
        <Button type="submit" variant={tone === "danger" ? "danger" : "primary"} disabled={!confirmed} loading={busy}>
          {confirmLabel}
        </Button>
      </div>
    </form>
  );
}

type SecretRevealProps = {
  label: string;
  value: string;
  /** Extra advice after the warning, e.g. "Store it in your secret manager." */
  note?: ReactNode;
  className?: string;
};

/** Shows a secret once (client secret, recovery code…) with a Copy button and a warning. */
export function SecretReveal({ label, value, note, className }: SecretRevealProps) {
  const { state, copy } = useCopy();
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const warningId = useId();

  const onCopy = async (button: HTMLButtonElement) => {
    // When copying is impossible, select the text so the user can copy it with the keyboard.
    if (!(await copy(value, button))) inputRef.current?.select();
  };

  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-900">
        {label}
      </label>
      <div className="flex gap-2">
        <Input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          aria-describedby={warningId}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 font-mono"
        />
        <Button variant="secondary" onClick={(event) => void onCopy(event.currentTarget)} className="shrink-0">
          {state === "copied" ? (
            <Check aria-hidden="true" className="size-4 text-emerald-600" />
          ) : (
            <CopyIcon className="text-zinc-500" />
          )}
          {state === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to clipboard" : state === "failed" ? "Could not copy. The text is selected: copy it with Control+C or Command+C." : ""}
      </span>
      <div id={warningId} className="mt-3 flex gap-2.5 rounded-lg bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-inset ring-amber-600/20">
        <TriangleExclamationPoint aria-hidden="true" className="mt-px size-4 shrink-0 text-amber-500" />
        <p>
          <span className="font-medium">This is the only time it is shown.</span>
          {note ? <> {note}</> : null}
        </p>
      </div>
    </div>
  );
}

/** Open/close state for a dialog whose form starts fresh at each opening: render it with
 * `key={session}` so its state resets. */
export function useDialogSession() {
  const [open, setOpen] = useState(false);
  const [session, setSession] = useState(0);
  const show = useCallback(() => {
    setSession((n) => n + 1);
    setOpen(true);
  }, []);
  const close = useCallback(() => setOpen(false), []);
  return { open, session, show, close };
}
