"use client";
// Create or edit a resource server: its identifier (only when creating), its name and its scopes,
// checked with ResourceServerSchema's rules (resource-server-schema.ts) through the console's form hook.
import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import type { FieldError } from "react-hook-form";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field, Input } from "@/components/ui/field.tsx";
import { FormAlert, FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { RESOURCE_SERVER_MESSAGES, resourceServerFormSchema } from "./resource-server-schema.ts";
import { ScopeRows } from "./scope-rows.tsx";

export type ResourceServerData = { identifier: string; name: string; scopes: { name: string; description: string }[] };

type ResourceServerDialogProps = {
  open: boolean;
  onClose: () => void;
  poolId: string;
  /** The server to edit; omitted to create one. */
  server?: ResourceServerData;
};

/** The parent remounts this dialog (with a new key) at every opening, so it starts fresh. */
export function ResourceServerDialog({ open, onClose, poolId, server }: ResourceServerDialogProps) {
  const creating = !server;
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement | null>(null);
  const schema = useMemo(() => resourceServerFormSchema(creating), [creating]);

  // The first control marked invalid, else the first scope's name, else "Add scope".
  const focusFirstError = () =>
    requestAnimationFrame(() => {
      const form = formRef.current;
      const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (invalid ?? form?.querySelector<HTMLElement>("li input") ?? form?.querySelector<HTMLElement>("fieldset button:not([aria-label])"))?.focus();
    });

  const { form, register, onSubmit, formError, errorOf, busy } = useApiForm({
    schema,
    defaultValues: {
      identifier: "",
      name: server?.name ?? "",
      scopes: server ? server.scopes.map((s) => ({ name: s.name, description: s.description })) : [{ name: "", description: "" }],
    },
    messages: RESOURCE_SERVER_MESSAGES,
    onInvalid: focusFirstError,
    submit: async ({ identifier, name, scopes }) => {
      try {
        if (creating) {
          await adminApi("POST", `/pools/${enc(poolId)}/resource-servers`, { identifier, name, scopes });
          toast.success(`Resource server ${name} created.`);
        } else {
          await adminApi("PATCH", `/pools/${enc(poolId)}/resource-servers/${enc(server.identifier)}`, { name, scopes });
          toast.success(`Resource server ${name} saved.`);
        }
        onClose();
        router.refresh();
      } catch (error) {
        focusFirstError();
        throw error;
      }
    },
  });

  // An error about the scopes as a whole (react-hook-form keeps a list's own error at `root`), also said in the alert.
  const scopesError = form.formState.errors.scopes as (FieldError & { root?: FieldError }) | undefined;
  const listError = scopesError?.root?.message ?? scopesError?.message;
  const prefix = (server?.identifier ?? form.watch("identifier").trim()) || "identifier";

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
      formProps={{
        onSubmit: (event) => {
          formRef.current = event.currentTarget;
          void onSubmit(event);
        },
        noValidate: true,
      }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel={creating ? "Create resource server" : "Save changes"} />}
    >
      <FormAlert message={formError ?? listError ?? null} />
      <div className="space-y-5">
        {creating ? (
          <Field label="Identifier" required error={errorOf("identifier")} hint="Usually the API's URL. Scopes are named identifier/scope. It cannot be changed later.">
            {(p) => (
              <Input
                {...p}
                {...register("identifier")}
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
        <Field label="Name" required error={errorOf("name")} hint="A friendly name shown in this console.">
          {(p) => <Input {...p} {...register("name")} maxLength={256} autoComplete="off" placeholder="e.g. Orders API" />}
        </Field>
        <ScopeRows
          form={form}
          errorOf={errorOf}
          listError={listError}
          prefix={prefix}
          creating={creating}
        />
      </div>
    </Dialog>
  );
}
