// The account page's "Add a passkey" asks here for navigator.credentials.create()'s options; lib/account decides.
import { cookies } from "next/headers";
import { z } from "zod";
import { passkeyRegistrationOptions } from "@/lib/account/passkey-options.ts";
import { cookieName } from "@/lib/account/sealed-cookie.ts";
import { getRuntime } from "@/lib/runtime.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";

export const dynamic = "force-dynamic";

const Params = z.object({ poolId: z.string().regex(/^[\w-]{1,64}$/) });
const Form = z.object({ csrf: z.string().max(256) });

export async function POST(request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) return Response.json({ message: "Not found." }, { status: 404 });
  const data = await request.formData().then((form) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")), () => null);
  const form = Form.safeParse(data);
  if (!form.success) return Response.json({ message: "This request could not be read." }, { status: 400 });
  const { poolId } = parsed.data;
  const answer = await passkeyRegistrationOptions(getRuntime(), {
    poolId, csrf: form.data.csrf,
    sessionCookie: (await cookies()).get(cookieName("session", poolId))?.value,
    origin: request.headers.get("origin"),
    ip: request.headers.get("x-gatehouse-client-ip") ?? "unknown",
    userAgent: request.headers.get("user-agent"),
    locale: requestLocale(request.headers),
  });
  return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
}
