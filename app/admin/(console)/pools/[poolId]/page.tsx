import { PoolForm } from "@/components/admin/pools/pool-form.tsx";
import { PoolDangerZone } from "@/components/admin/pools/pool-danger-zone.tsx";
import { getPoolSummary } from "@/lib/admin/pools.ts";
import { requireAdmin } from "../../../require-admin.ts";

export const dynamic = "force-dynamic";

export default async function PoolSettingsPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const pool = await getPoolSummary(rt.db, poolId);
  const { counts, createdAt: _c, updatedAt: _u, system, ...settings } = pool;
  return (
    <div className="space-y-6">
      <PoolForm mode="edit" initial={settings} hasUsers={counts.users > 0} system={system} />
      <PoolDangerZone poolId={pool.id} name={pool.name} counts={counts} system={system} />
    </div>
  );
}
