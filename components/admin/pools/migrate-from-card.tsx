"use client";
// The pool's migrateFrom: the live Cognito user pool its users move in from at their first sign-in
// (lib/migration). The client secret is write-only: the form says whether one is stored, and an
// empty field keeps it.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card.tsx";
import { Field, Input, Switch } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import type { MigrateFromView } from "@/lib/migration/config.ts";
import { AdminApiError, type ApiIssue, adminApi } from "../use-admin-api.ts";

type Values = { on: boolean; userPoolId: string; region: string; clientId: string; clientSecret: string; endpoint: string };

export function MigrateFromCard({ poolId, initial }: { poolId: string; initial: MigrateFromView | null }) {
  const [values, setValues] = useState<Values>({
    on: !!initial, userPoolId: initial?.userPoolId ?? "", region: initial?.region ?? "", clientId: initial?.clientId ?? "", clientSecret: "", endpoint: initial?.endpoint ?? "",
  });
  const [error, setError] = useState<{ message: string; issues: ApiIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const toast = useToast();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  // The API names each refused field inside migrateFrom by its path: body.migrateFrom.userPoolId, body.migrateFrom.region.
  const issues = error ? (error.issues.length ? error.issues : [{ path: "", message: error.message }]).map((issue) => {
    const match = /^body\.migrateFrom\.(\w+)/.exec(issue.path);
    return match ? { field: match[1]!, message: issue.message } : { field: null, message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
  }) : [];
  const errorFor = (field: string) => issues.find((i) => i.field === field)?.message;
  const general = issues.filter((i) => i.field === null && i.message).map((i) => i.message).join(" ");
  // Cognito's pool ids start with their region: eu-west-1_AbCdEf123.
  const regionOfId = values.userPoolId.includes("_") ? values.userPoolId.split("_")[0]! : "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const migrateFrom = values.on
      ? {
          type: "cognito", userPoolId: values.userPoolId.trim(), clientId: values.clientId.trim(), region: (values.region.trim() || regionOfId),
          ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}), ...(values.endpoint.trim() ? { endpoint: values.endpoint.trim() } : {}),
        }
      : null;
    try {
      await adminApi("PATCH", `/pools/${poolId}`, { migrateFrom });
      toast.success(values.on ? "Migration from Cognito saved" : "Migration from Cognito turned off");
      set("clientSecret", "");
      router.refresh();
    } catch (e) {
      const err = e instanceof AdminApiError ? { message: e.message, issues: e.issues } : { message: "Something went wrong.", issues: [] };
      setError(err);
      toast.error(err.issues.some((issue) => issue.path.startsWith("body.migrateFrom.")) ? "Check the fields marked below." : err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Card>
        <CardHeader
          title="Migrate users from Cognito"
          description="Users who are not here yet sign in with their Cognito password and move in with their attributes, groups and sub: no password reset. The app client must allow USER_PASSWORD_AUTH."
          actions={initial ? <Badge tone="success" dot>On</Badge> : <Badge>Off</Badge>}
        />
        <CardBody className="space-y-5">
          {general ? <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800">{general}</p> : null}
          <Switch
            label="Move users in from a Cognito user pool"
            description="At a sign-in or a forgot password for a name that has no account here, Gatehouse asks the old pool."
            checked={values.on}
            onChange={(e) => set("on", e.target.checked)}
          />
          {values.on ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="User pool ID" error={errorFor("userPoolId")}>
                {(p) => <Input {...p} value={values.userPoolId} onChange={(e) => set("userPoolId", e.target.value)} placeholder="eu-west-1_AbCdEf123" className="font-mono" required />}
              </Field>
              <Field label="Region" optional hint={regionOfId && !values.region ? `${regionOfId}, from the pool ID` : undefined} error={errorFor("region")}>
                {(p) => <Input {...p} value={values.region} onChange={(e) => set("region", e.target.value)} placeholder={regionOfId || "eu-west-1"} className="font-mono" />}
              </Field>
              <Field label="App client ID" error={errorFor("clientId")}>
                {(p) => <Input {...p} value={values.clientId} onChange={(e) => set("clientId", e.target.value)} className="font-mono" required />}
              </Field>
              <Field
                label="App client secret"
                optional
                hint={initial?.hasClientSecret ? "A secret is stored. Leave empty to keep it." : "Only if the app client has a secret."}
                error={errorFor("clientSecret")}
              >
                {(p) => <Input {...p} type="password" autoComplete="off" value={values.clientSecret} onChange={(e) => set("clientSecret", e.target.value)} placeholder={initial?.hasClientSecret ? "••••••••" : ""} />}
              </Field>
              <Field label="Endpoint" optional hint="Only for another endpoint than AWS's, such as cognito-local." className="sm:col-span-2" error={errorFor("endpoint")}>
                {(p) => <Input {...p} type="url" value={values.endpoint} onChange={(e) => set("endpoint", e.target.value)} placeholder="https://cognito-idp.eu-west-1.amazonaws.com" />}
              </Field>
              <div className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2.5 text-sm text-zinc-600 sm:col-span-2">
                Gatehouse reads users and groups with the default AWS credentials (cognito-idp:AdminGetUser, AdminListGroupsForUser).
                To copy every user ahead of time, run{" "}
                <code className="font-mono text-zinc-800">npm run import:cognito -- --user-pool-id {values.userPoolId || "…"} --into {poolId}</code>.
              </div>
            </div>
          ) : null}
        </CardBody>
        <CardFooter>
          <Button type="submit" loading={busy}>Save</Button>
        </CardFooter>
      </Card>
    </form>
  );
}
