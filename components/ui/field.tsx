import { useId, type ComponentProps, type ReactNode } from "react";
import { ChevronDown, CircleExclamationPoint } from "lucide-react";
import { cx } from "@/components/ui/cx.ts";

/** What `Field` hands to its control so the label, hint and error are tied to it. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  required?: boolean;
};

type FieldProps = {
  label: ReactNode;
  /** The control's id; generated when omitted. */
  id?: string;
  /** Help text under the control. */
  hint?: ReactNode;
  /** Error text under the control; marks the control aria-invalid. */
  error?: ReactNode;
  /** Passed on to the control. */
  required?: boolean;
  /** Shows "Optional" beside the label. */
  optional?: boolean;
  className?: string;
  children: (props: FieldControlProps) => ReactNode;
};

/**
 * A label, control, hint and error, wired together:
 * `<Field label="Name" hint="…" error={errors.name}>{(p) => <Input {...p} name="name" />}</Field>`
 */
export function Field({ label, id, hint, error, required, optional = false, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <label htmlFor={controlId} className="block text-sm font-medium text-zinc-900">
          {label}
        </label>
        {optional ? <span className="text-xs text-zinc-500">Optional</span> : null}
      </div>
      {children({ id: controlId, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, required })}
      {error ? (
        <p id={errorId} className="mt-1.5 flex gap-1.5 text-sm text-red-600">
          <CircleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="mt-1.5 text-sm text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

// text-base below `sm` stops iOS Safari from zooming into the field on focus.
const control =
  "block w-full rounded-lg border border-zinc-300 bg-white text-base text-zinc-900 shadow-xs transition-colors sm:text-sm " +
  "placeholder:text-zinc-400 " +
  "focus-visible:border-indigo-600 focus-visible:outline-1 focus-visible:outline-indigo-600 " +
  "aria-invalid:border-red-500 aria-invalid:focus-visible:border-red-600 aria-invalid:focus-visible:outline-red-600 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500";

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return <input type={type} className={cx(control, "h-9 px-3", className)} {...props} />;
}

export function Textarea({ className, rows = 3, ...props }: ComponentProps<"textarea">) {
  return <textarea rows={rows} className={cx(control, "px-3 py-2", className)} {...props} />;
}

type SelectProps = ComponentProps<"select"> & {
  /** Classes for the wrapper (e.g. a width such as `w-48`); the select fills it. */
  className?: string;
};

/** A styled native `<select>`; pass `<option>`s as children. */
export function Select({ className, children, ...props }: SelectProps) {
  return (
    <div className={cx("grid grid-cols-1", className)}>
      <select className={cx(control, "col-start-1 row-start-1 h-9 cursor-pointer appearance-none pr-9 pl-3")} {...props}>
        {children}
      </select>
      <ChevronDown aria-hidden="true" className="pointer-events-none col-start-1 row-start-1 mr-3 size-4 self-center justify-self-end text-zinc-500" />
    </div>
  );
}

type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  label: ReactNode;
  description?: ReactNode;
};

/** A checkbox with its label and an optional description (announced as its description). */
export function Checkbox({ label, description, id, className, ...props }: CheckboxProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const descriptionId = description ? `${inputId}-description` : undefined;
  return (
    <div className={cx("flex gap-3", className)}>
      <div className="flex h-5 shrink-0 items-center">
        <input
          type="checkbox"
          id={inputId}
          aria-describedby={descriptionId}
          className="size-4 cursor-pointer rounded-sm accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed"
          {...props}
        />
      </div>
      <div className="text-sm">
        <label htmlFor={inputId} className="font-medium text-zinc-900">
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="text-zinc-500">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * An on/off toggle: a native checkbox with role="switch", so it submits with forms and needs no
 * script. Use `defaultChecked`, or `checked` with `onChange` in a client component.
 */
export function Switch({ label, description, id, className, ...props }: CheckboxProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const descriptionId = description ? `${inputId}-description` : undefined;
  return (
    <div className={cx("flex items-start justify-between gap-4", className)}>
      <div className="text-sm">
        <label htmlFor={inputId} className="font-medium text-zinc-900">
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="text-zinc-500">
            {description}
          </p>
        ) : null}
      </div>
      <div
        className={
          "group relative mt-0.5 inline-flex h-5 w-9 shrink-0 items-center rounded-full bg-zinc-200 p-0.5 ring-1 ring-inset ring-zinc-950/5 transition-colors " +
          "has-checked:bg-indigo-600 has-disabled:opacity-60 " +
          "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
        }
      >
        <span
          aria-hidden="true"
          className="size-4 rounded-full bg-white shadow-xs ring-1 ring-zinc-950/5 transition-transform group-has-checked:translate-x-4 motion-reduce:transition-none"
        />
        <input
          type="checkbox"
          role="switch"
          id={inputId}
          aria-describedby={descriptionId}
          className="absolute inset-0 size-full cursor-pointer appearance-none rounded-full focus:outline-none disabled:cursor-not-allowed"
          {...props}
        />
      </div>
    </div>
  );
}
