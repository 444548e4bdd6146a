"use client";
// One form for creating a pool and editing its settings: every setting the config file has.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card.tsx";
import { Checkbox, Field, Input, Select, Switch } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { LANGUAGE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales.ts";
import { ATTRIBUTE_LABELS, STANDARD_ATTRIBUTES, type CustomAttribute } from "@/lib/pools/attributes.ts";
import { AdminApiError, adminApi } from "../use-admin-api.ts";
import { DEFAULT_FACTOR_SETTINGS, PoolFactorFields, type FactorSettings } from "./pool-factor-fields.tsx";

export type PoolFormValues = FactorSettings & {
  id?: string;
  name: string;
  signInAliases: string[];
  autoVerifiedAttributes: string[];
  requiredAttributes: string[];
  selfSignUp: boolean;
  passwordPolicy: { minLength: number; requireLowercase: boolean; requireUppercase: boolean; requireNumbers: boolean; requireSymbols: boolean; temporaryPasswordValidityDays: number };
  customAttributes: CustomAttribute[];
  /** The language of pages and messages when neither the user nor the browser names one Gatehouse speaks. */
  defaultLanguage: Locale;
};

export const NEW_POOL: PoolFormValues = {
  ...DEFAULT_FACTOR_SETTINGS,
  name: "", signInAliases: ["email"], autoVerifiedAttributes: ["email"], requiredAttributes: ["email"], selfSignUp: true,
  passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: 7 },
  customAttributes: [],
  defaultLanguage: "en",
};

const ALIASES = [["email", "Email address"], ["phone", "Phone number"], ["username", "Username"]] as const;

function toggle(list: string[], value: string, on: boolean) {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

export function PoolForm({ mode, initial, hasUsers = false, system = false, defaultRelyingPartyId }: {
  mode: "create" | "edit"; initial: PoolFormValues; hasUsers?: boolean; system?: boolean;
  /** The host of PUBLIC_URL, shown as the passkeys' relying party when the pool names none. */
  defaultRelyingPartyId: string;
}) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const existingCustom = new Set(initial.customAttributes.map((a) => a.name));
  const router = useRouter();
  const toast = useToast();
  const set = <K extends keyof PoolFormValues>(key: K, value: PoolFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setPolicy = <K extends keyof PoolFormValues["passwordPolicy"]>(key: K, value: PoolFormValues["passwordPolicy"][K]) =>
    setValues((v) => ({ ...v, passwordPolicy: { ...v.passwordPolicy, [key]: value } }));
  const errorFor = (field: string) => (error?.field === field ? error.message : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { id, ...settings } = values;
      if (mode === "create") {
        const pool = await adminApi<{ id: string }>("POST", "/pools", { ...settings, ...(id ? { id } : {}) });
        toast.success(`Created pool ${pool.id}`);
        router.push(`/admin/pools/${pool.id}`);
      } else {
        await adminApi("PATCH", `/pools/${initial.id}`, settings);
        toast.success("Settings saved");
        router.refresh();
      }
    } catch (e) {
      const err = e instanceof AdminApiError ? { message: e.message, ...(e.field ? { field: e.field } : {}) } : { message: "Something went wrong." };
      setError(err);
      toast.error(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      {error && !error.field ? <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-red-800">{error.message}</p> : null}
      <Card>
        <CardHeader title="General" />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label="Pool name" error={errorFor("name")}>
            {(p) => <Input {...p} value={values.name} onChange={(e) => set("name", e.target.value)} required maxLength={128} autoFocus={mode === "create"} />}
          </Field>
          {mode === "create" ? (
            <Field label="Pool ID" optional hint="Generated when empty, like local_a1B2c3D4e." error={errorFor("id")}>
              {(p) => <Input {...p} value={values.id ?? ""} onChange={(e) => set("id", e.target.value || undefined)} className="font-mono" />}
            </Field>
          ) : null}
          <Field label="Default language" hint="For hosted pages, the account page and messages when neither the user's locale nor the browser names a language Gatehouse speaks." error={errorFor("defaultLanguage")}>
            {(p) => (
              <Select {...p} value={values.defaultLanguage} onChange={(e) => set("defaultLanguage", e.target.value as Locale)}>
                {LOCALES.map((locale) => <option key={locale} value={locale} lang={locale}>{LANGUAGE_NAMES[locale]}</option>)}
              </Select>
            )}
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Sign-in" description={hasUsers ? "Sign-in options cannot change once the pool has users, as in Cognito." : "How users identify themselves. A pool with usernames can also let them sign in with a verified email or phone."} />
        <CardBody className="space-y-5">
          <fieldset>
            <legend className="font-medium text-zinc-800">Users sign in with</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              {ALIASES.map(([value, label]) => (
                <Checkbox key={value} label={label} name="signInAliases" checked={values.signInAliases.includes(value)} disabled={hasUsers}
                  onChange={(e) => set("signInAliases", toggle(values.signInAliases, value, e.target.checked))} />
              ))}
            </div>
            {errorFor("signInAliases") ? <p className="mt-1 text-red-700">{errorFor("signInAliases")}</p> : null}
          </fieldset>
          <fieldset>
            <legend className="font-medium text-zinc-800">Verify automatically by sending a code to</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              <Checkbox label="Email" checked={values.autoVerifiedAttributes.includes("email")} onChange={(e) => set("autoVerifiedAttributes", toggle(values.autoVerifiedAttributes, "email", e.target.checked))} />
              <Checkbox label="Phone number" checked={values.autoVerifiedAttributes.includes("phone_number")} onChange={(e) => set("autoVerifiedAttributes", toggle(values.autoVerifiedAttributes, "phone_number", e.target.checked))} />
            </div>
          </fieldset>
          <Switch label="Self sign-up" description={system ? "The console's pool never allows it." : "Let people create their own accounts on the hosted pages."} checked={values.selfSignUp} disabled={system} onChange={(e) => set("selfSignUp", e.target.checked)} className="sm:max-w-md" />
        </CardBody>
      </Card>

      <PoolFactorFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} errorFor={errorFor} defaultRelyingPartyId={defaultRelyingPartyId} />

      <Card>
        <CardHeader title="Password policy" />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label="Minimum length" hint="6 to 99 characters." error={errorFor("passwordPolicy")}>
            {(p) => <Input {...p} type="number" min={6} max={99} value={values.passwordPolicy.minLength} onChange={(e) => setPolicy("minLength", Number(e.target.value))} />}
          </Field>
          <Field label="Temporary passwords expire after (days)" hint="1 to 365 days.">
            {(p) => <Input {...p} type="number" min={1} max={365} value={values.passwordPolicy.temporaryPasswordValidityDays} onChange={(e) => setPolicy("temporaryPasswordValidityDays", Number(e.target.value))} />}
          </Field>
          <fieldset className="sm:col-span-2">
            <legend className="font-medium text-zinc-800">Require</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-4">
              <Checkbox label="Lowercase letter" checked={values.passwordPolicy.requireLowercase} onChange={(e) => setPolicy("requireLowercase", e.target.checked)} />
              <Checkbox label="Uppercase letter" checked={values.passwordPolicy.requireUppercase} onChange={(e) => setPolicy("requireUppercase", e.target.checked)} />
              <Checkbox label="Number" checked={values.passwordPolicy.requireNumbers} onChange={(e) => setPolicy("requireNumbers", e.target.checked)} />
              <Checkbox label="Symbol" checked={values.passwordPolicy.requireSymbols} onChange={(e) => setPolicy("requireSymbols", e.target.checked)} />
            </div>
          </fieldset>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Attributes" description="Required attributes are asked for at sign-up. Custom attributes appear in ID tokens as custom:name; they can be added but not removed." />
        <CardBody className="space-y-5">
          <fieldset>
            <legend className="font-medium text-zinc-800">Required at sign-up</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-3 lg:grid-cols-4">
              {STANDARD_ATTRIBUTES.filter((a) => a !== "updated_at").map((attribute) => (
                <Checkbox key={attribute} label={ATTRIBUTE_LABELS[attribute]} checked={values.requiredAttributes.includes(attribute)}
                  onChange={(e) => set("requiredAttributes", toggle(values.requiredAttributes, attribute, e.target.checked))} />
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="font-medium text-zinc-800">Custom attributes</legend>
            {errorFor("customAttributes") ? <p className="mt-1 text-red-700">{errorFor("customAttributes")}</p> : null}
            <ul className="mt-2 space-y-2">
              {values.customAttributes.map((attribute, i) => {
                const locked = existingCustom.has(attribute.name) && mode === "edit";
                const update = (patch: Partial<CustomAttribute>) => set("customAttributes", values.customAttributes.map((a, j) => (j === i ? { ...a, ...patch } : a)));
                return (
                  <li key={i} className="flex flex-wrap items-end gap-2 rounded-lg border border-zinc-200 p-3">
                    <Field label="Name" className="min-w-40 flex-1">
                      {(p) => <Input {...p} value={attribute.name} disabled={locked} onChange={(e) => update({ name: e.target.value })} className="font-mono" />}
                    </Field>
                    <Field label="Type">
                      {(p) => (
                        <Select {...p} value={attribute.type} disabled={locked} onChange={(e) => update({ type: e.target.value as CustomAttribute["type"] })}>
                          <option>String</option><option>Number</option><option>Boolean</option><option>DateTime</option>
                        </Select>
                      )}
                    </Field>
                    <Checkbox label="Mutable" checked={attribute.mutable} disabled={locked} onChange={(e) => update({ mutable: e.target.checked })} className="pb-2" />
                    {locked ? null : (
                      <Button variant="ghost" size="sm" onClick={() => set("customAttributes", values.customAttributes.filter((_, j) => j !== i))} aria-label={`Remove custom attribute ${attribute.name || i + 1}`}>
                        Remove
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
            <Button variant="secondary" size="sm" className="mt-3" onClick={() => set("customAttributes", [...values.customAttributes, { name: "", type: "String", mutable: true }])}>
              Add custom attribute
            </Button>
          </fieldset>
        </CardBody>
        <CardFooter>
          <Button type="submit" loading={busy}>{mode === "create" ? "Create user pool" : "Save settings"}</Button>
        </CardFooter>
      </Card>
    </form>
  );
}
