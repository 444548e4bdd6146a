import { BackLink } from "@/components/ui/back-link.tsx";
import { ClientForm } from "@/components/admin/clients/client-form.tsx";
import { listResourceServers } from "@/lib/admin/resource-servers.ts";
import { getPool } from "@/lib/pools/pool.ts";
import { requireAdmin } from "../../../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create app client" };

export default async function NewClientPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const [resourceServers, pool] = await Promise.all([listResourceServers(rt.db, poolId), getPool(rt.db, poolId)]);
  const listPath = `/admin/pools/${encodeURIComponent(poolId)}/clients`;

  return (
    <div className="space-y-6">
      <div>
        <BackLink href={listPath}>App clients</BackLink>
        <h2 className="mt-2 text-lg font-semibold text-zinc-900">Create app client</h2>
        <p className="mt-1 max-w-2xl text-sm text-zinc-500">
          One client per app. You can change everything but the client type later; a confidential client&apos;s secret is shown once, right
          after creation.
        </p>
      </div>
      <ClientForm
        poolId={poolId}
        resourceServers={resourceServers.map((rs) => ({ identifier: rs.identifier, name: rs.name, scopes: rs.scopes.map((s) => ({ name: s.name, description: s.description })) }))}
        poolAttributes={{ customAttributes: pool.customAttributes, requiredAttributes: pool.requiredAttributes }}
      />
    </div>
  );
}
