import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { GatehouseMark } from "@/components/admin/console-shell.tsx";
import { SetupForm } from "@/components/admin/setup-form.tsx";
import { passwordRules } from "@/lib/pools/password-policy.ts";
import { getPool } from "@/lib/pools/pool.ts";
import { LOCAL_REQUEST_HEADER, setupAllowed } from "@/lib/admin/setup-access.ts";
import { SYSTEM_POOL_ID, countAdmins } from "@/lib/admin/system-pool.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

/** Shown only while no admin exists, to a browser on the server or with the logged link; afterwards it is gone for good. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const rt = getRuntime();
  if ((await countAdmins(rt.db)) > 0) redirect("/admin/sign-in");
  const token = (await searchParams).token;
  const given = typeof token === "string" ? token : null;
  const allowed = setupAllowed(rt.secrets, { local: (await headers()).get(LOCAL_REQUEST_HEADER), token: given });
  const pool = await getPool(rt.db, SYSTEM_POOL_ID);
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 font-sans text-sm text-zinc-900 px-4 py-10">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <GatehouseMark className="size-10" />
        {allowed ? (
          <>
            <h1 className="mt-5 text-xl font-semibold tracking-tight">Create the first admin</h1>
            <p className="mt-1.5 text-zinc-600">
              Welcome to Gatehouse. This account manages user pools, apps and users. This page is available only until it exists.
            </p>
            <SetupForm rules={passwordRules(pool.passwordPolicy).map((r) => r.label)} token={given} />
          </>
        ) : (
          <>
            <h1 className="mt-5 text-xl font-semibold tracking-tight">Set-up is locked</h1>
            <p className="mt-1.5 text-zinc-600">
              No admin exists yet. So that no one else can claim this Gatehouse first, the first admin is created in one of these ways:
            </p>
            <ul className="mt-4 list-disc space-y-2 pl-5 text-zinc-700">
              <li>
                Open the set-up link Gatehouse printed in its log when it started, on the line{" "}
                <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">First admin:</code>.
              </li>
              <li>Open this page in a browser on the server itself.</li>
              <li>
                Set <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">GATEHOUSE_ADMIN_EMAIL</code> and{" "}
                <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">GATEHOUSE_ADMIN_PASSWORD</code> and restart.
              </li>
            </ul>
            {given ? (
              <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-red-800">
                The set-up link is not right. Copy it again from the log.
              </p>
            ) : null}
          </>
        )}
      </div>
    </main>
  );
}
