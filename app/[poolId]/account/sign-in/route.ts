// Starts a sign-in to the account page through the pool's hosted UI.
import { z } from "zod";
import { startAccountSignIn } from "@/lib/account/sign-in.ts";
import { redirectWithCookies } from "@/lib/account/respond.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

const Params = z.object({ poolId: z.string().regex(/^[\w-]{1,64}$/) });

export async function GET(_request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  const parsed = Params.safeParse(await params);
  const rt = getRuntime();
  const step = parsed.success ? await startAccountSignIn(rt, { poolId: parsed.data.poolId }) : null;
  if (!step) return new Response("There is no such user pool.", { status: 404 });
  return redirectWithCookies(rt, step.redirect, step.cookies);
}
