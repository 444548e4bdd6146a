import { BackLink } from "@/components/ui/back-link.tsx";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ClientCredentials, ClientDangerZone } from "@/components/admin/clients/client-credentials.tsx";
import { ClientForm } from "@/components/admin/clients/client-form.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { getClient } from "@/lib/admin/clients.ts";
import { listResourceServers } from "@/lib/admin/resource-servers.ts";
import { CONSOLE_CLIENT_ID, SYSTEM_POOL_ID } from "@/lib/admin/system-pool.ts";
import { isAppError } from "@/lib/errors.ts";
import { requireAdmin } from "../../../../../require-admin.ts";
import { getPool } from "@/lib/pools/pool.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "App client" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function ClientPage({ params }: { params: Promise<{ poolId: string; clientId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId, clientId } = await params;
  const [client, resourceServers, pool] = await Promise.all([
    getClient(rt.db, poolId, clientId).catch((error: unknown) => {
      if (isAppError(error) && error.code === "ResourceNotFoundException") notFound();
      throw error;
    }),
    listResourceServers(rt.db, poolId),
    getPool(rt.db, poolId),
  ]);
  const managed = poolId === SYSTEM_POOL_ID && client.clientId === CONSOLE_CLIENT_ID;
  const listPath = `/admin/pools/${encodeURIComponent(poolId)}/clients`;

  const issuer = `${rt.env.publicUrl}/${poolId}`;
  const firstCallback = client.callbackUrls[0];
  const firstLogout = client.logoutUrls[0];
  const signInUrl = firstCallback
    ? `${issuer}/oauth2/authorize?client_id=${encodeURIComponent(client.clientId)}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(firstCallback)}`
    : null;
  const signOutUrl = firstLogout ? `${issuer}/logout?client_id=${encodeURIComponent(client.clientId)}&logout_uri=${encodeURIComponent(firstLogout)}` : null;
  const codeFlow = client.allowedOAuthFlows.includes("code");

  return (
    <div className="space-y-6">
      <div>
        <BackLink href={listPath}>App clients</BackLink>
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
          <h2 className="min-w-0 text-lg font-semibold wrap-anywhere text-zinc-900">{client.name}</h2>
          {client.hasSecret ? <Badge tone="info">Confidential</Badge> : <Badge tone="neutral">Public</Badge>}
          {managed ? <Badge tone="info">Console</Badge> : null}
        </div>
        <p className="mt-1 text-sm text-zinc-500">
          Created <time dateTime={client.createdAt}>{dateFormat.format(new Date(client.createdAt))}</time>
          {client.updatedAt !== client.createdAt ? (
            <>
              {" · "}Updated <time dateTime={client.updatedAt}>{dateFormat.format(new Date(client.updatedAt))}</time>
            </>
          ) : null}
        </p>
      </div>

      <ClientCredentials poolId={poolId} clientId={client.clientId} hasSecret={client.hasSecret} managed={managed} />

      <Card>
        <CardHeader headingLevel={3} title="Endpoints" description="What to configure in your app or OIDC library." />
        <CardBody>
          <dl className="space-y-4">
            <Endpoint label="Issuer" value={issuer} copyLabel="Copy issuer URL" />
            <Endpoint label="Discovery URL" value={`${issuer}/.well-known/openid-configuration`} copyLabel="Copy discovery URL" />
            <Endpoint label="Token endpoint" value={`${issuer}/oauth2/token`} copyLabel="Copy token endpoint" />
            {codeFlow && signInUrl ? (
              <Endpoint
                label="Hosted sign-in URL"
                value={signInUrl}
                copyLabel="Copy hosted sign-in URL"
                note={
                  client.hasSecret
                    ? "An example with the first callback URL. Add a state parameter in your app."
                    : "An example with the first callback URL. Public clients must also send code_challenge and code_challenge_method=S256 (PKCE)."
                }
              />
            ) : (
              <EndpointNote label="Hosted sign-in URL">
                {codeFlow
                  ? "Add a callback URL below to sign users in on the hosted pages."
                  : "Allow the authorization code flow below to sign users in on the hosted pages."}
              </EndpointNote>
            )}
            {signOutUrl ? (
              <Endpoint label="Sign-out URL" value={signOutUrl} copyLabel="Copy sign-out URL" note="An example with the first sign-out URL." />
            ) : null}
          </dl>
        </CardBody>
      </Card>

      <ClientForm
        poolId={poolId}
        managed={managed}
        resourceServers={resourceServers.map((rs) => ({ identifier: rs.identifier, name: rs.name, scopes: rs.scopes.map((s) => ({ name: s.name, description: s.description })) }))}
        client={{
          clientId: client.clientId,
          name: client.name,
          hasSecret: client.hasSecret,
          callbackUrls: client.callbackUrls,
          logoutUrls: client.logoutUrls,
          allowedOAuthFlows: client.allowedOAuthFlows,
          allowedScopes: client.allowedScopes,
          accessTokenValidity: client.accessTokenValidity,
          idTokenValidity: client.idTokenValidity,
          refreshTokenValidity: client.refreshTokenValidity,
          refreshTokenRotation: client.refreshTokenRotation,
          preventUserExistenceErrors: client.preventUserExistenceErrors,
          explicitAuthFlows: client.explicitAuthFlows,
          supportedIdentityProviders: client.supportedIdentityProviders,
          readAttributes: client.readAttributes,
          writeAttributes: client.writeAttributes,
        }}
        poolAttributes={{ customAttributes: pool.customAttributes, requiredAttributes: pool.requiredAttributes }}
      />

      <ClientDangerZone poolId={poolId} clientId={client.clientId} name={client.name} managed={managed} />
    </div>
  );
}

function EndpointRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
      <dt className="font-medium text-zinc-900 sm:pt-1">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function Endpoint({ label, value, copyLabel, note }: { label: string; value: string; copyLabel: string; note?: string }) {
  return (
    <EndpointRow label={label}>
      <div className="flex items-start gap-1">
        <code className="min-w-0 flex-1 rounded-md bg-zinc-50 px-2 py-1 font-mono text-[0.8125rem] break-all text-zinc-800 ring-1 ring-inset ring-zinc-200">
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </div>
      {note ? <p className="mt-1 text-sm text-zinc-500">{note}</p> : null}
    </EndpointRow>
  );
}

function EndpointNote({ label, children }: { label: string; children: ReactNode }) {
  return (
    <EndpointRow label={label}>
      <p className="text-sm text-zinc-500 sm:pt-1">{children}</p>
    </EndpointRow>
  );
}
