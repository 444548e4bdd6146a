import { IdentityProvidersManager } from "@/components/admin/identity-providers/identity-providers-manager.tsx";
import { listIdentityProviders } from "@/lib/admin/identity-providers.ts";
import { requireAdmin } from "../../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Identity providers" };

export default async function IdentityProvidersPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const { identityProviders } = await listIdentityProviders(rt, poolId);
  const providers = identityProviders.map(({ name, type, details, secretsSet, attributeMapping, idpIdentifiers }) => ({ name, type, details, secretsSet, attributeMapping, idpIdentifiers }));
  return <IdentityProvidersManager poolId={poolId} providers={providers} publicUrl={rt.env.publicUrl} />;
}
