"use client";
// The app client form: one component for creating and editing.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState, type ReactNode } from "react";
import type { FieldErrors as HookFieldErrors } from "react-hook-form";
import { errorAt, fieldErrorsOf } from "@/components/admin/forms/api-errors.ts";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Button, ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardFooter } from "@/components/ui/card.tsx";
import { CopyableValue } from "@/components/ui/copy-button.tsx";
import { cx, focusRing } from "@/components/ui/cx.ts";
import { Dialog, SecretReveal } from "@/components/ui/dialog.tsx";
import { Checkbox, Field, Input, Switch, Textarea } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import type { AttributePermissions } from "@/lib/pools/client-attributes.ts";
import { STANDARD_SCOPES } from "@/lib/pools/config-schema.ts";
import {
  AUTH_FLOW_INFO, FIELD_LABELS, FIELD_ORDER, FLOWS, STANDARD_SCOPE_INFO, initialValues,
  type ClientFormClient, type FieldName, type Lifetime, type ScopeServer, type Values,
} from "./client-form-model.ts";
import { CLIENT_FORM_MESSAGES, clientFormSchema, secondsOf, type StoredLifetimes } from "./client-form-schema.ts";
import { Section, CheckboxGroup, ChoiceGroup, ErrorText, LifetimeInput, Notice } from "./client-form-parts.tsx";
import { AttributePicker } from "./client-attribute-picker.tsx";
import { SignInProviders } from "./client-form-providers.tsx";
import { initialSelection, selectionToLists, type PoolAttributes } from "./client-attributes-model.ts";

type ClientFormProps = {
  poolId: string;
  /** The pool's resource servers, whose scopes the client may be allowed. */
  resourceServers: ScopeServer[];
  /** The client to edit; omitted to create one. */
  client?: ClientFormClient & AttributePermissions;
  /** The pool's custom and required attributes, for the read/write permissions. */
  poolAttributes: PoolAttributes;
  /** Gatehouse resets this client's settings at every start (the console's own client). */
  managed?: boolean;
};

export function ClientForm({ poolId, resourceServers, client, poolAttributes, managed = false }: ClientFormProps) {
  const creating = !client;
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = useMemo(() => initialValues(client), [client]);
  const initialAttributes = useMemo(() => initialSelection(client, poolAttributes), [client, poolAttributes]);
  const [attributes, setAttributes] = useState(initialAttributes);
  const [attributesError, setAttributesError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [created, setCreated] = useState<{ clientId: string; name: string; clientSecret: string } | null>(null);
  const id = useId();
  const fieldId = (name: FieldName) => `${id}-${name}`;
  const listPath = `/admin/pools/${enc(poolId)}/clients`;

  // While a lifetime's text is unchanged it stands for the stored seconds (not always a whole number of units).
  const stored = useMemo<StoredLifetimes | undefined>(
    () => client && { text: initial, seconds: { accessTokenValidity: client.accessTokenValidity, idTokenValidity: client.idTokenValidity, refreshTokenValidity: client.refreshTokenValidity } },
    [client, initial],
  );
  const schema = useMemo(() => clientFormSchema({ creating, hasSecret: client?.hasSecret ?? false, stored }), [creating, client, stored]);

  const focusField = (field: FieldName) =>
    requestAnimationFrame(() => {
      const root = formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`);
      root?.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), textarea, select")?.focus();
    });

  /** One toast naming what to check, and focus on the first of it. */
  const onInvalid = (found: HookFieldErrors<Values>) => {
    const marked = FIELD_ORDER.filter((f) => found[f]);
    const first = marked[0];
    if (!first) return;
    focusField(first);
    toast.error(marked.length === 1 ? `Check ${FIELD_LABELS[first]}: ${found[first]?.message}` : `Check ${marked.length} fields: ${marked.map((f) => FIELD_LABELS[f]).join(", ")}.`);
  };

  const { form, register, onSubmit, errorOf, busy } = useApiForm({
    schema,
    defaultValues: initial,
    messages: CLIENT_FORM_MESSAGES,
    onInvalid,
    // Its first invalid control may be a group of checkboxes: onInvalid focuses it.
    shouldFocusError: false,
    submit: async (checked) => {
      const body = {
        ...checked,
        clientType: undefined,
        allowedOAuthFlows: FLOWS.map((f) => f.value).filter((f) => checked.allowedOAuthFlows.includes(f)),
        explicitAuthFlows: AUTH_FLOW_INFO.map((f) => f.value).filter((f) => checked.explicitAuthFlows.includes(f)),
        // Sent only when the form was given the client's list (or creates one), so it never resets it unseen.
        supportedIdentityProviders: creating || client.supportedIdentityProviders ? checked.supportedIdentityProviders : undefined,
        ...selectionToLists(poolAttributes, attributes, initialAttributes, client),
      };
      try {
        if (creating) {
          const result = await adminApi<{ client: { clientId: string; name: string }; clientSecret: string | null }>("POST", `/pools/${enc(poolId)}/clients`, {
            ...body,
            generateSecret: checked.clientType === "confidential",
          });
          toast.success(`App client ${result.client.name} created.`);
          // Stay busy until the client's page replaces this one, so it cannot be created twice.
          setLeaving(true);
          if (result.clientSecret) setCreated({ clientId: result.client.clientId, name: result.client.name, clientSecret: result.clientSecret });
          else {
            router.push(`${listPath}/${enc(result.client.clientId)}`);
            router.refresh();
          }
        } else {
          await adminApi("PATCH", `/pools/${enc(poolId)}/clients/${enc(client.clientId)}`, body);
          toast.success("Changes saved.");
          router.refresh();
        }
      } catch (error) {
        // The API's issues go under their controls (useApiForm); the secret's under the control that decides it,
        // the attribute lists' under the picker.
        const { fields } = fieldErrorsOf(error);
        const secret = fields.clientSecret ?? fields.generateSecret;
        const secretField: FieldName = creating ? "clientType" : "allowedOAuthFlows";
        if (secret) form.setError(secretField, { type: "server", message: secret });
        const attributeProblem = errorAt(fields, "readAttributes") ?? errorAt(fields, "writeAttributes");
        if (attributeProblem) setAttributesError(attributeProblem);
        const first = secret ? secretField : FIELD_ORDER.find((f) => errorAt(fields, f));
        if (first) focusField(first);
        const shown = secret ?? (first ? errorAt(fields, first) : attributeProblem);
        toast.error(shown ? `Could not save: ${shown}` : error instanceof Error ? error.message : "Something went wrong.");
        throw error;
      }
    },
  });

  const values = form.watch();
  const dirty = JSON.stringify(values) !== JSON.stringify(initial) || JSON.stringify(attributes) !== JSON.stringify(initialAttributes);

  /** Sets a value that is not a text input's, and clears the messages it answers. */
  const update = <K extends FieldName>(key: K, value: Values[K], clear: FieldName[] = []) => {
    form.setValue(key, value as never, { shouldDirty: true });
    form.clearErrors(clear);
  };

  const toggle = <T extends string>(list: T[], item: T, on: boolean): T[] => (on ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item));

  const lifetimeSeconds = (key: Lifetime) => secondsOf(key, values[key], stored);
  const working = busy || leaving;

  const finishCreate = () => {
    if (!created) return;
    router.push(`${listPath}/${enc(created.clientId)}`);
    router.refresh();
  };

  /** An on/off setting of the client, in a bordered box with its error under it. */
  const settingSwitch = (field: "preventUserExistenceErrors" | "refreshTokenRotation", description: string) => (
    <div data-field={field} className="rounded-lg border border-zinc-200 p-4">
      <Switch
        name={field}
        label={FIELD_LABELS[field]}
        description={description}
        checked={values[field]}
        onChange={(event) => update(field, event.target.checked, [field])}
      />
      {errorOf(field) ? <p className="mt-2 text-sm text-red-600">{errorOf(field)}</p> : null}
    </div>
  );

  // Scopes the client has that the pool no longer defines: shown so they can be removed.
  const known = new Set<string>([...STANDARD_SCOPES, ...resourceServers.flatMap((rs) => rs.scopes.map((s) => `${rs.identifier}/${s.name}`))]);
  // From the saved ones too, so a box does not vanish when unticked.
  const unknownScopes = [...new Set([...initial.allowedScopes, ...values.allowedScopes])].filter((s) => !known.has(s));
  const scopeBox = (scope: string, label: ReactNode, description: ReactNode) => (
    <Checkbox
      key={scope}
      name="allowedScopes"
      value={scope}
      label={label}
      description={description}
      checked={values.allowedScopes.includes(scope)}
      onChange={(event) => update("allowedScopes", toggle(values.allowedScopes, scope, event.target.checked), ["allowedScopes"])}
    />
  );

  return (
    <>
      <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate aria-label={creating ? "Create app client" : "App client settings"}>
        <Card>
          {managed ? (
            <div className="border-b border-zinc-200 px-4 py-4 sm:px-6">
              <Notice tone="info">
                Gatehouse manages this client: it signs admins in to this console, and its name, URLs, flows, scopes and lifetimes are reset
                at every start.
              </Notice>
            </div>
          ) : null}
          <div className="divide-y divide-zinc-200">
            <Section title="General" description={creating ? "What the client is called and how it authenticates." : "What the client is called in this console."}>
              <div data-field="name">
                <Field label="Name" id={fieldId("name")} error={errorOf("name")} required hint="Shown in this console only; up to 128 characters.">
                  {(p) => (
                    <Input
                      {...p}
                      {...register("name")}
                      maxLength={128}
                      autoComplete="off"
                      placeholder="e.g. Web app"
                      className="sm:max-w-md"
                    />
                  )}
                </Field>
              </div>
              {creating ? (
                <ChoiceGroup
                  field="clientType"
                  legend="Client type"
                  error={errorOf("clientType")}
                  hint="It cannot be changed later."
                  name={`${id}-type`}
                  value={values.clientType}
                  onChange={(value) => update("clientType", value as Values["clientType"], ["clientType", "allowedOAuthFlows"])}
                  options={[
                    { value: "public", label: "Public", description: "Single-page or mobile app; PKCE, no secret." },
                    { value: "confidential", label: "Confidential", description: "Server-side app; gets a secret." },
                  ]}
                />
              ) : null}
            </Section>

            <Section title="Sign-in" description="How the app gets tokens, and where users may be sent back to.">
              <CheckboxGroup
                field="allowedOAuthFlows"
                legend="OAuth flows"
                hint="Client credentials cannot be combined with the other flows."
                error={errorOf("allowedOAuthFlows")}
              >
                {FLOWS.map((flow) => (
                  <Checkbox
                    key={flow.value}
                    name="allowedOAuthFlows"
                    value={flow.value}
                    label={flow.label}
                    description={flow.description}
                    checked={values.allowedOAuthFlows.includes(flow.value)}
                    onChange={(event) => update("allowedOAuthFlows", toggle(values.allowedOAuthFlows, flow.value, event.target.checked), ["allowedOAuthFlows", "clientType", "callbackUrls"])}
                  />
                ))}
              </CheckboxGroup>
              <div data-field="callbackUrls">
                <Field
                  label="Callback URLs"
                  id={fieldId("callbackUrls")}
                  optional={!values.allowedOAuthFlows.some((f) => f !== "client_credentials")}
                  error={errorOf("callbackUrls")}
                  hint="Where users return after signing in. One URL per line; https, or http only for localhost. Apps use custom schemes such as myapp://callback."
                >
                  {(p) => (
                    <Textarea
                      {...p}
                      {...register("callbackUrls")}
                      rows={3}
                      className="font-mono"
                      spellCheck={false}
                      autoCapitalize="none"
                      autoCorrect="off"
                      placeholder={"https://app.example.com/auth/callback\nhttp://localhost:3000/auth/callback"}
                    />
                  )}
                </Field>
              </div>
              <div data-field="logoutUrls">
                <Field
                  label="Sign-out URLs"
                  id={fieldId("logoutUrls")}
                  optional
                  error={errorOf("logoutUrls")}
                  hint="Where users may return after signing out (logout_uri). One URL per line."
                >
                  {(p) => (
                    <Textarea
                      {...p}
                      {...register("logoutUrls")}
                      rows={2}
                      className="font-mono"
                      spellCheck={false}
                      autoCapitalize="none"
                      autoCorrect="off"
                      placeholder="https://app.example.com/"
                    />
                  )}
                </Field>
              </div>
              <SignInProviders
                poolId={poolId}
                value={values.supportedIdentityProviders}
                onChange={(next) => update("supportedIdentityProviders", next, ["supportedIdentityProviders"])}
                error={errorOf("supportedIdentityProviders")}
              />
              {settingSwitch(
                "preventUserExistenceErrors",
                "Sign-up does not reveal that an email or phone number already has an account: it carries on as for a new one, and the owner is told someone tried. Off, sign-up says the account exists (Cognito's LEGACY).",
              )}
            </Section>

            <Section
              title="API sign-in"
              description="How apps that call Cognito's API (AWS SDKs, Amplify) may sign users in. The hosted pages are not limited by this."
            >
              <CheckboxGroup
                field="explicitAuthFlows"
                legend={FIELD_LABELS.explicitAuthFlows}
                hint="Cognito's ExplicitAuthFlows. Leave all unticked for a client that only uses the hosted pages."
                error={errorOf("explicitAuthFlows")}
              >
                <div className="grid gap-4 sm:grid-cols-2">
                  {AUTH_FLOW_INFO.map((flow) => (
                    <Checkbox
                      key={flow.value}
                      name="explicitAuthFlows"
                      value={flow.value}
                      label={flow.label}
                      description={
                        <>
                          {flow.description}
                          <span className="mt-0.5 block font-mono text-xs break-all text-zinc-500">{flow.value}</span>
                        </>
                      }
                      checked={values.explicitAuthFlows.includes(flow.value)}
                      onChange={(event) => update("explicitAuthFlows", toggle(values.explicitAuthFlows, flow.value, event.target.checked), ["explicitAuthFlows"])}
                    />
                  ))}
                </div>
              </CheckboxGroup>
            </Section>

            <Section
              title="Scopes"
              description={
                <>
                  What the app may ask for. Resource server scopes are what client credentials tokens carry.{" "}
                  {resourceServers.length === 0 ? (
                    <>
                      Define your own on the{" "}
                      <Link
                        href={`/admin/pools/${enc(poolId)}/resource-servers`}
                        className={cx("rounded-sm font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500", focusRing)}
                      >
                        Resource servers
                      </Link>{" "}
                      tab.
                    </>
                  ) : null}
                </>
              }
            >
              <CheckboxGroup field="allowedScopes" legend="Allowed scopes" error={errorOf("allowedScopes")} hint="OpenID Connect scopes apply to users signing in.">
                <fieldset>
                  <legend className="mb-3 text-xs font-medium tracking-wide text-zinc-500 uppercase">Standard</legend>
                  <div className="grid gap-4 sm:grid-cols-2">
                    {STANDARD_SCOPES.map((scope) => scopeBox(scope, <code className="font-mono text-[0.8125rem]">{scope}</code>, STANDARD_SCOPE_INFO[scope]))}
                  </div>
                </fieldset>
                {resourceServers.map((rs) => (
                  <fieldset key={rs.identifier} className="border-t border-zinc-200 pt-4">
                    <legend className="float-left mb-3 w-full text-xs font-medium tracking-wide text-zinc-500">
                      <span className="uppercase">{rs.name}</span> <span className="font-mono font-normal normal-case break-all">{rs.identifier}</span>
                    </legend>
                    {rs.scopes.length === 0 ? (
                      <p className="clear-both text-sm text-zinc-500">This resource server has no scopes yet.</p>
                    ) : (
                      <div className="clear-both grid gap-4 sm:grid-cols-2">
                        {rs.scopes.map((s) =>
                          scopeBox(
                            `${rs.identifier}/${s.name}`,
                            <code className="font-mono text-[0.8125rem] break-all">{`${rs.identifier}/${s.name}`}</code>,
                            s.description || null,
                          ),
                        )}
                      </div>
                    )}
                  </fieldset>
                ))}
                {unknownScopes.length > 0 ? (
                  <fieldset className="border-t border-zinc-200 pt-4">
                    <legend className="float-left mb-3 w-full text-xs font-medium tracking-wide text-amber-700 uppercase">No longer defined</legend>
                    <div className="clear-both grid gap-4 sm:grid-cols-2">
                      {unknownScopes.map((scope) =>
                        scopeBox(scope, <code className="font-mono text-[0.8125rem] break-all">{scope}</code>, "Not a scope of this pool any more: untick it to save the client."),
                      )}
                    </div>
                  </fieldset>
                ) : null}
              </CheckboxGroup>
            </Section>

            <Section
              title="Attributes"
              description="Which user attributes the app may read in ID tokens and userInfo, and write at sign-up. By default it reads all of them and writes the standard ones, not custom attributes. The console and admin API are not limited by this."
            >
              <AttributePicker
                pool={poolAttributes}
                value={attributes}
                onChange={(next) => {
                  setAttributes(next);
                  setAttributesError(null);
                }}
              />
              {attributesError ? <ErrorText id={`${id}-attributes-error`}>{attributesError}</ErrorText> : null}
            </Section>

            <Section title="Tokens" description="How long tokens stay valid, and whether refresh tokens are replaced on use.">
              <div className="grid gap-5 sm:grid-cols-3">
                <LifetimeInput
                  field="accessTokenValidity"
                  label="Access token"
                  input={register("accessTokenValidity")}
                  error={errorOf("accessTokenValidity")}
                  seconds={lifetimeSeconds("accessTokenValidity")}
                  inputId={fieldId("accessTokenValidity")}
                />
                <LifetimeInput
                  field="idTokenValidity"
                  label="ID token"
                  input={register("idTokenValidity")}
                  error={errorOf("idTokenValidity")}
                  seconds={lifetimeSeconds("idTokenValidity")}
                  inputId={fieldId("idTokenValidity")}
                />
                <LifetimeInput
                  field="refreshTokenValidity"
                  label="Refresh token"
                  input={register("refreshTokenValidity")}
                  error={errorOf("refreshTokenValidity")}
                  seconds={lifetimeSeconds("refreshTokenValidity")}
                  inputId={fieldId("refreshTokenValidity")}
                />
              </div>
              {settingSwitch(
                "refreshTokenRotation",
                "Each use of a refresh token returns a new one and retires the old, so a stolen token stops working once the app uses it.",
              )}
            </Section>
          </div>
          <CardFooter>
            {creating ? (
              <ButtonLink href={listPath} variant="secondary">
                Cancel
              </ButtonLink>
            ) : dirty ? (
              <Button
                variant="secondary"
                disabled={working}
                onClick={() => {
                  form.reset(initial);
                  setAttributes(initialAttributes);
                  setAttributesError(null);
                }}
              >
                Discard changes
              </Button>
            ) : null}
            <Button type="submit" loading={working}>
              {creating ? "Create app client" : "Save changes"}
            </Button>
          </CardFooter>
        </Card>
      </form>

      <Dialog
        open={created !== null}
        onClose={finishCreate}
        title="App client created"
        description="Copy the client secret now and store it somewhere safe, such as your secret manager."
        footer={
          <Button onClick={finishCreate} data-autofocus>
            Continue to {created?.name ?? "the client"}
          </Button>
        }
      >
        {created ? (
          <div className="space-y-5">
            <CopyableValue label="Client ID" value={created.clientId} copyLabel="Copy client ID" />
            <SecretReveal label="Client secret" value={created.clientSecret} note="You can rotate it later, but not see it again." />
          </div>
        ) : null}
      </Dialog>
    </>
  );
}

