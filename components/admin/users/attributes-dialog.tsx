"use client";
// The Edit attributes dialog of a user's page: a field per attribute the pool requires, the user has
// or the admin adds, with the verified flags of email and phone. Its form checks the admin API's
// own attributes schema (lib/admin/users/user-bodies.ts), and sends only what changed.
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import { adminApi } from "@/components/admin/use-admin-api.ts";
import { AttributeLabel, ErrorAlert, labelOf, userPath, type UserRef } from "@/components/admin/users/user-ref.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Checkbox, Field, Input, Select } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { AttributesSchema } from "@/lib/admin/users/user-bodies.ts";
import { ATTRIBUTE_LABELS, STANDARD_ATTRIBUTES, type CustomAttribute } from "@/lib/pools/attributes.ts";

type AttributeKind = "email" | "tel" | "date" | "url" | "number" | "boolean" | "text";
type EditableAttribute = { name: string; kind: AttributeKind; required: boolean; locked: boolean; hint?: string };

export type AttributesDialogProps = UserRef & {
  attributes: Record<string, string>;
  requiredAttributes: string[];
  customAttributes: CustomAttribute[];
};

const HIDDEN = new Set(["sub", "email_verified", "phone_number_verified"]);

/** The addresses a user can verify, each with its flag attribute and the checkbox under its field. */
const ADDRESSES = {
  email: { flag: "email_verified", label: "Email verified", description: "Verified addresses can be used to sign in and to recover the account." },
  phone_number: { flag: "phone_number_verified", label: "Phone number verified", description: "Verified numbers can be used to sign in and to recover the account." },
} as const;
type Address = keyof typeof ADDRESSES;
const ADDRESS_NAMES = Object.keys(ADDRESSES) as Address[];

function isAddress(name: string): name is Address {
  return name in ADDRESSES;
}

function kindOf(name: string, custom: CustomAttribute | undefined): AttributeKind {
  if (custom) return custom.type === "Number" ? "number" : custom.type === "Boolean" ? "boolean" : "text";
  if (name === "email") return "email";
  if (name === "phone_number") return "tel";
  if (name === "website" || name === "profile" || name === "picture") return "url";
  if (name === "updated_at") return "number";
  return "text";
}

export function AttributesDialog({ open, onClose, attributes, requiredAttributes, customAttributes, ...user }: AttributesDialogProps & { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const addId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [added, setAdded] = useState<string[]>([]);
  const [original] = useState(() => ({ email: attributes.email_verified === "true", phone_number: attributes.phone_number_verified === "true" }));
  const [verified, setVerified] = useState(original);

  // Email and phone first, then what the pool requires, what the user has, the pool's custom
  // attributes, and any the admin adds here.
  const names: string[] = [];
  const push = (name: string) => {
    if (!HIDDEN.has(name) && !names.includes(name)) names.push(name);
  };
  ["email", "phone_number", ...requiredAttributes].forEach(push);
  STANDARD_ATTRIBUTES.filter((name) => attributes[name] !== undefined).forEach(push);
  customAttributes.forEach((a) => push(`custom:${a.name}`));
  Object.keys(attributes).sort().forEach(push);
  added.forEach(push);
  const fields: EditableAttribute[] = names.map((name) => {
    const custom = name.startsWith("custom:") ? customAttributes.find((a) => `custom:${a.name}` === name) : undefined;
    // Immutable attributes are written only when the user is created (the server refuses the rest).
    const locked = Boolean(custom && !custom.mutable);
    const kind = kindOf(name, custom);
    const hint = locked
      ? "Immutable: set only when the user is created."
      : kind === "tel"
        ? "International format, like +14155550123."
        : name === "birthdate"
          ? "YYYY-MM-DD, like 1990-04-23."
        : custom?.type === "DateTime"
          ? "A date and time, like 2025-01-31T09:30:00Z."
          : undefined;
    return { name, kind, required: requiredAttributes.includes(name), locked, ...(hint ? { hint } : {}) };
  });
  const addable = STANDARD_ATTRIBUTES.filter((name) => !names.includes(name));

  // What the pool requires must not be left empty; the console checks it before the API does.
  const required = fields.filter((field) => field.required && !field.locked).map((field) => field.name);
  const schema = AttributesSchema.superRefine((values, ctx) => {
    for (const name of required) if ((values[name] ?? "").trim() === "") ctx.addIssue({ code: "custom", path: [name], message: "is required" });
  });
  const { form, register, onSubmit, formError, errorOf, busy } = useApiForm({
    schema,
    defaultValues: { ...attributes },
    messages: Object.fromEntries(required.map((name) => [name, { custom: `${labelOf(name)} is required in this pool.` }])),
    submit: async (values) => {
      const changes: Record<string, string> = {};
      for (const field of fields) {
        if (field.locked) continue;
        const value = (values[field.name] ?? "").trim();
        if (value !== (attributes[field.name] ?? "")) changes[field.name] = value;
      }
      for (const name of ADDRESS_NAMES) {
        const given = (values[name] ?? "").trim() !== "";
        if (given && (name in changes || verified[name] !== original[name])) changes[ADDRESSES[name].flag] = String(verified[name]);
      }
      if (Object.keys(changes).length === 0) {
        toast.info("No changes to save");
        onClose();
        return;
      }
      await adminApi("PATCH", userPath(user), { attributes: changes });
      toast.success("Attributes saved");
      onClose();
      router.refresh();
    },
  });
  const values = form.watch();

  // A changed address is unverified unless the admin says otherwise.
  const onAddressChange = (name: string, value: string) => {
    if (isAddress(name)) setVerified((v) => ({ ...v, [name]: value.trim() === (attributes[name] ?? "") ? original[name] : false }));
  };
  const control = (name: string) => register(name, { onChange: (event: { target: { value: string } }) => onAddressChange(name, event.target.value) });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="lg"
      title="Edit attributes"
      description={<>Clear a field to remove the attribute. Changes apply to the next tokens the user gets.</>}
      formProps={{ onSubmit: (event) => void onSubmit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel="Save attributes" />}
    >
      <div ref={bodyRef} className="space-y-5">
        {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
        {fields.map((field) => (
          <div key={field.name} className="space-y-2.5">
            <Field
              label={<AttributeLabel name={field.name} />}
              required={field.required}
              optional={!field.required}
              hint={field.hint}
              error={errorOf(field.name)}
            >
              {(p) =>
                field.kind === "boolean" ? (
                  <Select {...p} {...control(field.name)} disabled={field.locked || busy}>
                    <option value="">Not set</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </Select>
                ) : (
                  <Input
                    {...p}
                    {...control(field.name)}
                    type={field.kind === "number" ? "text" : field.kind}
                    inputMode={field.kind === "number" ? "decimal" : undefined}
                    disabled={field.locked || busy}
                    autoComplete="off"
                    autoCapitalize={field.kind === "text" ? undefined : "none"}
                    spellCheck={field.kind === "text" ? undefined : false}
                    maxLength={2048}
                  />
                )
              }
            </Field>
            {isAddress(field.name) && (values[field.name] ?? "").trim() ? (
              <Checkbox
                label={ADDRESSES[field.name].label}
                description={ADDRESSES[field.name].description}
                checked={verified[field.name]}
                disabled={busy}
                onChange={(e) => setVerified((v) => ({ ...v, [field.name]: e.target.checked }))}
              />
            ) : null}
          </div>
        ))}
        {addable.length > 0 ? (
          <div className="border-t border-zinc-200 pt-5">
            <label htmlFor={addId} className="mb-1.5 block text-sm font-medium text-zinc-900">
              Add a standard attribute
            </label>
            <Select
              id={addId}
              value=""
              disabled={busy}
              className="sm:max-w-72"
              onChange={(e) => {
                const name = e.target.value;
                if (!name) return;
                setAdded((list) => [...list, name]);
                // Into the new field, once it is rendered.
                requestAnimationFrame(() => bodyRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus());
              }}
            >
              <option value="">Choose an attribute…</option>
              {addable.map((name) => (
                <option key={name} value={name}>
                  {ATTRIBUTE_LABELS[name]} ({name})
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

