import { redirect } from "next/navigation";
import { demoAvailable } from "@/lib/demo/demo-client.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

export default async function Home() {
  const rt = getRuntime();
  if (await demoAvailable(rt)) redirect("/demo/callback");
  return (
    <main className="mx-auto max-w-xl px-4 py-16 font-brand">
      <h1 className="text-2xl font-semibold">Gatehouse is running</h1>
      <p className="mt-2 text-muted">Each user pool&apos;s discovery document is at /&lt;poolId&gt;/.well-known/openid-configuration.</p>
    </main>
  );
}
