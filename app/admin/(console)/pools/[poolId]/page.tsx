import { PoolForm, type PoolFormValues } from "@/components/admin/pools/pool-form.tsx";
import { PoolDangerZone } from "@/components/admin/pools/pool-danger-zone.tsx";
import { MigrateFromCard } from "@/components/admin/pools/migrate-from-card.tsx";
import { getPoolSummary } from "@/lib/admin/pools.ts";
import { requireAdmin } from "../../../require-admin.ts";

export const dynamic = "force-dynamic";

export default async function PoolSettingsPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const pool = await getPoolSummary(rt.db, poolId);
  // Only what the form edits: the rest of the pool (its branding, and its triggers and identity
  // providers with their sealed secrets) is not the form's to send to the browser, nor back to PATCH,
  // which refuses keys it does not take.
  const { counts, system } = pool;
  const settings: PoolFormValues = {
    id: pool.id, name: pool.name, signInAliases: pool.signInAliases, autoVerifiedAttributes: pool.autoVerifiedAttributes, requiredAttributes: pool.requiredAttributes,
    selfSignUp: pool.selfSignUp, mfa: pool.mfa, mfaMethods: pool.mfaMethods, signInMethods: pool.signInMethods, passkeys: pool.passkeys,
    deviceTracking: pool.deviceTracking, skipMfaOnRememberedDevices: pool.skipMfaOnRememberedDevices, passwordPolicy: pool.passwordPolicy, customAttributes: pool.customAttributes,
    defaultLanguage: pool.defaultLanguage,
  };
  return (
    <div className="space-y-6">
      <PoolForm mode="edit" initial={settings} hasUsers={counts.users > 0} system={system} defaultRelyingPartyId={new URL(rt.env.publicUrl).hostname} />
      {system ? null : <MigrateFromCard poolId={pool.id} initial={pool.migrateFrom} />}
      <PoolDangerZone poolId={pool.id} name={pool.name} counts={counts} system={system} />
    </div>
  );
}
