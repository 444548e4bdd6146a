"use client";
// The identity pool form, for creating and editing: name and guest access, the providers with
// their role mappings, the default roles and where credentials come from. Saved whole (POST, or
// PUT which replaces); the API's messages go under the fields they name.
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Section } from "@/components/admin/clients/client-form-parts.tsx";
import { Button, ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardFooter } from "@/components/ui/card.tsx";
import { Field, Input, Select, Switch } from "@/components/ui/field.tsx";
import { FormAlert } from "@/components/ui/form-dialog.tsx";
import { PlusIcon } from "@/components/ui/icons.tsx";
import { errorAt } from "@/components/admin/forms/api-errors.ts";
import { useWholeForm } from "@/components/admin/use-whole-form.ts";
import { initialValues, newProvider, toBody, type IdentityPoolData, type PoolChoice, type ProviderRow, type Values } from "./identity-pool-model.ts";
import { ProviderFields } from "./provider-fields.tsx";

export function IdentityPoolForm({ pool, pools, publicUrl }: { pool?: IdentityPoolData; pools: PoolChoice[]; publicUrl: string }) {
  const creating = !pool;
  const { values, update, errors, formError, busy, dirty, submit, discard } = useWholeForm<Values>({
    initial: () => initialValues(pool),
    noun: "identity pool",
    nameId: "identity-pool-name",
    async save(v) {
      if (creating) {
        const created = await adminApi<{ id: string; name: string }>("POST", "/identity-pools", toBody(v));
        return { href: `/admin/identity-pools/${enc(created.id)}`, name: created.name };
      }
      await adminApi("PUT", `/identity-pools/${enc(pool.id)}`, toBody(v));
      return null;
    },
  }, [pool]);

  const setProvider = (key: number, next: ProviderRow) => update("providers", values.providers.map((p) => (p.key === key ? next : p)));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={creating ? "Create identity pool" : "Identity pool settings"}>
      <Card>
        <div className={formError ? "px-4 pt-5 sm:px-6" : undefined}><FormAlert message={formError} /></div>
        <div className="divide-y divide-zinc-200">
          <Section title="General" description="Guests get credentials without signing in, with the unauthenticated role.">
            <Field label="Name" id="identity-pool-name" error={errors.name} hint="Letters, digits, spaces and _.">
              {(p) => <Input {...p} value={values.name} onChange={(e) => update("name", e.target.value)} placeholder="app" autoComplete="off" />}
            </Field>
            <div className="rounded-lg border border-zinc-200 p-4">
              <Switch label="Allow guests" description="Unauthenticated identities: apps get credentials before anyone signs in (Amplify's guest access)."
                checked={values.allowUnauthenticatedIdentities} onChange={(e) => update("allowUnauthenticatedIdentities", e.target.checked)} />
            </div>
            <div className="rounded-lg border border-zinc-200 p-4">
              <Switch label="Allow the basic (classic) flow" description="GetOpenIdToken for apps that call AssumeRoleWithWebIdentity themselves."
                checked={values.allowClassicFlow} onChange={(e) => update("allowClassicFlow", e.target.checked)} />
            </div>
          </Section>

          <Section title="Sign-in providers" description="User pool app clients whose ID tokens this identity pool trades for credentials, and the role each user gets.">
            {values.providers.length === 0 ? (
              <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500">
                No providers: only {values.allowUnauthenticatedIdentities ? "guests and " : ""}developer-authenticated identities get credentials.
              </p>
            ) : (
              <div className="space-y-4">
                {values.providers.map((row, index) => (
                  <ProviderFields key={row.key} row={row} index={index} pools={pools} publicUrl={publicUrl} errors={errors}
                    onChange={(next) => setProvider(row.key, next)} onRemove={() => update("providers", values.providers.filter((p) => p.key !== row.key))} />
                ))}
              </div>
            )}
            <Button variant="secondary" size="sm" disabled={!pools.length} onClick={() => update("providers", [...values.providers, newProvider(pools)])}>
              <PlusIcon />
              Add provider
            </Button>
            {!pools.length ? <p className="text-sm text-zinc-500">Create a user pool with an app client first.</p> : null}
            <Field label="Developer provider name" optional error={errors.developerProviderName} hint="For identities your own back end vouches for (GetOpenIdTokenForDeveloperIdentity), e.g. login.example.">
              {(p) => <Input {...p} value={values.developerProviderName} onChange={(e) => update("developerProviderName", e.target.value)} placeholder="login.example" autoComplete="off" spellCheck={false} />}
            </Field>
          </Section>

          <Section title="Roles" description="The IAM roles credentials are issued for, unless a provider's mapping chooses another.">
            <Field label="Authenticated role ARN" optional error={errorAt(errors, "roles.authenticated")}>
              {(p) => <Input {...p} className="font-mono text-xs" value={values.authenticatedRole} onChange={(e) => update("authenticatedRole", e.target.value)} placeholder="arn:aws:iam::123456789012:role/AppUser" autoComplete="off" spellCheck={false} />}
            </Field>
            <Field label="Unauthenticated role ARN" optional error={errorAt(errors, "roles.unauthenticated")} hint="The guests' role.">
              {(p) => <Input {...p} className="font-mono text-xs" value={values.unauthenticatedRole} onChange={(e) => update("unauthenticatedRole", e.target.value)} placeholder="arn:aws:iam::123456789012:role/AppGuest" autoComplete="off" spellCheck={false} />}
            </Field>
          </Section>

          <Section title="Credentials" description="Local credentials are minted by Gatehouse and checked by its STS GetCallerIdentity; STS ones are real AWS credentials from AssumeRoleWithWebIdentity.">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Issued by" error={errors["credentials.mode"]}>
                {(p) => (
                  <Select {...p} value={values.mode} onChange={(e) => update("mode", e.target.value as Values["mode"])}>
                    <option value="local">Gatehouse (local)</option>
                    <option value="sts">AWS STS</option>
                  </Select>
                )}
              </Field>
              <Field label="Lifetime in seconds" error={errors["credentials.durationSeconds"]} hint="900 to 43,200 (15 minutes to 12 hours).">
                {(p) => <Input {...p} inputMode="numeric" value={values.durationSeconds} onChange={(e) => update("durationSeconds", e.target.value)} autoComplete="off" />}
              </Field>
            </div>
            {values.mode === "sts" ? (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="STS endpoint" optional error={errors["credentials.endpoint"]} hint="Default: AWS's regional endpoint.">
                  {(p) => <Input {...p} type="url" value={values.endpoint} onChange={(e) => update("endpoint", e.target.value)} placeholder="https://sts.eu-west-1.amazonaws.com" autoComplete="off" spellCheck={false} />}
                </Field>
                <Field label="STS region" optional error={errors["credentials.region"]}>
                  {(p) => <Input {...p} value={values.region} onChange={(e) => update("region", e.target.value)} placeholder="eu-west-1" autoComplete="off" spellCheck={false} />}
                </Field>
              </div>
            ) : null}
          </Section>
        </div>
        <CardFooter>
          {creating ? (
            <ButtonLink href="/admin/identity-pools" variant="secondary">Cancel</ButtonLink>
          ) : dirty ? (
            <Button variant="secondary" disabled={busy} onClick={discard}>Discard changes</Button>
          ) : null}
          <Button type="submit" loading={busy}>{creating ? "Create identity pool" : "Save changes"}</Button>
        </CardFooter>
      </Card>
    </form>
  );
}
