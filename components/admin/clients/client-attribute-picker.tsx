"use client";
// The app client form's attribute permissions: one table per group (standard, custom) with a Read
// and a Write checkbox per attribute, and a checkbox per column that ticks the whole group.
import { useEffect, useId, useRef } from "react";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { cx } from "@/components/ui/cx.ts";
import {
  attributeRows, defaultSelection, selectionSummary, setPermission, type AttributeRow, type PoolAttributes, type Selection,
} from "./client-attributes-model.ts";

const boxClass =
  "size-4 cursor-pointer rounded-sm accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60";

export function AttributePicker({ pool, value, onChange, disabled = false }: { pool: PoolAttributes; value: Selection; onChange: (next: Selection) => void; disabled?: boolean }) {
  const rows = attributeRows(pool);
  const summaryId = useId();
  const isDefault = (() => {
    const d = defaultSelection(pool);
    return d.read.length === value.read.length && d.write.length === value.write.length && d.write.every((n) => value.write.includes(n));
  })();
  const set = (kind: "read" | "write", names: string[], on: boolean) => onChange(setPermission(pool, value, kind, names, on));

  return (
    <div data-field="attributes" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-64 text-sm">
          <p id={summaryId} className="font-medium text-zinc-900" aria-live="polite">
            {selectionSummary(pool, value)}
          </p>
          <p className="mt-1 text-zinc-500">
            Writing an attribute includes reading it. Required attributes are always both (sign-up asks for them); the verified flags are
            only read.
          </p>
        </div>
        <Button variant="secondary" size="sm" disabled={disabled || isDefault} onClick={() => onChange(defaultSelection(pool))}>
          Use the defaults
        </Button>
      </div>
      <AttributeTable title="Standard attributes" rows={rows.filter((r) => r.group === "standard")} value={value} set={set} disabled={disabled} />
      {rows.some((r) => r.group === "custom") ? (
        <AttributeTable title="Custom attributes" rows={rows.filter((r) => r.group === "custom")} value={value} set={set} disabled={disabled} />
      ) : (
        <p className="text-sm text-zinc-500">This pool has no custom attributes.</p>
      )}
    </div>
  );
}

function AttributeTable(props: {
  title: string;
  rows: AttributeRow[];
  value: Selection;
  set: (kind: "read" | "write", names: string[], on: boolean) => void;
  disabled: boolean;
}) {
  const { title, rows, value, set, disabled } = props;
  const group = title.toLowerCase();
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200">
      <table className="w-full text-left text-sm">
        <caption className="border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-left text-xs font-medium tracking-wide text-zinc-600 uppercase">{title}</caption>
        <thead>
          <tr className="border-b border-zinc-200">
            <th scope="col" className="py-2 pr-2 pl-3 font-medium text-zinc-900">
              Attribute
            </th>
            <ColumnHeader label="Read" kind="read" rows={rows} value={value} set={set} disabled={disabled} group={group} />
            <ColumnHeader label="Write" kind="write" rows={rows} value={value} set={set} disabled={disabled} group={group} />
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row) => {
            const notes = [row.required ? "required in this pool" : null, row.immutable ? "immutable: written only at sign-up" : null, row.readOnly ? "set by verification" : null].filter(Boolean);
            return (
              <tr key={row.name}>
                <th scope="row" className="py-2 pr-2 pl-3 align-top font-normal">
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <span className="font-medium wrap-anywhere text-zinc-900">{row.label}</span>
                    <code className="font-mono text-xs wrap-anywhere text-zinc-500">{row.name}</code>
                    {row.required ? <Badge tone="info">Required</Badge> : null}
                    {row.immutable ? <Badge tone="warning">Immutable</Badge> : null}
                    {row.type && row.type !== "String" ? <span className="text-xs text-zinc-500">{row.type}</span> : null}
                  </span>
                  {notes.length ? <span className="sr-only">({notes.join(", ")})</span> : null}
                </th>
                <td className="w-14 px-2 py-2 text-center align-top sm:w-16">
                  <input
                    type="checkbox"
                    className={cx(boxClass, "mt-0.5")}
                    aria-label={`Read ${row.label}`}
                    checked={value.read.includes(row.name)}
                    disabled={disabled || row.required}
                    onChange={(event) => set("read", [row.name], event.target.checked)}
                  />
                </td>
                <td className="w-14 px-2 py-2 text-center align-top sm:w-16">
                  {row.readOnly ? (
                    <span className="text-zinc-400" title="Set when the address is verified; apps cannot write it">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">{row.label} cannot be written by apps</span>
                    </span>
                  ) : (
                    <input
                      type="checkbox"
                      className={cx(boxClass, "mt-0.5")}
                      aria-label={`Write ${row.label}`}
                      checked={value.write.includes(row.name)}
                      disabled={disabled || row.required}
                      onChange={(event) => set("write", [row.name], event.target.checked)}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A column's header with a checkbox for the whole group: ticked, unticked or mixed. */
function ColumnHeader(props: {
  label: string;
  kind: "read" | "write";
  group: string;
  rows: AttributeRow[];
  value: Selection;
  set: (kind: "read" | "write", names: string[], on: boolean) => void;
  disabled: boolean;
}) {
  const { label, kind, group, rows, value, set, disabled } = props;
  const ref = useRef<HTMLInputElement>(null);
  const names = rows.filter((r) => !r.required && !(kind === "write" && r.readOnly)).map((r) => r.name);
  const on = names.filter((n) => value[kind].includes(n)).length;
  const all = names.length > 0 && on === names.length;
  const mixed = on > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <th scope="col" className="w-14 px-2 py-2 text-center font-medium text-zinc-900 sm:w-16">
      <label className="inline-flex flex-col items-center gap-1">
        <span>{label}</span>
        <input
          ref={ref}
          type="checkbox"
          className={boxClass}
          aria-label={`${label} all ${group}`}
          checked={all}
          disabled={disabled || names.length === 0}
          onChange={() => set(kind, names, !all)}
        />
      </label>
    </th>
  );
}
