import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PoolTabs } from "@/components/admin/pool-tabs.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { getPoolSummary } from "@/lib/admin/pools.ts";
import { isAppError } from "@/lib/errors.ts";
import { requireAdmin } from "../../../require-admin.ts";

export default async function PoolLayout({ children, params }: { children: ReactNode; params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const pool = await getPoolSummary(rt.db, poolId).catch((error) => {
    if (isAppError(error) && error.code === "ResourceNotFoundException") notFound();
    throw error;
  });
  const issuer = `${rt.env.publicUrl}/${pool.id}`;
  return (
    <>
      <PageHeader
        title={pool.name}
        breadcrumbs={[{ label: "User pools", href: "/admin" }, { label: pool.name }]}
        meta={
          <span className="flex flex-wrap items-center gap-2 text-zinc-600">
            <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs">{pool.id}</code>
            <CopyButton value={pool.id} label="Copy pool ID" />
            {pool.system ? <Badge tone="info">Console pool</Badge> : null}
            <span className="hidden text-xs text-zinc-500 sm:inline">Issuer {issuer}</span>
          </span>
        }
      />
      <div className="mt-4">
        <PoolTabs poolId={pool.id} counts={pool.counts} />
      </div>
      <div className="mt-6">{children}</div>
    </>
  );
}
