"use client";
// The authorizer form, for creating and editing: its name and type, what it accepts (user pools,
// token use and app clients; or identity pools' credentials) and its rules. Saved whole (POST, or
// PUT which replaces); the API's messages go under the fields they name.
import type { ReactNode } from "react";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { ErrorText, Section } from "@/components/admin/clients/client-form-parts.tsx";
import { errorAt } from "@/components/admin/forms/api-errors.ts";
import { useWholeForm } from "@/components/admin/use-whole-form.ts";
import type { PoolChoice } from "@/components/admin/identity-pools/identity-pool-model.ts";
import { Button, ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardFooter } from "@/components/ui/card.tsx";
import { Checkbox, Field, Input, Select } from "@/components/ui/field.tsx";
import { FormAlert } from "@/components/ui/form-dialog.tsx";
import type { AuthorizerConfig } from "@/lib/authorizers/config.ts";
import { initialValues, toBody, type AuthorizerType, type Values } from "./authorizer-model.ts";
import { AuthorizerRules } from "./authorizer-rules.tsx";

const TYPE_INFO: Record<AuthorizerType, string> = {
  COGNITO_USER_POOLS: "A Bearer token from a user pool: API Gateway's Cognito and JWT authorizers.",
  AWS_IAM: "A request signed (SigV4) with identity pool credentials: API Gateway's IAM authorization.",
};

export function AuthorizerForm({ authorizer, pools, identityPools }: { authorizer?: AuthorizerConfig; pools: PoolChoice[]; identityPools: { id: string; name: string }[] }) {
  const creating = !authorizer;
  const { values, setValues, update, errors, formError, busy, dirty, submit, discard } = useWholeForm<Values>({
    initial: () => initialValues(authorizer),
    noun: "authorizer",
    nameId: "authorizer-name",
    async save(v) {
      if (creating) {
        const created = await adminApi<{ name: string }>("POST", "/authorizers", toBody(v));
        return { href: `/admin/authorizers/${enc(created.name)}`, name: created.name };
      }
      await adminApi("PUT", `/authorizers/${enc(authorizer.name)}`, toBody(v));
      return null;
    },
  }, [authorizer]);
  const toggle = (list: string[], item: string, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));
  const chosenClients = pools.filter((p) => values.poolIds.includes(p.id)).flatMap((p) => p.clients.map((c) => ({ ...c, poolName: p.name })));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={creating ? "Create authorizer" : "Authorizer settings"}>
      <Card>
        <div className={formError ? "px-4 pt-5 sm:px-6" : undefined}><FormAlert message={formError} /></div>
        <div className="divide-y divide-zinc-200">
          <Section title="General" description="The name is part of the authorizer's URL; it cannot be changed later.">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name" id="authorizer-name" error={errors.name} hint="1-64 letters, digits, _ or -.">
                {(p) => <Input {...p} value={values.name} disabled={!creating} onChange={(e) => update("name", e.target.value)} placeholder="orders" autoComplete="off" spellCheck={false} />}
              </Field>
              <Field label="Type" error={errors.type} hint={TYPE_INFO[values.type]}>
                {(p) => (
                  <Select {...p} value={values.type} onChange={(e) => update("type", e.target.value as AuthorizerType)}>
                    <option value="COGNITO_USER_POOLS">User pool tokens</option>
                    <option value="AWS_IAM">IAM (identity pool credentials)</option>
                  </Select>
                )}
              </Field>
            </div>
          </Section>

          {values.type === "COGNITO_USER_POOLS" ? (
            <Section title="Tokens" description="Which tokens it accepts. A token from another pool or client is refused with 401.">
              <Choices legend="User pools" error={errorAt(errors, "poolIds")} empty="Create a user pool first.">
                {pools.map((p) => (
                  <Checkbox key={p.id} label={p.name} description={p.id} checked={values.poolIds.includes(p.id)} onChange={(e) => {
                    const poolIds = toggle(values.poolIds, p.id, e.target.checked);
                    const keep = new Set(pools.filter((x) => poolIds.includes(x.id)).flatMap((x) => x.clients.map((c) => c.clientId)));
                    setValues((v) => ({ ...v, poolIds, clientIds: v.clientIds.filter((c) => keep.has(c)) }));
                  }} />
                ))}
              </Choices>
              <Field label="Token use" error={errors.tokenUse}>
                {(p) => (
                  <Select {...p} value={values.tokenUse} onChange={(e) => update("tokenUse", e.target.value as Values["tokenUse"])}>
                    <option value="access">Access tokens (API Gateway&apos;s JWT authorizer)</option>
                    <option value="id">ID tokens (API Gateway&apos;s Cognito authorizer)</option>
                    <option value="any">Either</option>
                  </Select>
                )}
              </Field>
              <Choices legend="App clients" hint="None ticked: any app client of the chosen pools." error={errorAt(errors, "clientIds")}
                empty={values.poolIds.length ? "The chosen pools have no app clients." : "Choose a user pool to pick its app clients."}>
                {chosenClients.map((c) => (
                  <Checkbox key={c.clientId} label={c.name} description={`${c.clientId} · ${c.poolName}`} checked={values.clientIds.includes(c.clientId)}
                    onChange={(e) => update("clientIds", toggle(values.clientIds, c.clientId, e.target.checked))} />
                ))}
              </Choices>
            </Section>
          ) : (
            <Section title="Credentials" description="Requests must be signed with credentials from one of these identity pools.">
              <Choices legend="Identity pools" error={errorAt(errors, "identityPoolIds")} empty="Create an identity pool first.">
                {identityPools.map((p) => (
                  <Checkbox key={p.id} label={p.name} description={p.id} checked={values.identityPoolIds.includes(p.id)}
                    onChange={(e) => update("identityPoolIds", toggle(values.identityPoolIds, p.id, e.target.checked))} />
                ))}
              </Choices>
            </Section>
          )}

          <Section title="Rules" description={<>The first rule that covers a request decides: a missing {values.type === "AWS_IAM" ? "role" : "scope or group"} is a 403. A request no rule covers needs only a valid {values.type === "AWS_IAM" ? "signature" : "token"}.</>}>
            <AuthorizerRules type={values.type} rules={values.rules} errors={errors} onChange={(rules) => update("rules", rules)} />
          </Section>
        </div>
        <CardFooter>
          {creating ? (
            <ButtonLink href="/admin/authorizers" variant="secondary">Cancel</ButtonLink>
          ) : dirty ? (
            <Button variant="secondary" disabled={busy} onClick={discard}>Discard changes</Button>
          ) : null}
          <Button type="submit" loading={busy}>{creating ? "Create authorizer" : "Save changes"}</Button>
        </CardFooter>
      </Card>
    </form>
  );
}

function Choices({ legend, hint, error, empty, children }: { legend: string; hint?: string; error?: string; empty: string; children: ReactNode[] }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-900">{legend}</legend>
      {hint ? <p className="text-sm text-zinc-500">{hint}</p> : null}
      {children.length ? <div className="mt-3 space-y-3">{children}</div> : <p className="mt-2 text-sm text-zinc-500">{empty}</p>}
      {error ? <ErrorText id={`${legend.replace(/\W+/g, "-").toLowerCase()}-error`}>{error}</ErrorText> : null}
    </fieldset>
  );
}
