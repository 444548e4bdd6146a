import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/admin/console-shell.tsx";
import { CONSOLE_CLIENT_ID, SYSTEM_POOL_ID } from "@/lib/admin/system-pool.ts";
import { requireAdmin } from "../require-admin.ts";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { admin, rt } = await requireAdmin();
  const base = rt.env.publicUrl;
  const logoutUrl = `${base}/${SYSTEM_POOL_ID}/logout?client_id=${CONSOLE_CLIENT_ID}&logout_uri=${encodeURIComponent(`${base}/admin/sign-in`)}`;
  // The console has its own calm palette; the --gh-* variables belong to the hosted pages.
  return (
    <div className="min-h-screen bg-zinc-50 font-sans text-sm text-zinc-900">
      <ConsoleShell admin={admin.name} logoutUrl={logoutUrl}>{children}</ConsoleShell>
    </div>
  );
}
