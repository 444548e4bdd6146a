import type { HostedView } from "@/lib/hosted-ui/view.ts";

type FieldProps = {
  view: HostedView;
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: "numeric" | "text" | "email" | "tel";
  hint?: string;
  autoFocus?: boolean;
  defaultValue?: string;
  pattern?: string;
  maxLength?: number;
};

export const inputClass =
  "block w-full rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-3.5 py-2.5 text-[0.95rem] text-ink shadow-xs outline-none transition placeholder:text-muted/70 focus:border-primary focus:ring-3 focus:ring-primary/25 aria-invalid:border-danger aria-invalid:ring-danger/20";

/**
 * Whether `name` should take focus: the field an error points at, otherwise the page's choice.
 * Only one field may autofocus, since the browser focuses the first one and ignores the rest.
 */
export function focusHere(view: HostedView, name: string, byDefault = false): boolean {
  const target = view.flash?.kind === "error" ? view.flash.field : undefined;
  return target ? target === name : byDefault;
}

/**
 * An error that names no field (wrong password, lockout, rate limit). The page is new after every
 * post, and screen readers do not announce an alert that is already there on load, so the field
 * that takes focus is described by it instead.
 */
export function pageError(view: HostedView): boolean {
  return view.flash?.kind === "error" && !view.flash.field;
}

/** A labelled input whose error (from the server) is tied to it with aria-describedby. */
export function Field({ view, name, label, type = "text", autoComplete, required, inputMode, hint, autoFocus, defaultValue, pattern, maxLength }: FieldProps) {
  const flash = view.flash;
  const invalid = flash?.kind === "error" && flash.field === name;
  const focus = focusHere(view, name, autoFocus);
  const describedBy = [hint ? `${name}-hint` : null, invalid || (focus && pageError(view)) ? "form-error" : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={name} className="mb-1.5 block text-sm font-medium text-ink">
        {label}
        {required === false ? <span className="font-normal text-muted"> (optional)</span> : null}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        pattern={pattern}
        maxLength={maxLength}
        autoFocus={focus}
        defaultValue={defaultValue ?? view.values[name] ?? ""}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      {hint ? (
        <p id={`${name}-hint`} className="mt-1.5 text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function CodeField({ view, label = "Verification code", autoFocus = true }: { view: HostedView; label?: string; autoFocus?: boolean }) {
  return (
    <Field view={view} name="code" label={label} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={8} autoFocus={autoFocus} defaultValue="" />
  );
}
