import { checkHealth } from "@/lib/health.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await checkHealth(getRuntime().db);
  return Response.json(result.ok ? { status: "ok" } : { status: "unavailable", reason: result.reason }, {
    status: result.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
