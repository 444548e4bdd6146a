import { Monitor, Plus } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge.tsx";
import { ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { focusRing } from "@/components/ui/cx.ts";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table.tsx";
import { listClients } from "@/lib/admin/clients.ts";
import { CONSOLE_CLIENT_ID, SYSTEM_POOL_ID } from "@/lib/admin/system-pool.ts";
import { requireAdmin } from "../../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "App clients" };

const FLOW_LABELS: Record<string, string> = { code: "Authorization code", implicit: "Implicit", client_credentials: "Client credentials" };
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function ClientsPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const clients = await listClients(rt.db, poolId);
  const base = `/admin/pools/${encodeURIComponent(poolId)}/clients`;
  const createButton = (
    <ButtonLink href={`${base}/new`} size="sm">
      <Plus aria-hidden="true" className="size-4" />
      Create app client
    </ButtonLink>
  );

  return (
    <div className="space-y-6">
      <Card className="overflow-hidden">
        <CardHeader
          title="App clients"
          description="Each app that signs users in, or calls your APIs with client credentials, gets its own client ID, URLs, scopes and token lifetimes."
          actions={clients.length > 0 ? createButton : null}
        />
        <CardBody flush>
          {clients.length === 0 ? (
            <EmptyState
              icon={<Monitor aria-hidden="true" />}
              title="No app clients yet"
              description="Create one for each web, mobile or server-side app that uses this pool. Public clients (single-page and mobile apps) use PKCE; confidential clients get a secret."
              action={createButton}
            />
          ) : (
            <Table label="App clients" containerClassName="relative">
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Client ID</Th>
                  <Th>Type</Th>
                  <Th>OAuth flows</Th>
                  <Th>Created</Th>
                </Tr>
              </THead>
              <TBody>
                {clients.map((client) => {
                  const managed = poolId === SYSTEM_POOL_ID && client.clientId === CONSOLE_CLIENT_ID;
                  return (
                    <Tr key={client.clientId}>
                      <Td>
                        <span className="flex items-center gap-2">
                          <Link
                            href={`${base}/${encodeURIComponent(client.clientId)}`}
                            className={`rounded-sm font-medium text-zinc-900 underline-offset-2 hover:text-indigo-600 hover:underline ${focusRing}`}
                          >
                            {client.name}
                          </Link>
                          {managed ? <Badge tone="info">Console</Badge> : null}
                        </span>
                      </Td>
                      <Td>
                        <span className="inline-flex items-center gap-1">
                          <code className="font-mono text-xs text-zinc-700">{client.clientId}</code>
                          <CopyButton value={client.clientId} label={`Copy the client ID of ${client.name}`} />
                        </span>
                      </Td>
                      <Td>{client.hasSecret ? <Badge tone="info">Confidential</Badge> : <Badge tone="neutral">Public</Badge>}</Td>
                      <Td>
                        {client.allowedOAuthFlows.length > 0 ? (
                          <span className="flex gap-1">
                            {client.allowedOAuthFlows.map((flow) => (
                              <Badge key={flow} tone="neutral">
                                {FLOW_LABELS[flow] ?? flow}
                              </Badge>
                            ))}
                          </span>
                        ) : (
                          <span className="text-zinc-500">None</span>
                        )}
                      </Td>
                      <Td className="text-zinc-500">
                        <time dateTime={client.createdAt}>{dateFormat.format(new Date(client.createdAt))}</time>
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
