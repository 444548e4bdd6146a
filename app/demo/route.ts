import { notFound } from "next/navigation";
import { DEMO_COOKIE, demoAvailable, startDemoSignIn } from "@/lib/demo/demo-client.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  const rt = getRuntime();
  if (!(await demoAvailable(rt))) notFound();
  const { location, cookie } = startDemoSignIn(rt);
  const secure = rt.env.publicUrl.startsWith("https://") ? "; Secure" : "";
  return new Response(null, {
    status: 302,
    headers: { Location: location, "Set-Cookie": `${DEMO_COOKIE}=${cookie}; Path=/demo; HttpOnly; SameSite=Lax; Max-Age=600${secure}` },
  });
}
