import { ApiKeysManager } from "@/components/admin/api-keys-manager.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { listApiKeys } from "@/lib/admin/api-keys.ts";
import { requireAdmin } from "../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { rt } = await requireAdmin();
  const keys = await listApiKeys(rt.db);
  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description={<>Keys for the admin API at <code className="font-mono">{rt.env.publicUrl}/api/admin</code>. Send one as <code className="font-mono">Authorization: Bearer ghk_…</code>. A key can do everything an admin can. Its access key ID and secret access key sign Cognito API calls from AWS SDKs.</>}
      />
      <ApiKeysManager keys={keys} />
    </div>
  );
}
