import Link from "next/link";
import { Badge } from "@/components/ui/badge.tsx";
import { ButtonLink } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table.tsx";
import { listIdentityPoolViews } from "@/lib/admin/identity-pools.ts";
import { requireAdmin } from "../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Identity pools" };

export default async function IdentityPoolsPage() {
  const { rt } = await requireAdmin();
  const pools = await listIdentityPoolViews(rt.db);
  const create = <ButtonLink href="/admin/identity-pools/new">Create identity pool</ButtonLink>;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Identity pools"
        description="Trade a user pool's ID token (or nothing, for guests) for temporary AWS credentials with a role chosen from the user's groups or claims, as Cognito identity pools do."
        actions={pools.length ? create : undefined}
      />
      {pools.length === 0 ? (
        <EmptyState bordered title="No identity pools yet" description="Create one to give your app's users AWS credentials through Amplify or the AWS SDKs." action={create} />
      ) : (
        <Card>
          <Table label="Identity pools">
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Identity pool ID</Th>
                <Th>Guests</Th>
                <Th align="right">Providers</Th>
                <Th>Credentials</Th>
              </Tr>
            </THead>
            <TBody>
              {pools.map((pool) => (
                <Tr key={pool.id}>
                  <Td>
                    <Link href={`/admin/identity-pools/${encodeURIComponent(pool.id)}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                      {pool.name}
                    </Link>
                  </Td>
                  <Td><code className="font-mono text-xs text-zinc-600">{pool.id}</code></Td>
                  <Td>{pool.allowUnauthenticatedIdentities ? <Badge tone="info">Allowed</Badge> : <Badge tone="neutral">Not allowed</Badge>}</Td>
                  <Td align="right">{pool.providers.length}</Td>
                  <Td>{pool.credentials.mode === "sts" ? "AWS STS" : "Local"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
