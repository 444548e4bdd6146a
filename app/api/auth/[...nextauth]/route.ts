// The console's sign-in (next-auth), configured from the running Gatehouse.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/admin/auth-options.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, authOptions(getRuntime()));
}

export { handler as GET, handler as POST };
