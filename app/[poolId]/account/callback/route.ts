// The pool's hosted UI sends the browser back here with the code of an account page sign-in.
import { cookies } from "next/headers";
import { z } from "zod";
import { cookieName } from "@/lib/account/sealed-cookie.ts";
import { CallbackQuery, finishAccountSignIn } from "@/lib/account/sign-in.ts";
import { redirectWithCookies } from "@/lib/account/respond.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

const Params = z.object({ poolId: z.string().regex(/^[\w-]{1,64}$/) });

export async function GET(request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) return new Response("Not found.", { status: 404 });
  const { poolId } = parsed.data;
  const query = CallbackQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const rt = getRuntime();
  const step = await finishAccountSignIn(rt, {
    poolId, query: query.success ? query.data : {}, pendingCookie: (await cookies()).get(cookieName("sign-in", poolId))?.value,
  });
  return redirectWithCookies(rt, step.redirect, step.cookies);
}
