// Every form of the account page posts here (/{pool}/account/{action}); lib/account decides.
import { cookies } from "next/headers";
import { z } from "zod";
import { cookieName } from "@/lib/account/sealed-cookie.ts";
import { submitAccountForm } from "@/lib/account/submit-account-form.ts";
import { redirectWithCookies } from "@/lib/account/respond.ts";
import { getRuntime } from "@/lib/runtime.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";

export const dynamic = "force-dynamic";

const Params = z.object({ poolId: z.string().regex(/^[\w-]{1,64}$/), action: z.string().regex(/^[a-z-]{1,40}$/) });
// Form fields: strings only (no files), few and short.
const Form = z.array(z.tuple([z.string().max(80), z.string().max(4096)])).max(80);

export async function POST(request: Request, { params }: { params: Promise<{ poolId: string; action: string }> }) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) return new Response("Not found.", { status: 404 });
  const entries = await request.formData().then((data) => [...data.entries()], () => null);
  const form = Form.safeParse(entries);
  if (!form.success) return new Response("This form could not be read.", { status: 400 });
  const rt = getRuntime();
  const { poolId, action } = parsed.data;
  const answer = await submitAccountForm(rt, {
    poolId, action, form: Object.fromEntries(form.data),
    sessionCookie: (await cookies()).get(cookieName("session", poolId))?.value,
    origin: request.headers.get("origin"),
    ip: request.headers.get("x-gatehouse-client-ip") ?? "unknown",
    userAgent: request.headers.get("user-agent"),
    locale: requestLocale(request.headers),
  });
  if (answer.kind === "refused") return new Response(answer.message, { status: answer.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  return redirectWithCookies(rt, answer.to, answer.cookies);
}
