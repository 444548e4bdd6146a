import { redirect } from "next/navigation";
import { GatehouseMark } from "@/components/admin/console-shell.tsx";
import { SignInButton } from "@/components/admin/sign-in-button.tsx";
import { countAdmins } from "@/lib/admin/system-pool.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  NotAdmin: "That account is not a console admin. Ask an admin to add you to the admins group.",
  AccessDenied: "That account is not a console admin. Ask an admin to add you to the admins group.",
  OAuthCallback: "The sign-in did not complete. Try again.",
  OAuthSignin: "The sign-in could not start. Try again.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if ((await countAdmins(getRuntime().db)) === 0) redirect("/admin/setup");
  const { error, setup } = await searchParams;
  const message = error ? (ERRORS[error] ?? "The sign-in did not complete. Try again.") : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 font-sans text-sm text-zinc-900 px-4">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <GatehouseMark className="size-10" />
        <h1 className="mt-5 text-xl font-semibold tracking-tight">Sign in to the Gatehouse console</h1>
        <p className="mt-1.5 text-zinc-600">You sign in with Gatehouse itself, with your console account&apos;s password and MFA.</p>
        {setup === "done" ? (
          <p role="status" className="mt-5 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-emerald-800">
            Your admin account is ready. Sign in with it now.
          </p>
        ) : null}
        {message ? (
          <p role="alert" className="mt-5 rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-red-800">
            {message}
          </p>
        ) : null}
        <div className="mt-6">
          <SignInButton />
        </div>
      </div>
    </main>
  );
}
