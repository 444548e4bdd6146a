// The "Import users" page of a pool's Users tab: Cognito's CSV user import in the console. The
// header template, a file checked and previewed before anything is written, the job's progress
// while it runs, the rows that failed, and past jobs (lib/user-import).
import { notFound } from "next/navigation";
import { UserImport } from "@/components/admin/users/user-import.tsx";
import { BackLink } from "@/components/ui/back-link.tsx";
import { isAppError } from "@/lib/errors.ts";
import { getPool } from "@/lib/pools/pool.ts";
import { csvHeaderOf } from "@/lib/user-import/csv-header.ts";
import { importJobView } from "@/lib/user-import/job-view.ts";
import { listImportJobs } from "@/lib/user-import/jobs.ts";
import { MAX_CSV_BYTES } from "@/lib/user-import/parse-file.ts";
import { requireAdmin } from "../../../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import users" };

export default async function ImportUsersPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const pool = await getPool(rt.db, poolId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "ResourceNotFoundException") notFound();
    throw error;
  });
  const { jobs } = await listImportJobs(rt.db, { poolId: pool.id, limit: 20 });
  const urls = { publicUrl: rt.env.publicUrl, secrets: rt.secrets };
  return (
    <div className="space-y-6">
      <BackLink href={`/admin/pools/${encodeURIComponent(pool.id)}/users`}>Users</BackLink>
      <UserImport poolId={pool.id} columns={csvHeaderOf(pool)} maxBytes={MAX_CSV_BYTES} initialJobs={jobs.map((job) => importJobView(urls, job))} />
    </div>
  );
}
