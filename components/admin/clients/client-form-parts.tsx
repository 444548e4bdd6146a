"use client";
// Building blocks of the app client form: sections, checkbox and radio groups, lifetime inputs.
import { useId, type ComponentProps, type ReactNode } from "react";
import { cx } from "@/components/ui/cx.ts";
import { Field, Input } from "@/components/ui/field.tsx";
import { CircleAlert, Info } from "lucide-react";
import { TOKEN_LIFETIMES } from "@/lib/pools/config-schema.ts";
import { LIFETIME_UNITS, humanDuration, type FieldName, type Lifetime } from "./client-form-model.ts";
import { lifetimeHint } from "./client-form-schema.ts";

export function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="grid gap-x-8 gap-y-5 px-4 py-6 sm:px-6 md:grid-cols-3">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
          {title}
        </h3>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
      </div>
      <div className="min-w-0 space-y-6 md:col-span-2">{children}</div>
    </section>
  );
}

export function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-3 flex gap-1.5 text-sm text-red-600">
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

/** A fieldset of checkboxes with a legend, a hint and an error, both announced with the group. */
export function CheckboxGroup({ field, legend, hint, error, children }: { field: FieldName; legend: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset data-field={field} aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-zinc-900">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-zinc-500">
          {hint}
        </p>
      ) : null}
      <div className={cx("mt-3 space-y-4 rounded-lg border p-4", error ? "border-red-300" : "border-zinc-200")}>{children}</div>
      {error ? <ErrorText id={`${id}-error`}>{error}</ErrorText> : null}
    </fieldset>
  );
}

export type Choice = { value: string; label: string; description: string };

/** Radio buttons drawn as selectable cards, in a fieldset. */
export function ChoiceGroup(props: {
  field: FieldName;
  legend: string;
  hint?: string;
  error?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: Choice[];
}) {
  const id = useId();
  const describedBy = [props.error ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset data-field={props.field} aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-zinc-900">{props.legend}</legend>
      {props.hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-zinc-500">
          {props.hint}
        </p>
      ) : null}
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {props.options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <label
              key={option.value}
              htmlFor={optionId}
              className={cx(
                "flex cursor-pointer gap-3 rounded-lg border bg-white p-4 transition-colors hover:bg-zinc-50",
                "has-checked:border-indigo-600 has-checked:bg-indigo-50/50 has-checked:ring-1 has-checked:ring-indigo-600",
                "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600",
                props.error ? "border-red-300" : "border-zinc-200",
              )}
            >
              <input
                type="radio"
                id={optionId}
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                onChange={() => props.onChange(option.value)}
                aria-describedby={`${optionId}-description`}
                className="mt-0.5 size-4 shrink-0 cursor-pointer accent-indigo-600 focus:outline-none"
              />
              <span className="text-sm">
                <span className="block font-medium text-zinc-900">{option.label}</span>
                <span id={`${optionId}-description`} className="block text-zinc-500">
                  {option.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {props.error ? <ErrorText id={`${id}-error`}>{props.error}</ErrorText> : null}
    </fieldset>
  );
}

export function LifetimeInput(props: {
  field: Lifetime;
  label: string;
  /** The input's props (react-hook-form's register). */
  input: ComponentProps<"input">;
  error?: string | undefined;
  seconds: number | null;
  inputId: string;
}) {
  const limit = TOKEN_LIFETIMES[props.field];
  const { unitName } = LIFETIME_UNITS[props.field];
  const range = lifetimeHint(props.field);
  const valid = props.seconds !== null && props.seconds >= limit.min && props.seconds <= limit.max;
  return (
    <div data-field={props.field}>
      <Field
        id={props.inputId}
        label={
          <>
            {props.label}
            <span className="sr-only">, in {unitName}</span>
          </>
        }
        error={props.error}
        required
        hint={
          <>
            {valid && props.seconds !== null ? <span className="block font-medium text-zinc-700">{humanDuration(props.seconds)}</span> : null}
            {range}
          </>
        }
      >
        {(p) => (
          <div className="relative">
            <Input
              {...p}
              {...props.input}
              inputMode="decimal"
              autoComplete="off"
              className="pr-18 tabular-nums"
            />
            <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-zinc-500">
              {unitName}
            </span>
          </div>
        )}
      </Field>
    </div>
  );
}

export function Notice({ tone, children }: { tone: "info" | "warning"; children: ReactNode }) {
  return (
    <div
      className={cx(
        "flex gap-2.5 rounded-lg p-3 text-sm ring-1 ring-inset",
        tone === "info" ? "bg-indigo-50 text-indigo-800 ring-indigo-600/20" : "bg-amber-50 text-amber-800 ring-amber-600/20",
      )}
    >
      <Info aria-hidden="true" className={cx("mt-px size-4 shrink-0", tone === "info" ? "text-indigo-500" : "text-amber-500")} />
      <div>{children}</div>
    </div>
  );
}

// ---- the client page's cards

