import { PoolForm, NEW_POOL } from "@/components/admin/pools/pool-form.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireAdmin } from "../../../require-admin.ts";

export const metadata = { title: "Create user pool" };

export default async function NewPoolPage() {
  const { rt } = await requireAdmin();
  return (
    <div className="space-y-6">
      <PageHeader title="Create user pool" breadcrumbs={[{ label: "User pools", href: "/admin" }, { label: "Create" }]} description="You can change everything except the sign-in options later." />
      <PoolForm mode="create" initial={NEW_POOL} defaultRelyingPartyId={new URL(rt.env.publicUrl).hostname} />
    </div>
  );
}
