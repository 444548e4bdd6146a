// A load balancer's health check: 200 while the database answers and is migrated, else 503 (and
// the instance answers every other request with 503 too until it is back; see lib/health.ts).
import { RETRY_AFTER_SECONDS } from "@/lib/http/unavailable.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await getRuntime().database.check();
  return Response.json(result.ok ? { status: "ok" } : { status: "unavailable", reason: result.reason }, {
    status: result.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store", ...(result.ok ? {} : { "Retry-After": String(RETRY_AFTER_SECONDS) }) },
  });
}
