"use client";
// Adding or editing one identity provider: its type, the details that type asks for (secrets are
// write-only: left empty, the stored one is kept), the attribute mapping (pool attribute ← the
// provider's claim or SAML attribute) and the identifiers (e.g. email domains) that send users
// straight to it. Saved with PUT /identity-providers/{name}, which creates or replaces it.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { sentence } from "@/components/admin/forms/api-errors.ts";
import { AdminApiError, adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Button } from "@/components/ui/button.tsx";
import { CopyableValue } from "@/components/ui/copy-button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Checkbox, Field, Input, Select, Textarea } from "@/components/ui/field.tsx";
import { FormAlert, FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import type { ProviderType } from "@/lib/federation/config.ts";
import { STANDARD_ATTRIBUTES } from "@/lib/pools/attributes.ts";
import { PROVIDER_CATALOG, flagOn, flagValue, typeInfo, type DetailField } from "./provider-catalog.ts";

/** A provider as the admin API shows it (IdentityProviderView). */
export type ProviderData = {
  name: string;
  type: ProviderType;
  details: Record<string, string>;
  secretsSet: string[];
  attributeMapping: Record<string, string>;
  idpIdentifiers: string[];
};

type MappingRow = { key: number; attribute: string; claim: string };
type Errors = Record<string, string>;

/** Suggested claims of each type for a new provider's mapping. */
const DEFAULT_MAPPING: Record<ProviderType, [string, string][]> = {
  Google: [["email", "email"], ["email_verified", "email_verified"], ["name", "name"]],
  Facebook: [["email", "email"], ["name", "name"]],
  SignInWithApple: [["email", "email"], ["email_verified", "email_verified"]],
  OIDC: [["email", "email"], ["email_verified", "email_verified"]],
  SAML: [["email", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"]],
};

/**
 * Each of the API's issues goes under its field: `body.details.client_id` under the client id,
 * `body.attributeMapping.email` under the mapping. An error that names one field without issues
 * ("details.client_secret is required …") goes under that field, with the field's label for its key.
 */
function errorsOf(error: AdminApiError, labels: Record<string, string>): { fields: Errors; rest: string | null } {
  const fields: Errors = {};
  const rest: string[] = [];
  for (const issue of error.issues) {
    const match = /^(?:body\.)?((?:details\.)?\w+)/.exec(issue.path);
    if (match) fields[match[1]!] = sentence(issue.message);
    else rest.push(`${issue.path}: ${issue.message}`);
  }
  if (!error.issues.length) {
    if (error.field) {
      const key = error.field.replace(/^\d+\./, "");
      fields[key] = sentence(error.message.replace(/^details\.(\w+)/, (_m, name: string) => labels[name] ?? name));
      return { fields, rest: null };
    }
    rest.push(error.message);
  }
  return { fields, rest: rest.length ? rest.join(" ") : null };
}

// Keys of the mapping rows (React's list keys): only unique, never shown.
let lastRowKey = 0;
const row = (attribute = "", claim = ""): MappingRow => ({ key: lastRowKey++, attribute, claim });

export function IdentityProviderDialog({ open, onClose, poolId, provider, redirectUri, taken }: {
  open: boolean;
  onClose: () => void;
  poolId: string;
  /** The provider to edit; omitted to add one. */
  provider?: ProviderData;
  redirectUri: string;
  /** Names of the pool's other providers (a social type may be added once). */
  taken: string[];
}) {
  const editing = !!provider;
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const firstFree = PROVIDER_CATALOG.find((t) => !t.social || !taken.includes(t.type))?.type ?? "OIDC";
  const [type, setType] = useState<ProviderType>(provider?.type ?? firstFree);
  const [name, setName] = useState(provider?.name ?? "");
  const [details, setDetails] = useState<Record<string, string>>(provider?.details ?? {});
  const [mapping, setMapping] = useState<MappingRow[]>(() =>
    provider ? Object.entries(provider.attributeMapping).map(([a, c]) => row(a, c)) : DEFAULT_MAPPING[firstFree].map(([a, c]) => row(a, c)),
  );
  const [identifiers, setIdentifiers] = useState((provider?.idpIdentifiers ?? []).join(", "));
  const [showEndpoints, setShowEndpoints] = useState(() => !!provider && typeInfo(provider.type).fields.some((f) => f.advanced && provider.details[f.key]));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const info = typeInfo(type);
  const effectiveName = info.social ? type : name.trim();
  const storedSecret = (key: string) => !!provider && provider.type === type && provider.secretsSet.includes(key);

  const chooseType = (next: ProviderType) => {
    setType(next);
    setErrors({});
    if (!editing) setMapping(DEFAULT_MAPPING[next].map(([a, c]) => row(a, c)));
  };
  const setDetail = (key: string, value: string | undefined) => {
    setDetails((d) => {
      const { [key]: _old, ...rest } = d;
      return value === undefined ? rest : { ...rest, [key]: value };
    });
    if (errors[`details.${key}`]) setErrors(({ [`details.${key}`]: _gone, ...rest }) => rest);
  };

  const body = () => {
    const out: Record<string, string> = {};
    for (const field of info.fields) {
      const value = details[field.key];
      if (field.kind === "flag") {
        const flag = flagValue(field.key, flagOn(field.key, value));
        if (flag !== undefined) out[field.key] = flag;
      } else if (value?.trim()) out[field.key] = field.kind === "secret-multiline" || field.kind === "multiline" ? value : value.trim();
    }
    return {
      name: effectiveName,
      type,
      details: out,
      attributeMapping: Object.fromEntries(mapping.filter((m) => m.attribute.trim() && m.claim.trim()).map((m) => [m.attribute.trim(), m.claim.trim()])),
      idpIdentifiers: identifiers.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
    };
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    if (!effectiveName) {
      setErrors({ name: "Enter a name." });
      return;
    }
    setBusy(true);
    try {
      await adminApi("PUT", `/pools/${enc(poolId)}/identity-providers/${enc(effectiveName)}`, body());
      toast.success(editing ? `${effectiveName} saved.` : `${effectiveName} added.`);
      onClose();
      router.refresh();
    } catch (error) {
      if (error instanceof AdminApiError) {
        const { fields, rest } = errorsOf(error, Object.fromEntries(info.fields.map((f) => [f.key, f.label])));
        setErrors(fields);
        setFormError(rest ?? (Object.keys(fields).length ? "Check the fields marked below." : error.message));
      } else setFormError(error instanceof Error ? error.message : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  };

  const control = (field: DetailField) => {
    const value = details[field.key] ?? "";
    const label = field.label;
    const error = errors[`details.${field.key}`];
    if (field.kind === "flag")
      return (
        <div key={field.key}>
          <Checkbox label={label} description={field.hint} checked={flagOn(field.key, details[field.key])} onChange={(e) => setDetail(field.key, flagValue(field.key, e.target.checked))} />
          {error ? <p className="mt-1 text-sm text-red-600">{error}</p> : null}
        </div>
      );
    const secret = field.kind === "secret" || field.kind === "secret-multiline";
    const kept = secret && storedSecret(field.key);
    const hint = kept ? "Stored — leave empty to keep it. Type a new one to replace it." : field.hint;
    return (
      <Field key={field.key} label={label} hint={hint} error={error} optional={field.optional}>
        {(p) =>
          field.kind === "multiline" || field.kind === "secret-multiline" ? (
            <Textarea {...p} rows={field.kind === "multiline" ? 4 : 5} className="font-mono text-xs" value={value} placeholder={kept ? "•••••••• (stored)" : field.placeholder}
              onChange={(e) => setDetail(field.key, e.target.value)} spellCheck={false} autoComplete="off" />
          ) : field.kind === "select" ? (
            <Select {...p} value={value || field.options![0]} onChange={(e) => setDetail(field.key, e.target.value)}>
              {field.options!.map((o) => <option key={o} value={o}>{o}</option>)}
            </Select>
          ) : (
            <Input {...p} type={secret ? "password" : field.kind === "url" ? "url" : "text"} value={value} placeholder={kept ? "•••••••• (stored)" : field.placeholder}
              onChange={(e) => setDetail(field.key, e.target.value)} autoComplete={secret ? "new-password" : "off"} spellCheck={false} />
          )
        }
      </Field>
    );
  };

  const basic = info.fields.filter((f) => !f.advanced);
  const advanced = info.fields.filter((f) => f.advanced);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="lg"
      title={editing ? `Edit ${provider.name}` : "Add an identity provider"}
      description={editing ? `${info.label} provider` : "Users of the app clients that offer it sign in there and come back as users of this pool."}
      formProps={{ onSubmit: (e) => void submit(e), noValidate: true, "aria-label": editing ? `Edit ${provider.name}` : "Add an identity provider" }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel={editing ? "Save provider" : "Add provider"} />}
    >
      <FormAlert message={formError} />
      <div className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Type" hint={info.description}>
            {(p) => (
              <Select {...p} value={type} disabled={editing} onChange={(e) => chooseType(e.target.value as ProviderType)}>
                {PROVIDER_CATALOG.map((t) => (
                  <option key={t.type} value={t.type} disabled={!editing && t.social && taken.includes(t.type)}>
                    {t.label}{!editing && t.social && taken.includes(t.type) ? " (added)" : ""}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Name" error={errors.name} hint={info.social ? "Social providers are named after their type, as in Cognito." : "Clients list it by this name; no spaces. It cannot be changed later."}>
            {(p) => (
              <Input {...p} value={info.social ? type : name} disabled={info.social || editing} onChange={(e) => setName(e.target.value)} placeholder="Okta" autoComplete="off" spellCheck={false} />
            )}
          </Field>
        </div>

        {type !== "SAML" ? <CopyableValue label="Redirect URI to register at the provider" value={redirectUri} copyLabel="Copy the redirect URI" /> : null}

        <fieldset className="space-y-4">
          <legend className="mb-3 text-sm font-semibold text-zinc-900">{info.label} details</legend>
          {basic.map(control)}
          {advanced.length ? (
            <div>
              <Button variant="ghost" size="sm" className="-ml-3" aria-expanded={showEndpoints} aria-controls={`${id}-endpoints`} onClick={() => setShowEndpoints((s) => !s)}>
                {showEndpoints ? "Hide endpoints" : "Override endpoints"}
              </Button>
              <div id={`${id}-endpoints`} hidden={!showEndpoints} className="mt-3 space-y-4">
                {advanced.map(control)}
              </div>
            </div>
          ) : null}
        </fieldset>

        <fieldset>
          <legend className="text-sm font-semibold text-zinc-900">Attribute mapping</legend>
          <p className="mt-1 text-sm text-zinc-500">Each sign-in copies the provider&apos;s value into the user&apos;s attribute.</p>
          {errors.attributeMapping ? <p className="mt-1 text-sm text-red-600">{errors.attributeMapping}</p> : null}
          <datalist id={`${id}-attributes`}>
            {[...STANDARD_ATTRIBUTES, "email_verified", "phone_number_verified", "username"].map((a) => <option key={a} value={a} />)}
          </datalist>
          {mapping.length ? (
            <div aria-hidden="true" className="mt-3 flex items-center gap-2 text-xs font-medium text-zinc-500">
              <span className="flex-1">Pool attribute</span>
              <span className="w-3" />
              <span className="flex-1">{type === "SAML" ? "SAML attribute" : "Provider's claim"}</span>
              <span className="w-[4.5rem]" />
            </div>
          ) : null}
          <ul className="mt-1.5 space-y-2">
            {mapping.map((m, index) => (
              <li key={m.key} className="flex items-center gap-2">
                <Input aria-label={`Pool attribute ${index + 1}`} list={`${id}-attributes`} value={m.attribute} placeholder="email" className="min-w-0 flex-1 font-mono text-xs"
                  onChange={(e) => setMapping((all) => all.map((r) => (r.key === m.key ? { ...r, attribute: e.target.value } : r)))} autoComplete="off" spellCheck={false} />
                <span aria-hidden="true" className="w-3 text-center text-zinc-500">←</span>
                <Input aria-label={`Provider attribute ${index + 1}`} value={m.claim} placeholder={type === "SAML" ? "SAML attribute name" : "claim"} className="min-w-0 flex-1 font-mono text-xs"
                  onChange={(e) => setMapping((all) => all.map((r) => (r.key === m.key ? { ...r, claim: e.target.value } : r)))} autoComplete="off" spellCheck={false} />
                <Button variant="danger-ghost" size="sm" className="w-[4.5rem] shrink-0" aria-label={`Remove mapping ${index + 1}`} onClick={() => setMapping((all) => all.filter((r) => r.key !== m.key))}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
          <Button className="mt-2" variant="secondary" size="sm" onClick={() => setMapping((all) => [...all, row()])}>
            Add mapping
          </Button>
        </fieldset>

        <Field label="Identifiers" optional error={errors.idpIdentifiers} hint="Email domains or names, separated by commas: a user who types an address at one of these domains goes straight to this provider.">
          {(p) => <Input {...p} value={identifiers} onChange={(e) => setIdentifiers(e.target.value)} placeholder="example.com, example.org" autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
    </Dialog>
  );
}
