// Development only (GATEHOUSE_DEV_OUTBOX=1): the messages sent to an address, newest first. They
// hold codes and temporary passwords, so even when switched on it answers only a browser or test
// on the server itself (the set-up page's rule), never through a proxy or from another machine.
import { notFound } from "next/navigation";
import { z } from "zod";
import { LOCAL_REQUEST_HEADER } from "@/lib/admin/setup-access.ts";
import { listOutbox } from "@/lib/messaging/sender.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";

const Query = z.object({ to: z.string().trim().min(3).max(320) });

export async function GET(request: Request) {
  const rt = getRuntime();
  if (!rt.env.devOutbox || request.headers.get(LOCAL_REQUEST_HEADER) !== "1") notFound();
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "InvalidParameterException", message: "Give the address as ?to=<email or phone>." }, { status: 400 });
  const messages = await listOutbox(rt.db, parsed.data.to);
  return Response.json(messages, { headers: { "Cache-Control": "no-store" } });
}
