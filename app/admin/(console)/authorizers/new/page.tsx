import { AuthorizerForm } from "@/components/admin/authorizers/authorizer-form.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { listIdentityPoolViews } from "@/lib/admin/identity-pools.ts";
import { listPoolChoices } from "@/lib/admin/references.ts";
import { requireAdmin } from "../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create authorizer" };

export default async function NewAuthorizerPage() {
  const { rt } = await requireAdmin();
  const [pools, identityPools] = await Promise.all([listPoolChoices(rt.db), listIdentityPoolViews(rt.db)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Create authorizer"
        breadcrumbs={[{ label: "Authorizers", href: "/admin/authorizers" }, { label: "Create" }]}
        description="Its page shows the URL to give your proxy and an nginx example."
      />
      <AuthorizerForm pools={pools} identityPools={identityPools.map((p) => ({ id: p.id, name: p.name }))} />
    </div>
  );
}
