"use client";
// The Triggers tab: each of Cognito's twelve triggers as a webhook (URL and write-only secret) or
// a Lambda function, saved together with PUT /triggers; and for each saved one a "Send a test
// event" button with its result, above its last deliveries (rendered on the server).
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { AdminApiError, adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardFooter, CardHeader } from "@/components/ui/card.tsx";
import { FormAlert } from "@/components/ui/form-dialog.tsx";
import { Field, Input, Select } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import type { TokenGenerationVersion, TriggerName, TriggerView } from "@/lib/triggers/config.ts";
import { TRIGGER_CATALOG, VERSION_LABELS } from "./trigger-catalog.ts";

type Kind = "off" | "webhook" | "lambda";
type Values = { kind: Kind; url: string; secret: string; lambdaArn: string; endpoint: string; version: TokenGenerationVersion };
type TestResult = { ok: boolean; durationMs: number; triggerSource: string; response?: unknown; error?: string };

function initial(view: TriggerView | undefined): Values {
  return {
    kind: view?.url ? "webhook" : view?.lambdaArn ? "lambda" : "off",
    url: view?.url ?? "", secret: "", lambdaArn: view?.lambdaArn ?? "", endpoint: view?.endpoint ?? "", version: view?.version ?? "V1_0",
  };
}

/** The PUT body: every trigger that is not off; a webhook's secret only when one was typed. */
function bodyOf(values: Record<TriggerName, Values>) {
  const body: Record<string, object> = {};
  for (const { name } of TRIGGER_CATALOG) {
    const v = values[name];
    const version = name === "preTokenGeneration" ? { version: v.version } : {};
    if (v.kind === "webhook") body[name] = { url: v.url.trim(), ...(v.secret ? { secret: v.secret } : {}), ...version };
    if (v.kind === "lambda") body[name] = { lambdaArn: v.lambdaArn.trim(), ...(v.endpoint.trim() ? { endpoint: v.endpoint.trim() } : {}), ...version };
  }
  return body;
}

/** The issue at body.preTokenGeneration.lambdaArn reads "Pre token generation: lambdaArn must be …". */
function readable(error: unknown): string {
  if (!(error instanceof AdminApiError)) return error instanceof Error ? error.message : "Something went wrong.";
  if (!error.issues.length) return error.message;
  const titles = new Map(TRIGGER_CATALOG.map((t) => [t.name as string, t.title]));
  return error.issues.map(({ path, message }) => {
    const at = path.replace(/^body\.?/, "");
    const title = titles.get(at.split(".")[0]!);
    return title ? `${title}: ${message}` : at ? `${at}: ${message}` : message;
  }).join("; ");
}

export function TriggersEditor({ poolId, triggers, deliveries }: { poolId: string; triggers: Partial<Record<TriggerName, TriggerView>>; deliveries: Partial<Record<TriggerName, ReactNode>> }) {
  const router = useRouter();
  const toast = useToast();
  const [values, setValues] = useState(() => Object.fromEntries(TRIGGER_CATALOG.map(({ name }) => [name, initial(triggers[name])])) as Record<TriggerName, Values>);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const set = (name: TriggerName, patch: Partial<Values>) => setValues((all) => ({ ...all, [name]: { ...all[name], ...patch } }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    setBusy(true);
    try {
      await adminApi("PUT", `/pools/${enc(poolId)}/triggers`, bodyOf(values));
      setValues((all) => Object.fromEntries(Object.entries(all).map(([name, v]) => [name, { ...v, secret: "" }])) as Record<TriggerName, Values>);
      toast.success("Triggers saved.");
      router.refresh();
    } catch (error) {
      const message = readable(error);
      setFormError(message);
      toast.error("The triggers were not saved.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Card>
        <CardHeader
          title="Triggers"
          description={
            <>
              Cognito&apos;s Lambda triggers, called as signed webhooks (or Lambda functions) with Cognito&apos;s events. A handler&apos;s error stops the
              operation with <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">UserLambdaValidationException</code>.
            </>
          }
        />
        <div className={formError ? "px-4 pt-5 sm:px-6" : undefined}>
          <FormAlert message={formError} />
        </div>
        <ul className="divide-y divide-zinc-200">
          {TRIGGER_CATALOG.map((t) => (
            <li key={t.name} className="px-4 py-5 sm:px-6">
              <TriggerRow
                poolId={poolId}
                trigger={t}
                values={values[t.name]}
                saved={triggers[t.name]}
                onChange={(patch) => set(t.name, patch)}
                deliveries={deliveries[t.name]}
              />
            </li>
          ))}
        </ul>
        <CardFooter>
          <Button type="submit" loading={busy}>
            Save triggers
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}

function TriggerRow({ poolId, trigger, values, saved, onChange, deliveries }: {
  poolId: string;
  trigger: (typeof TRIGGER_CATALOG)[number];
  values: Values;
  saved: TriggerView | undefined;
  onChange: (patch: Partial<Values>) => void;
  deliveries: ReactNode;
}) {
  const headingId = `trigger-${trigger.name}`;
  const keepsSecret = !!saved?.hasSecret && saved.url === values.url.trim();
  return (
    <section aria-labelledby={headingId}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-zinc-900">
            {trigger.title}
            <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs font-normal text-zinc-700">{trigger.cognito}</code>
            {saved ? <Badge tone="success" dot>On</Badge> : null}
          </h3>
          <p className="mt-1 text-sm text-zinc-500">{trigger.runs}</p>
        </div>
        <Select className="w-full sm:w-44" aria-label={`${trigger.title}: how it is called`} value={values.kind} onChange={(e) => onChange({ kind: e.target.value as Kind })}>
          <option value="off">Off</option>
          <option value="webhook">Webhook</option>
          <option value="lambda">Lambda function</option>
        </Select>
      </div>
      {values.kind === "webhook" ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field label={`${trigger.title} webhook URL`} hint="Receives a POST of the event as JSON.">
            {(p) => <Input {...p} type="url" value={values.url} onChange={(e) => onChange({ url: e.target.value })} placeholder="https://hooks.example.com/pre-sign-up" autoComplete="off" />}
          </Field>
          <Field
            label={`${trigger.title} signing secret`}
            hint={keepsSecret ? "Set. Type a new one to replace it; it is never shown again." : "At least 16 characters; signs the Gatehouse-Signature header."}
          >
            {(p) => (
              <Input
                {...p}
                type="password"
                value={values.secret}
                onChange={(e) => onChange({ secret: e.target.value })}
                placeholder={keepsSecret ? "•••••••• (set)" : "whsec_…"}
                autoComplete="new-password"
              />
            )}
          </Field>
        </div>
      ) : null}
      {values.kind === "lambda" ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field label={`${trigger.title} Lambda ARN`} hint="Invoked with the AWS SDK and the default credential chain.">
            {(p) => <Input {...p} value={values.lambdaArn} onChange={(e) => onChange({ lambdaArn: e.target.value })} placeholder="arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up" autoComplete="off" />}
          </Field>
          <Field label={`${trigger.title} Lambda endpoint`} optional hint="Only for a Lambda-compatible endpoint other than AWS.">
            {(p) => <Input {...p} type="url" value={values.endpoint} onChange={(e) => onChange({ endpoint: e.target.value })} placeholder="http://localhost:3001" autoComplete="off" />}
          </Field>
        </div>
      ) : null}
      {trigger.name === "preTokenGeneration" && values.kind !== "off" ? (
        <Field className="mt-4 sm:max-w-md" label="Event version" hint="As Cognito: V2_0 and V3_0 can change access tokens too.">
          {(p) => (
            <Select {...p} value={values.version} onChange={(e) => onChange({ version: e.target.value as TokenGenerationVersion })}>
              {Object.entries(VERSION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      {saved ? <TestEvent poolId={poolId} name={trigger.name} title={trigger.title} /> : null}
      {saved ? deliveries : null}
    </section>
  );
}

function TestEvent({ poolId, name, title }: { poolId: string; name: TriggerName; title: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | { ok: false; error: string; durationMs?: undefined; triggerSource?: undefined } | null>(null);
  const send = async () => {
    setBusy(true);
    try {
      setResult(await adminApi<TestResult>("POST", `/pools/${enc(poolId)}/triggers/${name}/test`));
      router.refresh();
    } catch (error) {
      setResult({ ok: false, error: error instanceof Error ? error.message : "Something went wrong." });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-4">
      <Button variant="secondary" size="sm" loading={busy} onClick={() => void send()} aria-label={`Send a test event to ${title}`}>
        Send a test event
      </Button>
      <div role="status" aria-live="polite">
        {result ? (
          <div className={`mt-3 rounded-lg p-3 text-sm ring-1 ring-inset ${result.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-600/20" : "bg-red-50 text-red-700 ring-red-600/20"}`}>
            <p className="font-medium">
              {result.triggerSource ? <span className="font-mono">{result.triggerSource}</span> : "The test event"}
              {result.ok ? " answered" : " failed"}
              {result.durationMs !== undefined ? <>{result.ok ? " in " : " after "}{result.durationMs} ms</> : null}
            </p>
            {result.ok ? (
              <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded-md bg-white/70 p-2 font-mono text-xs text-zinc-800">
                {JSON.stringify({ response: result.response }, null, 2)}
              </pre>
            ) : (
              <p className="mt-1 break-words">{result.error}</p>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}
