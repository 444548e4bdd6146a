import { IdentityPoolForm } from "@/components/admin/identity-pools/identity-pool-form.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { listPoolChoices } from "@/lib/admin/references.ts";
import { requireAdmin } from "../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create identity pool" };

export default async function NewIdentityPoolPage() {
  const { rt } = await requireAdmin();
  const pools = await listPoolChoices(rt.db);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Create identity pool"
        breadcrumbs={[{ label: "Identity pools", href: "/admin/identity-pools" }, { label: "Create" }]}
        description="Its id is generated (local:…) and shown on its page, with the Logins keys your app passes."
      />
      <IdentityPoolForm pools={pools} publicUrl={rt.env.publicUrl} />
    </div>
  );
}
