import Link from "next/link";
import { Badge } from "@/components/ui/badge.tsx";
import { ButtonLink } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table.tsx";
import { ImportPoolButton } from "@/components/admin/pools/import-pool-button.tsx";
import { listPools } from "@/lib/admin/pools.ts";
import { requireAdmin } from "../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "User pools" };

export default async function PoolsPage({ searchParams }: { searchParams: Promise<{ system?: string }> }) {
  const { rt } = await requireAdmin();
  const includeSystem = (await searchParams).system === "1";
  const pools = await listPools(rt.db, { includeSystem });
  return (
    <div className="space-y-6">
      <PageHeader
        title="User pools"
        description="Each pool is a user directory with its own sign-in settings, apps and hosted pages."
        actions={
          <>
            <ImportPoolButton />
            <ButtonLink href="/admin/pools/new">Create user pool</ButtonLink>
          </>
        }
      />
      {pools.length === 0 ? (
        <EmptyState
          bordered
          title="No user pools yet"
          description="Create a pool for your app's users, then add an app client to start signing them in."
          action={<ButtonLink href="/admin/pools/new">Create user pool</ButtonLink>}
        />
      ) : (
        <Card>
          <Table label="User pools">
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Pool ID</Th>
                <Th align="right">Users</Th>
                <Th align="right">App clients</Th>
                <Th>Sign-in</Th>
                <Th>MFA</Th>
                <Th>Created</Th>
              </Tr>
            </THead>
            <TBody>
              {pools.map((pool) => (
                <Tr key={pool.id}>
                  <Td>
                    <Link href={`/admin/pools/${pool.id}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                      {pool.name}
                    </Link>
                    {pool.system ? <Badge tone="info" className="ml-2">Console</Badge> : null}
                  </Td>
                  <Td><code className="font-mono text-xs text-zinc-600">{pool.id}</code></Td>
                  <Td align="right">{pool.counts.users.toLocaleString("en-US")}</Td>
                  <Td align="right">{pool.counts.clients}</Td>
                  <Td>{pool.signInAliases.join(", ")}</Td>
                  <Td><Badge tone={pool.mfa === "ON" ? "success" : pool.mfa === "OPTIONAL" ? "info" : "neutral"}>{pool.mfa === "ON" ? "Required" : pool.mfa === "OPTIONAL" ? "Optional" : "Off"}</Badge></Td>
                  <Td>{new Date(pool.createdAt).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      <p className="text-zinc-500">
        {includeSystem ? (
          <Link href="/admin" className="underline underline-offset-4 hover:text-zinc-800">Hide the console&apos;s own pool</Link>
        ) : (
          <Link href="/admin?system=1" className="underline underline-offset-4 hover:text-zinc-800">Show the console&apos;s own pool (its admins)</Link>
        )}
      </p>
    </div>
  );
}
