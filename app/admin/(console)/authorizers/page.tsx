import Link from "next/link";
import { Badge } from "@/components/ui/badge.tsx";
import { ButtonLink } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table.tsx";
import { listAuthorizers } from "@/lib/admin/authorizers.ts";
import { requireAdmin } from "../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Authorizers" };

export default async function AuthorizersPage() {
  const { rt } = await requireAdmin();
  const authorizers = await listAuthorizers(rt.db);
  const create = <ButtonLink href="/admin/authorizers/new">Create authorizer</ButtonLink>;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Authorizers"
        description={<>Put Gatehouse in front of your APIs, as API Gateway&apos;s authorizers: your proxy (nginx <code className="font-mono">auth_request</code>, Traefik <code className="font-mono">forwardAuth</code>, Caddy <code className="font-mono">forward_auth</code>) asks <code className="font-mono">{rt.env.publicUrl}/authorizers/&lt;name&gt;</code> and gets 200, 401 or 403.</>}
        actions={authorizers.length ? create : undefined}
      />
      {authorizers.length === 0 ? (
        <EmptyState bordered title="No authorizers yet" description="Create one to check user pool tokens or identity pool signatures before requests reach your API." action={create} />
      ) : (
        <Card>
          <Table label="Authorizers">
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Type</Th>
                <Th>Accepts</Th>
                <Th align="right">Rules</Th>
              </Tr>
            </THead>
            <TBody>
              {authorizers.map((a) => (
                <Tr key={a.name}>
                  <Td>
                    <Link href={`/admin/authorizers/${encodeURIComponent(a.name)}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                      {a.name}
                    </Link>
                  </Td>
                  <Td>{a.type === "AWS_IAM" ? <Badge tone="neutral">IAM</Badge> : <Badge tone="info">User pool tokens</Badge>}</Td>
                  <Td wrap className="text-zinc-600">
                    {a.type === "AWS_IAM"
                      ? `Credentials of ${a.identityPoolIds.length} identity pool${a.identityPoolIds.length === 1 ? "" : "s"}`
                      : `${a.tokenUse === "any" ? "Access or ID" : a.tokenUse === "id" ? "ID" : "Access"} tokens of ${a.poolIds.join(", ")}`}
                  </Td>
                  <Td align="right">{a.rules.length}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
