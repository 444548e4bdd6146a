import { redirect } from "next/navigation";
import { GatehouseMark } from "@/components/admin/console-shell.tsx";
import { SetupForm } from "@/components/admin/setup-form.tsx";
import { passwordRules } from "@/lib/pools/password-policy.ts";
import { getPool } from "@/lib/pools/pool.ts";
import { SYSTEM_POOL_ID, countAdmins } from "@/lib/admin/system-pool.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

/** Shown only while no admin exists; afterwards it is gone for good. */
export default async function SetupPage() {
  const rt = getRuntime();
  if ((await countAdmins(rt.db)) > 0) redirect("/admin/sign-in");
  const pool = await getPool(rt.db, SYSTEM_POOL_ID);
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 font-sans text-sm text-zinc-900 px-4 py-10">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <GatehouseMark className="size-10" />
        <h1 className="mt-5 text-xl font-semibold tracking-tight">Create the first admin</h1>
        <p className="mt-1.5 text-zinc-600">
          Welcome to Gatehouse. This account manages user pools, apps and users. This page is available only until it exists.
        </p>
        <SetupForm rules={passwordRules(pool.passwordPolicy).map((r) => r.label)} />
      </div>
    </main>
  );
}
