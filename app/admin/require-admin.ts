// The console's one door to its data: the signed-in admin and, with them, the runtime (database,
// settings), or a redirect to sign-in (or to the first-run set-up while no admin exists).
// Every console page, layout and route handler calls it itself before it reads anything: Next.js
// renders a layout and its pages in parallel, so a check in a layout alone does not stop a page
// from streaming its data into the redirect's response. Pages take the database from here rather
// than from getRuntime(), so a page cannot read data without this check (a test holds them to it:
// tests/security/console-pages-require-a-session.test.ts).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionAdmin, type Caller } from "@/lib/admin/api/authenticate.ts";
import { countAdmins } from "@/lib/admin/system-pool.ts";
import { getRuntime, type Runtime } from "@/lib/runtime.ts";

export type ConsoleContext = { admin: Caller; rt: Runtime };

/** Once per request (React's cache), however many layouts and pages ask. */
export const requireAdmin = cache(async (): Promise<ConsoleContext> => {
  const rt = getRuntime();
  const jar = await cookies();
  const header = jar.getAll().map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
  const session = header ? await sessionAdmin(rt, header) : null;
  if (session?.admin) return { admin: session.admin, rt };
  if ((await countAdmins(rt.db)) === 0) redirect("/admin/setup");
  redirect("/admin/sign-in");
});
