"use client";
// The Resource servers tab's interactive parts: "Create resource server", and Edit and Delete for
// each server, with their dialogs. The cards themselves are rendered on the server.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { AdminApiError, adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { PlusIcon } from "@/components/ui/icons.tsx";
import { FormAlert, FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Button, type ButtonVariant } from "@/components/ui/button.tsx";
import { cx, focusRing } from "@/components/ui/cx.ts";
import { ConfirmDialog, Dialog, useDialogSession } from "@/components/ui/dialog.tsx";
import { Field, Input } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";

export type ResourceServerData = { identifier: string; name: string; scopes: { name: string; description: string }[] };

// ResourceServerSchema's rules (lib/pools/config-schema.ts).
const SCOPE_NAME = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const MAX_SCOPES = 100;

type Row = { key: number; name: string; description: string };
type Errors = { identifier?: string; name?: string; scopes?: string; rows?: Record<number, string> };

/** "body.scopes.1.name: scope names are…" → "Scope names are…". */
function fieldMessage(message: string): string {
  const text = message.replace(/^(?:body\.)?[\w.]+: /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function hasErrors(errors: Errors): boolean {
  return Boolean(errors.identifier || errors.name || errors.scopes || (errors.rows && Object.keys(errors.rows).length > 0));
}

type ServerDialogProps = {
  open: boolean;
  onClose: () => void;
  poolId: string;
  /** The server to edit; omitted to create one. */
  server?: ResourceServerData;
};

function ResourceServerDialog({ open, onClose, poolId, server }: ServerDialogProps) {
  const creating = !server;
  const router = useRouter();
  const toast = useToast();
  const nextKey = useRef(0);
  const newRow = (name = "", description = ""): Row => ({ key: nextKey.current++, name, description });
  // The parent remounts this component (with a new key) on every opening, so it starts fresh.
  const [identifier, setIdentifier] = useState("");
  const [name, setName] = useState(server?.name ?? "");
  const [rows, setRows] = useState<Row[]>(() => (server ? server.scopes.map((s) => newRow(s.name, s.description)) : [newRow()]));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState<number | "add" | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const nameInputs = useRef(new Map<number, HTMLInputElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  // After adding or removing a row, move focus to where the user can carry on.
  useEffect(() => {
    if (focusKey === null) return;
    if (focusKey === "add") addButton.current?.focus();
    else nameInputs.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const prefix = (server?.identifier ?? identifier.trim()) || "identifier";

  const setRow = (key: number, patch: Partial<Row>) => {
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    if (errors.rows?.[key] || errors.scopes) {
      setErrors((e) => {
        const { [key]: _removed, ...rest } = e.rows ?? {};
        return { ...e, scopes: undefined, rows: rest };
      });
    }
  };

  const addRow = () => {
    const row = newRow();
    setRows((list) => [...list, row]);
    setFocusKey(row.key);
  };

  const removeRow = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    setRows(next);
    setErrors((e) => ({ ...e, scopes: undefined }));
    const after = next[index] ?? next[index - 1];
    setFocusKey(after ? after.key : "add");
  };

  /** The rows that say something (a row left entirely empty is ignored). */
  const filled = () => rows.filter((row) => row.name.trim() || row.description.trim());

  const validate = (): Errors => {
    const found: Errors = {};
    if (creating) {
      const value = identifier.trim();
      if (!value) found.identifier = "Enter an identifier.";
      else if (value.length > 256) found.identifier = "Use at most 256 characters.";
      else if (/\s/.test(value)) found.identifier = "Identifiers cannot contain spaces.";
    }
    if (!name.trim()) found.name = "Enter a name.";
    else if (name.trim().length > 256) found.name = "Use at most 256 characters.";

    const rowErrors: Record<number, string> = {};
    const seen = new Set<string>();
    for (const row of filled()) {
      const scope = row.name.trim();
      if (!scope) rowErrors[row.key] = "Enter a scope name, or remove the row.";
      else if (!SCOPE_NAME.test(scope)) rowErrors[row.key] = "Use printable characters without spaces, quotes or backslashes.";
      else if (seen.has(scope)) rowErrors[row.key] = `${scope} is listed twice.`;
      seen.add(scope);
    }
    if (Object.keys(rowErrors).length > 0) found.rows = rowErrors;
    if (filled().length > MAX_SCOPES) found.scopes = `A resource server has at most ${MAX_SCOPES} scopes.`;
    return found;
  };

  const focusFirstError = () =>
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (invalid ?? formRef.current?.querySelector<HTMLElement>("li input") ?? addButton.current)?.focus();
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    const found = validate();
    setErrors(found);
    setFormError(found.scopes ?? null);
    if (hasErrors(found)) return focusFirstError();

    const scopes = filled().map((row) => ({ name: row.name.trim(), description: row.description.trim() }));
    setBusy(true);
    try {
      if (creating) {
        await adminApi("POST", `/pools/${enc(poolId)}/resource-servers`, { identifier: identifier.trim(), name: name.trim(), scopes });
        toast.success(`Resource server ${name.trim()} created.`);
      } else {
        await adminApi("PATCH", `/pools/${enc(poolId)}/resource-servers/${enc(server.identifier)}`, { name: name.trim(), scopes });
        toast.success(`Resource server ${name.trim()} saved.`);
      }
      onClose();
      router.refresh();
    } catch (error) {
      const message = error instanceof Error ? error.message : "Something went wrong.";
      const field = error instanceof AdminApiError ? error.field : undefined;
      // A message naming one scope's row ("body.scopes.2.name: …") goes next to that row.
      const rowIndex = /scopes\.(\d+)\./.exec(message)?.[1];
      const row = rowIndex !== undefined ? filled()[Number(rowIndex)] : undefined;
      if (field === "scopes" && row) setErrors({ rows: { [row.key]: fieldMessage(message) } });
      else if (field === "scopes") {
        setErrors({ scopes: fieldMessage(message) });
        setFormError(message);
      }
      else if (field === "name") setErrors({ name: fieldMessage(message) });
      else if (field === "identifier" && creating) setErrors({ identifier: fieldMessage(message) });
      else {
        setFormError(message);
        return;
      }
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const scopesHintId = `${id}-scopes-hint`;
  const scopesErrorId = `${id}-scopes-error`;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="lg"
      title={creating ? "Create resource server" : `Edit ${server.name}`}
      description={
        creating ? (
          "An API of yours, and the scopes app clients may be granted for it."
        ) : (
          <>
            Identifier <code className="font-mono text-xs break-all text-zinc-700">{server.identifier}</code> (it cannot change).
          </>
        )
      }
      formProps={{ onSubmit: (event) => void submit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel={creating ? "Create resource server" : "Save changes"} />}
    >
      <FormAlert message={formError} />
      <div className="space-y-5">
        {creating ? (
          <Field
            label="Identifier"
            required
            error={errors.identifier}
            hint="Usually the API's URL. Scopes are named identifier/scope. It cannot be changed later."
          >
            {(p) => (
              <Input
                {...p}
                name="identifier"
                value={identifier}
                onChange={(event) => {
                  setIdentifier(event.target.value);
                  if (errors.identifier) setErrors((e) => ({ ...e, identifier: undefined }));
                }}
                maxLength={256}
                className="font-mono"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="https://api.example.com"
              />
            )}
          </Field>
        ) : null}
        <Field label="Name" required error={errors.name} hint="A friendly name shown in this console.">
          {(p) => (
            <Input
              {...p}
              name="name"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                if (errors.name) setErrors((e) => ({ ...e, name: undefined }));
              }}
              maxLength={256}
              autoComplete="off"
              placeholder="e.g. Orders API"
            />
          )}
        </Field>

        <fieldset aria-describedby={[errors.scopes ? scopesErrorId : null, scopesHintId].filter(Boolean).join(" ")}>
          <legend className="text-sm font-medium text-zinc-900">Scopes</legend>
          <p id={scopesHintId} className="mt-1 text-sm text-zinc-500">
            What a token may do with the API, e.g. <code className="font-mono text-xs">read</code> or{" "}
            <code className="font-mono text-xs">orders.write</code>. App clients using client credentials ask for them by their full name.
            {creating ? null : " A scope still allowed to an app client cannot be removed."}
          </p>

          {rows.length > 0 ? (
            <div className="mt-3 space-y-3">
              <div aria-hidden="true" className="hidden gap-2 text-xs font-medium text-zinc-500 sm:grid sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_2.25rem]">
                <span>Name</span>
                <span>Description</span>
              </div>
              <ul className="space-y-3">
                {rows.map((row, index) => {
                  const nameId = `${id}-scope-${row.key}-name`;
                  const descriptionId = `${id}-scope-${row.key}-description`;
                  const errorId = `${nameId}-error`;
                  const previewId = `${nameId}-preview`;
                  const error = errors.rows?.[row.key];
                  return (
                    <li
                      key={row.key}
                      className="grid gap-2 rounded-lg border border-zinc-200 p-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_2.25rem] sm:items-start sm:border-0 sm:p-0"
                    >
                      <div>
                        <label htmlFor={nameId} className="mb-1 block text-xs font-medium text-zinc-700 sm:sr-only">
                          Name<span className="sr-only"> of scope {index + 1}</span>
                        </label>
                        <Input
                          id={nameId}
                          ref={(element) => {
                            if (element) nameInputs.current.set(row.key, element);
                            else nameInputs.current.delete(row.key);
                          }}
                          value={row.name}
                          onChange={(event) => setRow(row.key, { name: event.target.value })}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={cx(error ? errorId : undefined, row.name.trim() ? previewId : undefined) || undefined}
                          className="font-mono"
                          autoComplete="off"
                          autoCapitalize="none"
                          spellCheck={false}
                          placeholder="read"
                        />
                        {error ? (
                          <p id={errorId} className="mt-1 text-sm text-red-600">
                            {error}
                          </p>
                        ) : null}
                        {row.name.trim() ? (
                          <p id={previewId} className="mt-1 truncate font-mono text-xs text-zinc-500" title={`${prefix}/${row.name.trim()}`}>
                            <span className="sr-only">Full scope: </span>
                            {prefix}/{row.name.trim()}
                          </p>
                        ) : null}
                      </div>
                      <div>
                        <label htmlFor={descriptionId} className="mb-1 block text-xs font-medium text-zinc-700 sm:sr-only">
                          Description<span className="sr-only"> of scope {index + 1}</span>
                        </label>
                        <Input
                          id={descriptionId}
                          value={row.description}
                          onChange={(event) => setRow(row.key, { description: event.target.value })}
                          autoComplete="off"
                          placeholder="What it allows"
                        />
                      </div>
                      <button
                        type="button"
                        aria-label={`Remove scope ${index + 1}${row.name.trim() ? ` (${row.name.trim()})` : ""}`}
                        title="Remove scope"
                        onClick={() => removeRow(index)}
                        className={cx(
                          "inline-flex h-9 cursor-pointer items-center justify-center gap-1.5 justify-self-end rounded-lg px-2 text-sm font-medium text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-800 sm:justify-self-auto",
                          focusRing,
                        )}
                      >
                        <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-4">
                          <path
                            fillRule="evenodd"
                            d="M5 3.25V4H2.75a.75.75 0 0 0 0 1.5h.3l.815 8.15A1.5 1.5 0 0 0 5.357 15h5.285a1.5 1.5 0 0 0 1.493-1.35l.815-8.15h.3a.75.75 0 0 0 0-1.5H11v-.75A2.25 2.25 0 0 0 8.75 1h-1.5A2.25 2.25 0 0 0 5 3.25Zm2.25-.75a.75.75 0 0 0-.75.75V4h3v-.75a.75.75 0 0 0-.75-.75h-1.5ZM6.05 6a.75.75 0 0 1 .787.713l.275 5.5a.75.75 0 0 1-1.498.075l-.275-5.5A.75.75 0 0 1 6.05 6Zm3.9 0a.75.75 0 0 1 .712.787l-.275 5.5a.75.75 0 0 1-1.498-.075l.275-5.5a.75.75 0 0 1 .786-.711Z"
                            clipRule="evenodd"
                          />
                        </svg>
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

          <Button ref={addButton} variant="secondary" size="sm" onClick={addRow} disabled={rows.length >= MAX_SCOPES} className="mt-3">
            <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-4">
              <path d="M8.75 3.75a.75.75 0 0 0-1.5 0v3.5h-3.5a.75.75 0 0 0 0 1.5h3.5v3.5a.75.75 0 0 0 1.5 0v-3.5h3.5a.75.75 0 0 0 0-1.5h-3.5v-3.5Z" />
            </svg>
            Add scope
          </Button>
          {errors.scopes ? (
            <p id={scopesErrorId} className="mt-2 text-sm text-red-600">
              {errors.scopes}
            </p>
          ) : null}
        </fieldset>
      </div>
    </Dialog>
  );
}


/** The "Create resource server" button and its dialog. */
export function CreateResourceServerButton({ poolId, variant = "primary" }: { poolId: string; variant?: ButtonVariant }) {
  // A new session at every opening, so the form starts empty.
  const { open, session, show, close } = useDialogSession();
  return (
    <>
      <Button
        variant={variant}
        size="sm"
        onClick={show}
      >
        <PlusIcon />
        Create resource server
      </Button>
      <ResourceServerDialog key={session} open={open} onClose={close} poolId={poolId} />
    </>
  );
}

/** Edit and Delete for one resource server's card. */
export function ResourceServerActions({ poolId, server }: { poolId: string; server: ResourceServerData }) {
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const [session, setSession] = useState(0);
  const close = useCallback(() => setDialog(null), []);
  const { run, pending } = useAdminAction();

  // The dialog closes whatever the outcome, so the toast saying it is not hidden behind it.
  const remove = () =>
    run("delete", async () => {
      try {
        await adminApi("DELETE", `/pools/${enc(poolId)}/resource-servers/${enc(server.identifier)}`);
      } finally {
        setDialog(null);
      }
    }, `Resource server ${server.name} deleted.`);

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        aria-label={`Edit ${server.name}`}
        onClick={() => {
          setSession((n) => n + 1);
          setDialog("edit");
        }}
      >
        Edit
      </Button>
      <Button variant="danger-ghost" size="sm" aria-label={`Delete ${server.name}`} onClick={() => setDialog("delete")}>
        Delete
      </Button>

      <ResourceServerDialog key={session} open={dialog === "edit"} onClose={close} poolId={poolId} server={server} />
      <ConfirmDialog
        open={dialog === "delete"}
        tone="danger"
        title={`Delete ${server.name}?`}
        description={
          <>
            <p>
              The resource server <code className="font-mono text-[0.8125rem] break-all">{server.identifier}</code>
              {server.scopes.length > 0 ? ` and its ${server.scopes.length === 1 ? "scope" : `${server.scopes.length} scopes`} are deleted.` : " is deleted."}
            </p>
            {server.scopes.length > 0 ? <p>If an app client is still allowed one of its scopes, remove the scope from that client first.</p> : null}
          </>
        }
        confirmLabel="Delete resource server"
        busy={pending === "delete"}
        onConfirm={() => void remove()}
        onCancel={close}
      />
    </>
  );
}
