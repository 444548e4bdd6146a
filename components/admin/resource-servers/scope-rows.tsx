"use client";
// The resource server dialog's scope rows: a name and a description each, the full scope name under
// the name, and a button to remove the row. Adding a row focuses its name; removing one moves focus
// to the row that takes its place (or the one before it, or "Add scope").
import { Plus, Trash2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button.tsx";
import { cx, focusRing } from "@/components/ui/cx.ts";
import { Input } from "@/components/ui/field.tsx";
import { MAX_SCOPES, type ResourceServerValues } from "./resource-server-schema.ts";

type ScopeRowsProps = {
  form: UseFormReturn<ResourceServerValues, unknown, unknown>;
  /** The message under the control at a path (useApiForm's errorOf). */
  errorOf: (name: string) => string | undefined;
  /** The error about the list as a whole (too many scopes, one still in use). */
  listError: string | undefined;
  /** The server's identifier, which prefixes each full scope name. */
  prefix: string;
  creating: boolean;
};

export function ScopeRows({ form, errorOf, listError, prefix, creating }: ScopeRowsProps) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "scopes" });
  const rows = form.watch("scopes");
  const [focusAfterRemove, setFocusAfterRemove] = useState<number | "add" | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (focusAfterRemove === null) return;
    if (focusAfterRemove === "add") addButton.current?.focus();
    else form.setFocus(`scopes.${focusAfterRemove}.name`);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- focus moves once the removed row has left the DOM, then the request is spent; one extra render, on purpose
    setFocusAfterRemove(null);
  }, [focusAfterRemove, form]);

  const removeRow = (index: number) => {
    remove(index);
    const left = fields.length - 1;
    setFocusAfterRemove(left === 0 ? "add" : Math.min(index, left - 1));
  };

  const hintId = `${id}-scopes-hint`;
  const errorId = `${id}-scopes-error`;
  return (
    <fieldset aria-describedby={[listError ? errorId : null, hintId].filter(Boolean).join(" ")}>
      <legend className="text-sm font-medium text-zinc-900">Scopes</legend>
      <p id={hintId} className="mt-1 text-sm text-zinc-500">
        What a token may do with the API, e.g. <code className="font-mono text-xs">read</code> or{" "}
        <code className="font-mono text-xs">orders.write</code>. App clients using client credentials ask for them by their full name.
        {creating ? null : " A scope still allowed to an app client cannot be removed."}
      </p>

      {fields.length > 0 ? (
        <div className="mt-3 space-y-3">
          <div aria-hidden="true" className="hidden gap-2 text-xs font-medium text-zinc-500 sm:grid sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_2.25rem]">
            <span>Name</span>
            <span>Description</span>
          </div>
          <ul className="space-y-3">
            {fields.map((field, index) => {
              const nameId = `${id}-scope-${field.id}-name`;
              const descriptionId = `${id}-scope-${field.id}-description`;
              const rowErrorId = `${nameId}-error`;
              const previewId = `${nameId}-preview`;
              const error = errorOf(`scopes.${index}`);
              const scope = rows[index]?.name.trim() ?? "";
              return (
                <li
                  key={field.id}
                  className="grid gap-2 rounded-lg border border-zinc-200 p-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_2.25rem] sm:items-start sm:border-0 sm:p-0"
                >
                  <div>
                    <label htmlFor={nameId} className="mb-1 block text-xs font-medium text-zinc-700 sm:sr-only">
                      Name<span className="sr-only"> of scope {index + 1}</span>
                    </label>
                    <Input
                      id={nameId}
                      {...form.register(`scopes.${index}.name`)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={cx(error ? rowErrorId : undefined, scope ? previewId : undefined) || undefined}
                      className="font-mono"
                      autoComplete="off"
                      autoCapitalize="none"
                      spellCheck={false}
                      placeholder="read"
                    />
                    {error ? (
                      <p id={rowErrorId} className="mt-1 text-sm text-red-600">
                        {error}
                      </p>
                    ) : null}
                    {scope ? (
                      <p id={previewId} className="mt-1 truncate font-mono text-xs text-zinc-500" title={`${prefix}/${scope}`}>
                        <span className="sr-only">Full scope: </span>
                        {prefix}/{scope}
                      </p>
                    ) : null}
                  </div>
                  <div>
                    <label htmlFor={descriptionId} className="mb-1 block text-xs font-medium text-zinc-700 sm:sr-only">
                      Description<span className="sr-only"> of scope {index + 1}</span>
                    </label>
                    <Input id={descriptionId} {...form.register(`scopes.${index}.description`)} autoComplete="off" placeholder="What it allows" />
                  </div>
                  <button
                    type="button"
                    aria-label={`Remove scope ${index + 1}${scope ? ` (${scope})` : ""}`}
                    title="Remove scope"
                    onClick={() => removeRow(index)}
                    className={cx(
                      "inline-flex h-9 cursor-pointer items-center justify-center gap-1.5 justify-self-end rounded-lg px-2 text-sm font-medium text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-800 sm:justify-self-auto",
                      focusRing,
                    )}
                  >
                    <Trash2 aria-hidden="true" className="size-4" />
                    <span className="sm:sr-only">Remove</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <p className="mt-3 rounded-lg border border-dashed border-zinc-300 px-4 py-4 text-center text-sm text-zinc-500">No scopes.</p>
      )}

      <Button ref={addButton} variant="secondary" size="sm" onClick={() => append({ name: "", description: "" })} disabled={fields.length >= MAX_SCOPES} className="mt-3">
        <Plus aria-hidden="true" className="size-4" />
        Add scope
      </Button>
      {listError ? (
        <p id={errorId} className="mt-2 text-sm text-red-600">
          {listError}
        </p>
      ) : null}
    </fieldset>
  );
}
