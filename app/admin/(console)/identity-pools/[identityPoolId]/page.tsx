import { notFound } from "next/navigation";
import { IdentitiesTable } from "@/components/admin/identity-pools/identities-table.tsx";
import { DeleteZone } from "@/components/admin/identity-pools/delete-zone.tsx";
import { IdentityPoolForm } from "@/components/admin/identity-pools/identity-pool-form.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { getIdentityPoolView, listPoolIdentities } from "@/lib/admin/identity-pools.ts";
import { listPoolChoices } from "@/lib/admin/references.ts";
import { isAppError } from "@/lib/errors.ts";
import { loginsKeyOf } from "@/lib/identity-pools/config.ts";
import { requireAdmin } from "../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Identity pool" };

export default async function IdentityPoolPage({ params, searchParams }: { params: Promise<{ identityPoolId: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { rt } = await requireAdmin();
  // Next hands the segment over still percent-encoded where it holds a colon (local%3A…).
  const identityPoolId = decodeURIComponent((await params).identityPoolId);
  const { cursor } = await searchParams;
  const pool = await getIdentityPoolView(rt.db, identityPoolId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "ResourceNotFoundException") notFound();
    throw error;
  });
  const [pools, page] = await Promise.all([listPoolChoices(rt.db), listPoolIdentities(rt.db, { identityPoolId: pool.id, cursor, limit: 50 })]);
  const { createdAt: _c, updatedAt: _u, ...settings } = pool;
  const loginKeys = [...new Set(pool.providers.map((p) => p.poolId))].map((poolId) => ({ poolId, key: loginsKeyOf(rt.env.publicUrl, poolId) }));

  return (
    <div className="space-y-6">
      <PageHeader
        title={pool.name}
        breadcrumbs={[{ label: "Identity pools", href: "/admin/identity-pools" }, { label: pool.name }]}
        meta={
          <>
            {pool.allowUnauthenticatedIdentities ? <Badge tone="info">Guests allowed</Badge> : <Badge tone="neutral">Signed-in users only</Badge>}
            <Badge tone="neutral">{pool.credentials.mode === "sts" ? "AWS STS credentials" : "Local credentials"}</Badge>
          </>
        }
      />

      <Card>
        <CardHeader title="Connect your app" description="What Amplify (Auth.Cognito.identityPoolId) and the AWS SDKs (fromCognitoIdentityPool) need." />
        <CardBody>
          <dl className="space-y-4">
            <Value label="Identity pool ID" value={pool.id} copyLabel="Copy the identity pool ID" />
            <Value label="Identity pool endpoint" value={rt.env.publicUrl} copyLabel="Copy the identity pool endpoint" note="Amplify's identityPoolEndpoint; the SDKs' endpoint for the CognitoIdentity client." />
            {loginKeys.map((k) => (
              <Value key={k.poolId} label={`Logins key for ${k.poolId}`} value={k.key} copyLabel={`Copy the Logins key for ${k.poolId}`} />
            ))}
          </dl>
        </CardBody>
      </Card>

      <IdentityPoolForm pool={settings} pools={pools} publicUrl={rt.env.publicUrl} />

      <IdentitiesTable identityPoolId={pool.id} identities={page.identities} nextCursor={page.nextCursor} paged={!!cursor} />

      <DeleteZone
        what="identity pool"
        name={pool.name}
        apiPath={`/identity-pools/${encodeURIComponent(pool.id)}`}
        listPath="/admin/identity-pools"
        consequence="Its identities go with it: apps can no longer get credentials from it. Credentials already issued work until they expire."
      />
    </div>
  );
}

function Value({ label, value, copyLabel, note }: { label: string; value: string; copyLabel: string; note?: string }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[13rem_minmax(0,1fr)] sm:gap-4">
      <dt className="font-medium text-zinc-900 sm:pt-1">{label}</dt>
      <dd className="min-w-0">
        <div className="flex items-start gap-1">
          <code className="min-w-0 flex-1 rounded-md bg-zinc-50 px-2 py-1 font-mono text-[0.8125rem] break-all text-zinc-800 ring-1 ring-inset ring-zinc-200">{value}</code>
          <CopyButton value={value} label={copyLabel} />
        </div>
        {note ? <p className="mt-1 text-sm text-zinc-500">{note}</p> : null}
      </dd>
    </div>
  );
}
