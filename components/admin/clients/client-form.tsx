"use client";
// The app client form (one component for creating and editing), and the client page's
// interactive cards: Credentials (rotate the secret) and the Danger zone (delete).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { AdminApiError, adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button, ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { cx, focusRing } from "@/components/ui/cx.ts";
import { ConfirmDialog, Dialog, SecretReveal } from "@/components/ui/dialog.tsx";
import { Checkbox, Field, Input, Switch, Textarea } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { STANDARD_SCOPES } from "@/lib/pools/config-schema.ts";

export type OAuthFlow = "code" | "implicit" | "client_credentials";

/** The client as the form needs it (a ClientView fits). */
export type ClientFormClient = {
  clientId: string;
  name: string;
  hasSecret: boolean;
  callbackUrls: string[];
  logoutUrls: string[];
  allowedOAuthFlows: OAuthFlow[];
  allowedScopes: string[];
  accessTokenValidity: number;
  idTokenValidity: number;
  refreshTokenValidity: number;
  refreshTokenRotation: boolean;
};

export type ScopeServer = { identifier: string; name: string; scopes: { name: string; description: string }[] };

const FLOWS: { value: OAuthFlow; label: string; description: string }[] = [
  { value: "code", label: "Authorization code", description: "Users sign in on the hosted pages and the app exchanges a code for tokens. Best for every kind of app." },
  { value: "implicit", label: "Implicit", description: "Legacy: tokens come back in the redirect URL. Prefer authorization code with PKCE." },
  {
    value: "client_credentials",
    label: "Client credentials",
    description: "Machine to machine: the app gets an access token with its own secret, no user involved. Needs a confidential client.",
  },
];

const STANDARD_SCOPE_INFO: Record<(typeof STANDARD_SCOPES)[number], string> = {
  openid: "OpenID Connect sign-in; needed for an ID token.",
  email: "The email and email_verified claims.",
  profile: "Name, picture, locale and the other profile claims.",
  phone: "The phone_number and phone_number_verified claims.",
  "aws.cognito.signin.user.admin": "Lets the access token manage the user's own account.",
};

// The limits of ClientSchema (lib/pools/config-schema.ts).
const LIMITS = {
  accessTokenValidity: { min: 300, max: 86_400, unit: 60, unitName: "minutes" },
  idTokenValidity: { min: 300, max: 86_400, unit: 60, unitName: "minutes" },
  refreshTokenValidity: { min: 3_600, max: 315_360_000, unit: 86_400, unitName: "days" },
} as const;
type Lifetime = keyof typeof LIMITS;

type FieldName =
  | "name"
  | "clientType"
  | "allowedOAuthFlows"
  | "callbackUrls"
  | "logoutUrls"
  | "allowedScopes"
  | Lifetime
  | "refreshTokenRotation";
type Errors = Partial<Record<FieldName, string>>;
const FIELD_ORDER: FieldName[] = [
  "name",
  "clientType",
  "allowedOAuthFlows",
  "callbackUrls",
  "logoutUrls",
  "allowedScopes",
  "accessTokenValidity",
  "idTokenValidity",
  "refreshTokenValidity",
  "refreshTokenRotation",
];

const FIELD_LABELS: Record<FieldName, string> = {
  name: "Name",
  clientType: "Client type",
  allowedOAuthFlows: "OAuth flows",
  callbackUrls: "Callback URLs",
  logoutUrls: "Sign-out URLs",
  allowedScopes: "Allowed scopes",
  accessTokenValidity: "Access token lifetime",
  idTokenValidity: "ID token lifetime",
  refreshTokenValidity: "Refresh token lifetime",
  refreshTokenRotation: "Refresh token rotation",
};

type Values = {
  name: string;
  clientType: "public" | "confidential";
  flows: OAuthFlow[];
  callbackUrls: string;
  logoutUrls: string;
  scopes: string[];
  accessTokenValidity: string;
  idTokenValidity: string;
  refreshTokenValidity: string;
  refreshTokenRotation: boolean;
};

const DEFAULTS = {
  allowedOAuthFlows: ["code"] as OAuthFlow[],
  allowedScopes: ["openid", "email", "profile"],
  accessTokenValidity: 3600,
  idTokenValidity: 3600,
  refreshTokenValidity: 2_592_000,
};

/** Seconds → the number shown in the input, in the field's unit, without trailing zeros. */
function toUnit(seconds: number, unit: number): string {
  return String(Number((seconds / unit).toFixed(unit === 60 ? 2 : 4)));
}

function initialValues(client: ClientFormClient | undefined): Values {
  return {
    name: client?.name ?? "",
    clientType: client?.hasSecret ? "confidential" : "public",
    flows: client?.allowedOAuthFlows ?? DEFAULTS.allowedOAuthFlows,
    callbackUrls: (client?.callbackUrls ?? []).join("\n"),
    logoutUrls: (client?.logoutUrls ?? []).join("\n"),
    scopes: client?.allowedScopes ?? DEFAULTS.allowedScopes,
    accessTokenValidity: toUnit(client?.accessTokenValidity ?? DEFAULTS.accessTokenValidity, 60),
    idTokenValidity: toUnit(client?.idTokenValidity ?? DEFAULTS.idTokenValidity, 60),
    refreshTokenValidity: toUnit(client?.refreshTokenValidity ?? DEFAULTS.refreshTokenValidity, 86_400),
    refreshTokenRotation: client?.refreshTokenRotation ?? false,
  };
}

const numberFormat = new Intl.NumberFormat("en");

/** 5400 → "1 hour 30 minutes"; 2592000 → "30 days". At most two parts. */
function humanDuration(seconds: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  let rest = seconds;
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${numberFormat.format(count)} ${name}${count === 1 ? "" : "s"}`);
      rest -= count * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ") || "0 seconds";
}

/** The text of an input in the field's unit → seconds, or null when it is not a number. */
function toSeconds(text: string, unit: number): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * unit);
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The rule of ClientSchema's redirect URLs, with a message that says what is wrong. */
function redirectUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL";
  }
  if (url.hash) return "must not contain a # fragment";
  if (url.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) return "must use https (http is allowed only for localhost)";
  return null;
}

function urlListProblem(list: string[]): string | null {
  if (list.length > 100) return "Enter at most 100 URLs.";
  for (const [index, url] of list.entries()) {
    const problem = redirectUrlProblem(url);
    if (problem) return `Line ${index + 1}: ${url} ${problem}.`;
  }
  return null;
}

/** "body.callbackUrls.0: must be an absolute URL…" → "Must be an absolute URL…". */
function fieldMessage(message: string): string {
  const text = message.replace(/^(?:body\.)?[\w.]+: /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type ClientFormProps = {
  poolId: string;
  /** The pool's resource servers, whose scopes the client may be allowed. */
  resourceServers: ScopeServer[];
  /** The client to edit; omitted to create one. */
  client?: ClientFormClient;
  /** Gatehouse resets this client's settings at every start (the console's own client). */
  managed?: boolean;
};

export function ClientForm({ poolId, resourceServers, client, managed = false }: ClientFormProps) {
  const creating = !client;
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = useMemo(() => initialValues(client), [client]);
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ clientId: string; name: string; clientSecret: string } | null>(null);
  const id = useId();
  const fieldId = (name: FieldName) => `${id}-${name}`;

  const listPath = `/admin/pools/${enc(poolId)}/clients`;
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const hasSecret = creating ? values.clientType === "confidential" : client.hasSecret;

  const update = <K extends keyof Values>(key: K, value: Values[K], clear: FieldName[] = []) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (clear.some((f) => errors[f])) setErrors((e) => ({ ...e, ...Object.fromEntries(clear.map((f) => [f, undefined])) }));
  };

  const toggle = <T extends string>(list: T[], item: T, on: boolean): T[] => (on ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item));

  /** Seconds for a lifetime field; the stored value while the text is unchanged (it may not be a whole number of units). */
  const secondsOf = (key: Lifetime): number | null => {
    if (client && values[key] === initial[key]) return client[key];
    return toSeconds(values[key], LIMITS[key].unit);
  };

  const focusField = (field: FieldName) =>
    requestAnimationFrame(() => {
      const root = formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`);
      root?.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), textarea, select")?.focus();
    });

  const validate = (): Errors => {
    const found: Errors = {};
    const name = values.name.trim();
    if (!name) found.name = "Enter a name.";
    else if (name.length > 128) found.name = "Use at most 128 characters.";

    const flows = values.flows;
    const interactive = flows.includes("code") || flows.includes("implicit");
    if (flows.includes("client_credentials") && interactive) {
      found.allowedOAuthFlows = "Client credentials cannot be combined with authorization code or implicit. Create a separate client for each.";
    } else if (flows.includes("client_credentials") && !hasSecret) {
      if (creating) found.clientType = "Client credentials needs a client secret: choose Confidential.";
      else found.allowedOAuthFlows = "Client credentials needs a client secret, and this public client has none. Create a confidential client for it.";
    }

    const callbacks = lines(values.callbackUrls);
    const callbackProblem = urlListProblem(callbacks);
    if (callbackProblem) found.callbackUrls = callbackProblem;
    else if (interactive && callbacks.length === 0) found.callbackUrls = "Authorization code and implicit need at least one callback URL.";
    const logoutProblem = urlListProblem(lines(values.logoutUrls));
    if (logoutProblem) found.logoutUrls = logoutProblem;

    for (const key of Object.keys(LIMITS) as Lifetime[]) {
      const limit = LIMITS[key];
      const seconds = secondsOf(key);
      const min = toUnit(limit.min, limit.unit);
      const max = numberFormat.format(Number(toUnit(limit.max, limit.unit)));
      const range = limit.unit === 60 ? `${min} to ${max} minutes` : `${min} days (1 hour) to ${max} days`;
      if (seconds === null) found[key] = `Enter a number of ${limit.unitName}.`;
      else if (seconds < limit.min || seconds > limit.max) found[key] = `Enter ${range}.`;
    }
    return found;
  };

  const body = () => ({
    name: values.name.trim(),
    callbackUrls: lines(values.callbackUrls),
    logoutUrls: lines(values.logoutUrls),
    allowedOAuthFlows: FLOWS.map((f) => f.value).filter((f) => values.flows.includes(f)),
    allowedScopes: values.scopes,
    accessTokenValidity: secondsOf("accessTokenValidity")!,
    idTokenValidity: secondsOf("idTokenValidity")!,
    refreshTokenValidity: secondsOf("refreshTokenValidity")!,
    refreshTokenRotation: values.refreshTokenRotation,
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      const names = FIELD_ORDER.filter((f) => found[f]).map((f) => FIELD_LABELS[f]);
      focusField(first);
      toast.error(names.length === 1 ? `Check ${names[0]}: ${found[first]}` : `Check ${names.length} fields: ${names.join(", ")}.`);
      return;
    }
    setBusy(true);
    let leaving = false;
    try {
      if (creating) {
        const result = await adminApi<{ client: { clientId: string; name: string }; clientSecret: string | null }>("POST", `/pools/${enc(poolId)}/clients`, {
          ...body(),
          generateSecret: values.clientType === "confidential",
        });
        if (result.clientSecret) {
          toast.success(`App client ${result.client.name} created.`);
          leaving = true;
          setCreated({ clientId: result.client.clientId, name: result.client.name, clientSecret: result.clientSecret });
        } else {
          toast.success(`App client ${result.client.name} created.`);
          // Stay busy until the client's page replaces this one, so it cannot be created twice.
          leaving = true;
          router.push(`${listPath}/${enc(result.client.clientId)}`);
          router.refresh();
        }
      } else {
        await adminApi("PATCH", `/pools/${enc(poolId)}/clients/${enc(client.clientId)}`, body());
        toast.success("Changes saved.");
        router.refresh();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : "Something went wrong.";
      const raw = error instanceof AdminApiError ? error.field : undefined;
      const field: FieldName | undefined =
        raw === "clientSecret" || raw === "generateSecret"
          ? creating
            ? "clientType"
            : "allowedOAuthFlows"
          : (FIELD_ORDER as string[]).includes(raw ?? "")
            ? (raw as FieldName)
            : undefined;
      if (field) {
        setErrors({ [field]: fieldMessage(message) });
        focusField(field);
      }
      toast.error(field ? `Could not save: ${fieldMessage(message)}` : message);
    } finally {
      if (!leaving) setBusy(false);
    }
  };

  const finishCreate = () => {
    if (!created) return;
    router.push(`${listPath}/${enc(created.clientId)}`);
    router.refresh();
  };

  // Scopes the client has that the pool no longer defines: shown so they can be removed.
  const known = new Set<string>([...STANDARD_SCOPES, ...resourceServers.flatMap((rs) => rs.scopes.map((s) => `${rs.identifier}/${s.name}`))]);
  // From the saved ones too, so a box does not vanish when unticked.
  const unknownScopes = [...new Set([...initial.scopes, ...values.scopes])].filter((s) => !known.has(s));
  const scopeBox = (scope: string, label: ReactNode, description: ReactNode) => (
    <Checkbox
      key={scope}
      name="allowedScopes"
      value={scope}
      label={label}
      description={description}
      checked={values.scopes.includes(scope)}
      onChange={(event) => update("scopes", toggle(values.scopes, scope, event.target.checked), ["allowedScopes"])}
    />
  );

  return (
    <>
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate aria-label={creating ? "Create app client" : "App client settings"}>
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
                <Field label="Name" id={fieldId("name")} error={errors.name} required hint="Shown in this console only; up to 128 characters.">
                  {(p) => (
                    <Input
                      {...p}
                      name="name"
                      value={values.name}
                      onChange={(event) => update("name", event.target.value, ["name"])}
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
                  error={errors.clientType}
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
                error={errors.allowedOAuthFlows}
              >
                {FLOWS.map((flow) => (
                  <Checkbox
                    key={flow.value}
                    name="allowedOAuthFlows"
                    value={flow.value}
                    label={flow.label}
                    description={flow.description}
                    checked={values.flows.includes(flow.value)}
                    onChange={(event) => update("flows", toggle(values.flows, flow.value, event.target.checked), ["allowedOAuthFlows", "clientType", "callbackUrls"])}
                  />
                ))}
              </CheckboxGroup>
              <div data-field="callbackUrls">
                <Field
                  label="Callback URLs"
                  id={fieldId("callbackUrls")}
                  optional={!values.flows.some((f) => f !== "client_credentials")}
                  error={errors.callbackUrls}
                  hint="Where users return after signing in. One URL per line; https, or http only for localhost. Apps use custom schemes such as myapp://callback."
                >
                  {(p) => (
                    <Textarea
                      {...p}
                      name="callbackUrls"
                      rows={3}
                      value={values.callbackUrls}
                      onChange={(event) => update("callbackUrls", event.target.value, ["callbackUrls"])}
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
                  error={errors.logoutUrls}
                  hint="Where users may return after signing out (logout_uri). One URL per line."
                >
                  {(p) => (
                    <Textarea
                      {...p}
                      name="logoutUrls"
                      rows={2}
                      value={values.logoutUrls}
                      onChange={(event) => update("logoutUrls", event.target.value, ["logoutUrls"])}
                      className="font-mono"
                      spellCheck={false}
                      autoCapitalize="none"
                      autoCorrect="off"
                      placeholder="https://app.example.com/"
                    />
                  )}
                </Field>
              </div>
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
              <CheckboxGroup field="allowedScopes" legend="Allowed scopes" error={errors.allowedScopes} hint="OpenID Connect scopes apply to users signing in.">
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

            <Section title="Tokens" description="How long tokens stay valid, and whether refresh tokens are replaced on use.">
              <div className="grid gap-5 sm:grid-cols-3">
                <LifetimeInput
                  field="accessTokenValidity"
                  label="Access token"
                  value={values.accessTokenValidity}
                  onChange={(value) => update("accessTokenValidity", value, ["accessTokenValidity"])}
                  error={errors.accessTokenValidity}
                  seconds={secondsOf("accessTokenValidity")}
                  inputId={fieldId("accessTokenValidity")}
                />
                <LifetimeInput
                  field="idTokenValidity"
                  label="ID token"
                  value={values.idTokenValidity}
                  onChange={(value) => update("idTokenValidity", value, ["idTokenValidity"])}
                  error={errors.idTokenValidity}
                  seconds={secondsOf("idTokenValidity")}
                  inputId={fieldId("idTokenValidity")}
                />
                <LifetimeInput
                  field="refreshTokenValidity"
                  label="Refresh token"
                  value={values.refreshTokenValidity}
                  onChange={(value) => update("refreshTokenValidity", value, ["refreshTokenValidity"])}
                  error={errors.refreshTokenValidity}
                  seconds={secondsOf("refreshTokenValidity")}
                  inputId={fieldId("refreshTokenValidity")}
                />
              </div>
              <div data-field="refreshTokenRotation" className="rounded-lg border border-zinc-200 p-4">
                <Switch
                  name="refreshTokenRotation"
                  label="Refresh token rotation"
                  description="Each use of a refresh token returns a new one and retires the old, so a stolen token stops working once the app uses it."
                  checked={values.refreshTokenRotation}
                  onChange={(event) => update("refreshTokenRotation", event.target.checked, ["refreshTokenRotation"])}
                />
                {errors.refreshTokenRotation ? <p className="mt-2 text-sm text-red-600">{errors.refreshTokenRotation}</p> : null}
              </div>
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
                disabled={busy}
                onClick={() => {
                  setValues(initial);
                  setErrors({});
                }}
              >
                Discard changes
              </Button>
            ) : null}
            <Button type="submit" loading={busy}>
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
            <div>
              <p className="mb-1.5 text-sm font-medium text-zinc-900">Client ID</p>
              <div className="flex items-center gap-1">
                <code className="min-w-0 rounded bg-zinc-100 px-2 py-1 font-mono text-sm break-all text-zinc-900">{created.clientId}</code>
                <CopyButton value={created.clientId} label="Copy client ID" />
              </div>
            </div>
            <SecretReveal label="Client secret" value={created.clientSecret} note="You can rotate it later, but not see it again." />
          </div>
        ) : null}
      </Dialog>
    </>
  );
}

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="grid gap-x-8 gap-y-5 px-4 py-6 sm:px-6 md:grid-cols-3">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
          {title}
        </h3>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
      </div>
      <div className="min-w-0 space-y-6 md:col-span-2">{children}</div>
    </section>
  );
}

function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-3 flex gap-1.5 text-sm text-red-600">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <span>{children}</span>
    </p>
  );
}

/** A fieldset of checkboxes with a legend, a hint and an error, both announced with the group. */
function CheckboxGroup({ field, legend, hint, error, children }: { field: FieldName; legend: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset data-field={field} aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-zinc-900">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-zinc-500">
          {hint}
        </p>
      ) : null}
      <div className={cx("mt-3 space-y-4 rounded-lg border p-4", error ? "border-red-300" : "border-zinc-200")}>{children}</div>
      {error ? <ErrorText id={`${id}-error`}>{error}</ErrorText> : null}
    </fieldset>
  );
}

type Choice = { value: string; label: string; description: string };

/** Radio buttons drawn as selectable cards, in a fieldset. */
function ChoiceGroup(props: {
  field: FieldName;
  legend: string;
  hint?: string;
  error?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: Choice[];
}) {
  const id = useId();
  const describedBy = [props.error ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset data-field={props.field} aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-zinc-900">{props.legend}</legend>
      {props.hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-zinc-500">
          {props.hint}
        </p>
      ) : null}
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {props.options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <label
              key={option.value}
              htmlFor={optionId}
              className={cx(
                "flex cursor-pointer gap-3 rounded-lg border bg-white p-4 transition-colors hover:bg-zinc-50",
                "has-checked:border-indigo-600 has-checked:bg-indigo-50/50 has-checked:ring-1 has-checked:ring-indigo-600",
                "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600",
                props.error ? "border-red-300" : "border-zinc-200",
              )}
            >
              <input
                type="radio"
                id={optionId}
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                onChange={() => props.onChange(option.value)}
                aria-describedby={`${optionId}-description`}
                className="mt-0.5 size-4 shrink-0 cursor-pointer accent-indigo-600 focus:outline-none"
              />
              <span className="text-sm">
                <span className="block font-medium text-zinc-900">{option.label}</span>
                <span id={`${optionId}-description`} className="block text-zinc-500">
                  {option.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {props.error ? <ErrorText id={`${id}-error`}>{props.error}</ErrorText> : null}
    </fieldset>
  );
}

function LifetimeInput(props: {
  field: Lifetime;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  seconds: number | null;
  inputId: string;
}) {
  const limit = LIMITS[props.field];
  const min = toUnit(limit.min, limit.unit);
  const max = numberFormat.format(Number(toUnit(limit.max, limit.unit)));
  const range =
    limit.unit === 60
      ? `${min} to ${max} minutes (24 hours).`
      : `${humanDuration(limit.min)} (${min} days) to ${max} days (10 years); decimals allowed.`;
  const valid = props.seconds !== null && props.seconds >= limit.min && props.seconds <= limit.max;
  return (
    <div data-field={props.field}>
      <Field
        id={props.inputId}
        label={
          <>
            {props.label}
            <span className="sr-only">, in {limit.unitName}</span>
          </>
        }
        error={props.error}
        required
        hint={
          <>
            {valid && props.seconds !== null ? <span className="block font-medium text-zinc-700">{humanDuration(props.seconds)}</span> : null}
            {range}
          </>
        }
      >
        {(p) => (
          <div className="relative">
            <Input
              {...p}
              name={props.field}
              inputMode="decimal"
              autoComplete="off"
              value={props.value}
              onChange={(event) => props.onChange(event.target.value)}
              className="pr-18 tabular-nums"
            />
            <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-zinc-500">
              {limit.unitName}
            </span>
          </div>
        )}
      </Field>
    </div>
  );
}

function Notice({ tone, children }: { tone: "info" | "warning"; children: ReactNode }) {
  return (
    <div
      className={cx(
        "flex gap-2.5 rounded-lg p-3 text-sm ring-1 ring-inset",
        tone === "info" ? "bg-indigo-50 text-indigo-800 ring-indigo-600/20" : "bg-amber-50 text-amber-800 ring-amber-600/20",
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={cx("mt-px size-4 shrink-0", tone === "info" ? "text-indigo-500" : "text-amber-500")}>
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.253a.25.25 0 0 1 .244.304l-.459 2.066A1.75 1.75 0 0 0 10.747 15H11a.75.75 0 0 0 0-1.5h-.253a.25.25 0 0 1-.244-.304l.459-2.066A1.75 1.75 0 0 0 9.253 9H9Z"
          clipRule="evenodd"
        />
      </svg>
      <div>{children}</div>
    </div>
  );
}

// ---- the client page's cards

type CredentialsProps = {
  poolId: string;
  clientId: string;
  hasSecret: boolean;
  /** The console's own client: its secret is derived from GATEHOUSE_SECRET and must not be rotated here. */
  managed?: boolean;
};

/** The client id, and for confidential clients the secret's rotation. */
export function ClientCredentials({ poolId, clientId, hasSecret, managed = false }: CredentialsProps) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const rotate = async () => {
    setBusy(true);
    try {
      const result = await adminApi<{ clientSecret: string }>("POST", `/pools/${enc(poolId)}/clients/${enc(clientId)}/secret`);
      setConfirming(false);
      setSecret(result.clientSecret);
      toast.success("New client secret created. The old one no longer works.");
      router.refresh();
    } catch (error) {
      // Closed first, so the toast is not hidden behind the dialog.
      setConfirming(false);
      toast.error(error instanceof Error ? error.message : "The secret could not be rotated.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <CardHeader headingLevel={3} title="Credentials" description="What the app identifies itself with." />
      <CardBody>
        <dl className="divide-y divide-zinc-100">
          <div className="grid gap-1 pb-4 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
            <dt className="font-medium text-zinc-900 sm:pt-1">Client ID</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <code className="min-w-0 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[0.8125rem] break-all text-zinc-900">{clientId}</code>
              <CopyButton value={clientId} label="Copy client ID" />
            </dd>
          </div>
          <div className="grid gap-1 pt-4 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
            <dt className="font-medium text-zinc-900 sm:pt-1">Client secret</dt>
            <dd className="min-w-0">
              {hasSecret ? (
                <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                  <div>
                    <p className="font-mono tracking-widest text-zinc-500" aria-hidden="true">
                      ••••••••••••••••
                    </p>
                    <p className="mt-1 text-sm text-zinc-500">
                      {managed
                        ? "Derived from GATEHOUSE_SECRET; it cannot be rotated here."
                        : "Hidden. It is shown only when the client is created or the secret rotated."}
                    </p>
                  </div>
                  {managed ? null : (
                    <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} className="self-start">
                      Rotate secret
                    </Button>
                  )}
                </div>
              ) : (
                <p className="text-sm text-zinc-500">
                  None: this is a public client. Apps sign users in with PKCE instead of a secret.
                </p>
              )}
            </dd>
          </div>
        </dl>
      </CardBody>

      <ConfirmDialog
        open={confirming}
        tone="danger"
        title="Rotate the client secret?"
        description={
          <>
            <p>A new secret replaces the current one at once. The old secret stops working immediately, so apps still using it fail to get tokens until you deploy the new one.</p>
          </>
        }
        confirmLabel="Rotate secret"
        busy={busy}
        onConfirm={() => void rotate()}
        onCancel={() => setConfirming(false)}
      />
      <Dialog
        open={secret !== null}
        onClose={() => setSecret(null)}
        title="New client secret"
        description="Update your app's configuration with it now."
        footer={
          <Button onClick={() => setSecret(null)} data-autofocus>
            Done
          </Button>
        }
      >
        {secret ? <SecretReveal label="Client secret" value={secret} note="Store it in your secret manager." /> : null}
      </Dialog>
    </Card>
  );
}

/** Deleting the client, after typing its name. */
export function ClientDangerZone({ poolId, clientId, name, managed = false }: { poolId: string; clientId: string; name: string; managed?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const remove = async () => {
    setBusy(true);
    try {
      await adminApi("DELETE", `/pools/${enc(poolId)}/clients/${enc(clientId)}`);
      toast.success(`App client ${name} deleted.`);
      setConfirming(false);
      router.push(`/admin/pools/${enc(poolId)}/clients`);
      router.refresh();
    } catch (error) {
      // Closed first, so the toast is not hidden behind the dialog.
      setConfirming(false);
      toast.error(error instanceof Error ? error.message : "The app client could not be deleted.");
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-red-200 bg-white shadow-xs">
      <div className="border-b border-red-200 px-4 py-4 sm:px-6">
        <h3 id={headingId} className="text-base font-semibold text-red-700">
          Danger zone
        </h3>
      </div>
      <div className="px-4 py-5 text-sm sm:px-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <p className="font-medium text-zinc-900">Delete this app client</p>
            <p className="mt-1 text-sm text-zinc-500">
              {managed
                ? "The console signs in with this client, and Gatehouse would recreate it at the next start. It cannot be deleted here."
                : "Its tokens and sessions are revoked at once, and apps using it can no longer sign users in. This cannot be undone."}
            </p>
          </div>
          {managed ? (
            <Badge tone="neutral" className="self-start sm:self-center">
              Managed by Gatehouse
            </Badge>
          ) : (
            <Button variant="danger" onClick={() => setConfirming(true)} className="self-start sm:self-center">
              Delete app client
            </Button>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        tone="danger"
        title={`Delete ${name}?`}
        description={
          <p>
            The client, its tokens and its sessions are deleted. Apps using client ID <code className="font-mono text-[0.8125rem] break-all">{clientId}</code>{" "}
            stop working immediately.
          </p>
        }
        confirmText={name}
        confirmLabel="Delete app client"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
