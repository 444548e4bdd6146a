import { PoolForm, NEW_POOL } from "@/components/admin/pools/pool-form.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";

export const metadata = { title: "Create user pool" };

export default function NewPoolPage() {
  return (
    <div className="space-y-6">
      <PageHeader title="Create user pool" breadcrumbs={[{ label: "User pools", href: "/admin" }, { label: "Create" }]} description="You can change everything except the sign-in options later." />
      <PoolForm mode="create" initial={NEW_POOL} />
    </div>
  );
}
