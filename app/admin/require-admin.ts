// The console pages' guard: the signed-in admin, or a redirect to sign-in (or to the first-run
// set-up while no admin exists).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionAdmin, type Caller } from "@/lib/admin/api/authenticate.ts";
import { countAdmins } from "@/lib/admin/system-pool.ts";
import { getRuntime } from "@/lib/runtime.ts";

export async function requireAdmin(): Promise<Caller> {
  const rt = getRuntime();
  const jar = await cookies();
  const header = jar.getAll().map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
  const admin = header ? await sessionAdmin(rt, header) : null;
  if (admin) return admin;
  if ((await countAdmins(rt.db)) === 0) redirect("/admin/setup");
  redirect("/admin/sign-in");
}
