import { BrandingEditor } from "@/components/admin/branding/branding-editor.tsx";
import { listClients } from "@/lib/admin/clients.ts";
import { getBrandingState } from "@/lib/branding/branding.ts";
import { requireAdmin } from "../../../../require-admin.ts";

export const dynamic = "force-dynamic";

export default async function BrandingPage({ params, searchParams }: { params: Promise<{ poolId: string }>; searchParams: Promise<{ clientId?: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const { clientId } = await searchParams;
  const clients = (await listClients(rt.db, poolId)).map((c) => ({ clientId: c.clientId, name: c.name }));
  const target = clientId && clients.some((c) => c.clientId === clientId) ? clientId : null;
  const state = await getBrandingState(rt.db, poolId, target);
  return <BrandingEditor key={target ?? "pool"} poolId={poolId} clientId={target} clients={clients} initial={state} />;
}
