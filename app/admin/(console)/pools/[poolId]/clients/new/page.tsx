import Link from "next/link";
import { ClientForm } from "@/components/admin/clients/client-form.tsx";
import { focusRing } from "@/components/ui/cx.ts";
import { listResourceServers } from "@/lib/admin/resource-servers.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create app client" };

export default async function NewClientPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { poolId } = await params;
  const resourceServers = await listResourceServers(getRuntime().db, poolId);
  const listPath = `/admin/pools/${encodeURIComponent(poolId)}/clients`;

  return (
    <div className="space-y-6">
      <div>
        <Link
          href={listPath}
          className={`inline-flex items-center gap-1 rounded-sm text-sm font-medium text-zinc-500 hover:text-zinc-900 ${focusRing}`}
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-4">
            <path
              fillRule="evenodd"
              d="M9.78 4.22a.75.75 0 0 1 0 1.06L7.06 8l2.72 2.72a.75.75 0 1 1-1.06 1.06L5.47 8.53a.75.75 0 0 1 0-1.06l3.25-3.25a.75.75 0 0 1 1.06 0Z"
              clipRule="evenodd"
            />
          </svg>
          App clients
        </Link>
        <h2 className="mt-2 text-lg font-semibold text-zinc-900">Create app client</h2>
        <p className="mt-1 max-w-2xl text-sm text-zinc-500">
          One client per app. You can change everything but the client type later; a confidential client&apos;s secret is shown once, right
          after creation.
        </p>
      </div>
      <ClientForm
        poolId={poolId}
        resourceServers={resourceServers.map((rs) => ({ identifier: rs.identifier, name: rs.name, scopes: rs.scopes.map((s) => ({ name: s.name, description: s.description })) }))}
      />
    </div>
  );
}
