import { TriggersEditor } from "@/components/admin/triggers/triggers-editor.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table.tsx";
import { getTriggers } from "@/lib/admin/triggers.ts";
import { TRIGGER_NAMES, type TriggerName } from "@/lib/triggers/config.ts";
import { listTriggerDeliveries, type TriggerDeliveryView } from "@/lib/triggers/deliveries.ts";
import { requireAdmin } from "../../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Triggers" };

/** How many of each trigger's deliveries the page shows (the API gives 20). */
const SHOWN = 5;

export default async function TriggersPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const { triggers } = await getTriggers(rt.db, poolId);
  const configured = TRIGGER_NAMES.filter((name) => triggers[name]);
  const lists = await Promise.all(configured.map((name) => listTriggerDeliveries(rt.db, { poolId, trigger: name, limit: SHOWN })));
  const deliveries = Object.fromEntries(configured.map((name, i) => [name, <Deliveries key={name} name={name} deliveries={lists[i]!} />]));
  // Keyed by the saved set, so the form starts again from what was saved after each save.
  return <TriggersEditor key={JSON.stringify(triggers)} poolId={poolId} triggers={triggers} deliveries={deliveries} />;
}

function Deliveries({ name, deliveries }: { name: TriggerName; deliveries: TriggerDeliveryView[] }) {
  if (deliveries.length === 0) return <p className="mt-4 text-sm text-zinc-500">No deliveries yet.</p>;
  return (
    <div className="mt-4 overflow-hidden rounded-lg border border-zinc-200">
      <Table label={`Last deliveries of ${name}`}>
        <THead>
          <Tr>
            <Th>Time</Th>
            <Th>Source</Th>
            <Th>Status</Th>
            <Th align="right">Duration</Th>
            <Th>Error</Th>
          </Tr>
        </THead>
        <TBody>
          {deliveries.map((d) => (
            <Tr key={d.id}>
              <Td className="tabular-nums text-zinc-600">
                <time dateTime={d.createdAt}>{d.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
              </Td>
              <Td className="font-mono text-xs text-zinc-700">{d.triggerSource}</Td>
              <Td>
                <Badge tone={d.ok ? "success" : "danger"} dot>
                  {d.ok ? "OK" : "Failed"}
                  {d.status !== null ? ` · ${d.status}` : ""}
                </Badge>
                {d.tries > 1 ? <span className="ml-2 text-xs text-zinc-500">{d.tries} tries</span> : null}
              </Td>
              <Td align="right" className="tabular-nums">{d.durationMs} ms</Td>
              <Td wrap className="min-w-64 max-w-sm text-zinc-600">
                {d.error ? <span className="line-clamp-2 break-words" title={d.error}>{d.error}</span> : <span aria-hidden="true" className="text-zinc-400">—</span>}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
