import { useTranslations } from "next-intl";
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

export type FieldState = { invalid: boolean; autoFocus: boolean; describedByError: boolean };

/**
 * How the server's error bears on the field `name`, for every input of the hosted pages:
 * - invalid: the error is about this field;
 * - autoFocus: the field the error is about takes focus, else the page's choice (`byDefault`).
 *   Only one field may autofocus: the browser focuses the first and ignores the rest;
 * - describedByError: the field is described by the error. An error about no field (wrong
 *   password, lockout, rate limit) describes the field that takes focus, because screen readers
 *   do not announce an alert that is already on the page when it loads.
 */
export function fieldState(view: HostedView, name: string, byDefault = false): FieldState {
  const error = view.flash?.kind === "error" ? view.flash : undefined;
  const invalid = error?.field === name;
  // A preview framed in the branding editor must not take the editor's focus.
  const autoFocus = view.preview ? false : error?.field ? invalid : byDefault;
  return { invalid, autoFocus, describedByError: invalid || (autoFocus && !!error && !error.field) };
}

/** A labelled input whose error (from the server) is tied to it with aria-describedby. */
export function Field({ view, name, label, type = "text", autoComplete, required, inputMode, hint, autoFocus, defaultValue, pattern, maxLength }: FieldProps) {
  const t = useTranslations("hosted.common");
  const state = fieldState(view, name, autoFocus);
  const describedBy = [hint ? `${name}-hint` : null, state.describedByError ? "form-error" : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={name} className="mb-1.5 block text-sm font-medium text-ink">
        {label}
        {required === false ? <span className="font-normal text-muted"> {t("optional")}</span> : null}
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
        autoFocus={state.autoFocus}
        defaultValue={defaultValue ?? view.values[name] ?? ""}
        aria-invalid={state.invalid || undefined}
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

export function CodeField({ view, label, autoFocus = true, hint }: { view: HostedView; label?: string; autoFocus?: boolean; hint?: string }) {
  const t = useTranslations("hosted.common");
  return (
    <Field view={view} name="code" label={label ?? t("verificationCode")} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={8} autoFocus={autoFocus} defaultValue="" hint={hint} />
  );
}
