import { notFound } from "next/navigation";
import { AuthorizerForm } from "@/components/admin/authorizers/authorizer-form.tsx";
import { DeleteZone } from "@/components/admin/identity-pools/delete-zone.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { getAuthorizer } from "@/lib/admin/authorizers.ts";
import { listIdentityPoolViews } from "@/lib/admin/identity-pools.ts";
import { listPoolChoices } from "@/lib/admin/references.ts";
import { nginxSnippet } from "@/lib/admin/nginx-snippet.ts";
import { isAppError } from "@/lib/errors.ts";
import { requireAdmin } from "../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Authorizer" };

export default async function AuthorizerPage({ params }: { params: Promise<{ name: string }> }) {
  const { rt } = await requireAdmin();
  const { name } = await params;
  const authorizer = await getAuthorizer(rt.db, name).catch((error: unknown) => {
    if (isAppError(error) && error.code === "ResourceNotFoundException") notFound();
    throw error;
  });
  const [pools, identityPools] = await Promise.all([listPoolChoices(rt.db), listIdentityPoolViews(rt.db)]);
  const url = `${rt.env.publicUrl}/authorizers/${encodeURIComponent(authorizer.name)}`;
  const snippet = nginxSnippet(url);

  return (
    <div className="space-y-6">
      <PageHeader
        title={authorizer.name}
        breadcrumbs={[{ label: "Authorizers", href: "/admin/authorizers" }, { label: authorizer.name }]}
        meta={authorizer.type === "AWS_IAM" ? <Badge tone="neutral">IAM</Badge> : <Badge tone="info">User pool tokens</Badge>}
      />

      <Card>
        <CardHeader title="Put it in front of your API" description="Your proxy sends each request's method, URI and Authorization header here and forwards the request only on a 200." />
        <CardBody className="space-y-5">
          <div>
            <p className="text-sm font-medium text-zinc-900">Forward-auth URL</p>
            <div className="mt-1.5 flex items-start gap-1">
              <code className="min-w-0 flex-1 rounded-md bg-zinc-50 px-2 py-1 font-mono text-[0.8125rem] break-all text-zinc-800 ring-1 ring-inset ring-zinc-200">{url}</code>
              <CopyButton value={url} label="Copy the forward-auth URL" />
            </div>
            <p className="mt-1 text-sm text-zinc-500">
              A 200 carries <code className="font-mono">X-Gatehouse-Sub</code>, <code className="font-mono">-Username</code>, <code className="font-mono">-Groups</code>,{" "}
              <code className="font-mono">-Scopes</code>, <code className="font-mono">-Role</code>, <code className="font-mono">-Identity-Id</code> and <code className="font-mono">-Claims</code>; a 401 says why in <code className="font-mono">WWW-Authenticate</code>.
            </p>
          </div>
          <div>
            <div className="flex items-center justify-between gap-2">
              <p className="text-sm font-medium text-zinc-900" id="nginx-snippet">nginx</p>
              <CopyButton value={snippet} label="Copy the nginx configuration" />
            </div>
            <pre aria-labelledby="nginx-snippet" tabIndex={0} className="mt-1.5 overflow-x-auto rounded-md bg-zinc-900 p-4 font-mono text-xs leading-relaxed text-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">{snippet}</pre>
          </div>
        </CardBody>
      </Card>

      <AuthorizerForm authorizer={authorizer} pools={pools} identityPools={identityPools.map((p) => ({ id: p.id, name: p.name }))} />

      <DeleteZone
        what="authorizer"
        name={authorizer.name}
        apiPath={`/authorizers/${encodeURIComponent(authorizer.name)}`}
        listPath="/admin/authorizers"
        consequence="Its URL answers 404 from then on, so a proxy that asks it refuses every request."
      />
    </div>
  );
}
