import { HardDrive } from "lucide-react";
import { CreateResourceServerButton } from "@/components/admin/resource-servers/create-resource-server-button.tsx";
import { ResourceServerActions } from "@/components/admin/resource-servers/resource-server-actions.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table.tsx";
import { listResourceServers } from "@/lib/admin/resource-servers.ts";
import { requireAdmin } from "../../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Resource servers" };

export default async function ResourceServersPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const servers = await listResourceServers(rt.db, poolId);

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-zinc-900">Resource servers</h2>
          <p className="mt-1 max-w-2xl text-sm text-zinc-500">
            Your APIs and their custom scopes. App clients are allowed scopes such as{" "}
            <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">https://api.example.com/read</code> and put them
            in access tokens, most often with the client credentials flow.
          </p>
        </div>
        {servers.length > 0 ? (
          <div className="shrink-0">
            <CreateResourceServerButton poolId={poolId} />
          </div>
        ) : null}
      </div>

      {servers.length === 0 ? (
        <EmptyState
          bordered
          headingLevel={3}
          icon={<HardDrive aria-hidden="true" />}
          title="No resource servers yet"
          description="A resource server stands for one of your APIs and defines its custom scopes, such as orders.read. Machine-to-machine apps ask for them with the client credentials flow, and your API checks them in the access token."
          action={<CreateResourceServerButton poolId={poolId} />}
          className="bg-white"
        />
      ) : (
        servers.map((server, index) => {
          const titleId = `resource-server-${index}`;
          return (
            <Card key={server.identifier} role="region" aria-labelledby={titleId} className="overflow-hidden">
              <CardHeader
                headingLevel={3}
                titleId={titleId}
                title={
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="wrap-anywhere">{server.name}</span>
                    <Badge tone="neutral">
                      {server.scopes.length} {server.scopes.length === 1 ? "scope" : "scopes"}
                    </Badge>
                  </span>
                }
                description={
                  <span className="flex min-w-0 items-center gap-1">
                    <span className="sr-only">Identifier: </span>
                    <code className="min-w-0 font-mono text-xs break-all text-zinc-700">{server.identifier}</code>
                    <CopyButton value={server.identifier} label={`Copy the identifier of ${server.name}`} />
                  </span>
                }
                actions={<ResourceServerActions poolId={poolId} server={{ identifier: server.identifier, name: server.name, scopes: server.scopes }} />}
              />
              <CardBody flush>
                {server.scopes.length === 0 ? (
                  <p className="px-4 py-6 text-sm text-zinc-500 sm:px-6">No scopes yet. Edit the resource server to add some.</p>
                ) : (
                  <Table label={`Scopes of ${server.name}`} containerClassName="relative">
                    <THead>
                      <Tr>
                        <Th>Scope</Th>
                        <Th>Description</Th>
                        <Th>Full scope</Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {server.scopes.map((scope) => {
                        const full = `${server.identifier}/${scope.name}`;
                        return (
                          <Tr key={scope.name}>
                            <Td className="font-mono text-xs font-medium text-zinc-900">{scope.name}</Td>
                            <Td wrap className="text-zinc-600">
                              {scope.description || (
                                <>
                                  <span aria-hidden="true" className="text-zinc-400">
                                    —
                                  </span>
                                  <span className="sr-only">No description</span>
                                </>
                              )}
                            </Td>
                            <Td>
                              <span className="inline-flex items-center gap-1">
                                <code className="font-mono text-xs text-zinc-700">{full}</code>
                                <CopyButton value={full} label={`Copy ${full}`} />
                              </span>
                            </Td>
                          </Tr>
                        );
                      })}
                    </TBody>
                  </Table>
                )}
              </CardBody>
            </Card>
          );
        })
      )}
    </div>
  );
}
