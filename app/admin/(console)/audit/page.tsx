import { Badge } from "@/components/ui/badge.tsx";
import { Button, ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardBody } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Field, Input, Select } from "@/components/ui/field.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table.tsx";
import { AuditQuerySchema, listAuditEvents } from "@/lib/audit/audit.ts";
import { listPools } from "@/lib/admin/pools.ts";
import { requireAdmin } from "../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

const TYPES = [
  ["", "All events"], ["SignIn", "Sign-ins and failures"], ["SignInFailed", "Failed sign-ins"], ["UserLockedOut", "Lockouts"], ["RecoveryCodeUsed", "Recovery codes used"],
  ["admin.", "Admin changes"],
] as const;

/** A reason as the table shows it: written as a string (an error code); anything else as JSON. */
function reasonText(reason: unknown): string {
  return typeof reason === "string" ? reason : JSON.stringify(reason);
}

function tone(type: string) {
  if (type === "SignIn") return "success" as const;
  // A recovery code means the second factor was not at hand: worth a look.
  if (type === "SignInFailed" || type === "RecoveryCodeUsed") return "warning" as const;
  if (type === "UserLockedOut" || /delete|disable|revoke/i.test(type)) return "danger" as const;
  return "neutral" as const;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { rt } = await requireAdmin();
  const raw = await searchParams;
  const parsed = AuditQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")));
  const query = parsed.success ? parsed.data : AuditQuerySchema.parse({});
  const [{ events, nextCursor }, pools] = await Promise.all([listAuditEvents(rt.db, query), listPools(rt.db, { includeSystem: true })]);
  const next = nextCursor ? `?${new URLSearchParams({ ...raw, cursor: nextCursor })}` : null;
  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" description="Sign-ins and their failures, lockouts, and every change made in the console or through the admin API." />
      <Card>
        <CardBody>
          <form method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] lg:items-end">
            <Field label="Event">
              {(p) => (
                <Select {...p} name="type" defaultValue={query.type ?? ""}>
                  {TYPES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </Select>
              )}
            </Field>
            <Field label="Pool">
              {(p) => (
                <Select {...p} name="poolId" defaultValue={query.poolId ?? ""}>
                  <option value="">All pools</option>
                  {pools.map((pool) => <option key={pool.id} value={pool.id}>{pool.name}</option>)}
                </Select>
              )}
            </Field>
            <Field label="Actor">{(p) => <Input {...p} name="actor" defaultValue={query.actor ?? ""} placeholder="Admin, key or user" />}</Field>
            <Field label="Target">{(p) => <Input {...p} name="target" defaultValue={query.target ?? ""} placeholder="User, client, group…" />}</Field>
            <Button type="submit">Filter</Button>
          </form>
          {!parsed.success ? <p role="alert" className="mt-3 text-red-700">Some filters were not valid and were ignored.</p> : null}
        </CardBody>
      </Card>
      {events.length === 0 ? (
        <EmptyState bordered title="No events" description={Object.keys(raw).length ? "Nothing matches these filters." : "Sign-ins and admin changes will appear here."} />
      ) : (
        <Card>
          <Table label="Audit events">
            <THead>
              <Tr><Th>When</Th><Th>Event</Th><Th>Actor</Th><Th>Target</Th><Th>Pool</Th><Th>From</Th></Tr>
            </THead>
            <TBody>
              {events.map((event) => (
                <Tr key={event.id}>
                  <Td><time dateTime={event.createdAt}>{new Date(event.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC</time></Td>
                  <Td><Badge tone={tone(event.type)}>{event.type}</Badge>{event.details.reason ? <span className="ml-2 text-xs text-zinc-500">{reasonText(event.details.reason)}</span> : null}</Td>
                  <Td>{event.actor ?? "—"} <span className="text-xs text-zinc-500">({event.actorType})</span></Td>
                  <Td>{event.target ?? "—"}</Td>
                  <Td><code className="font-mono text-xs">{event.poolId ?? "—"}</code></Td>
                  <Td><span title={event.userAgent ?? undefined}>{event.ip ?? "—"}</span></Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          {next ? (
            <div className="flex justify-end border-t border-zinc-200 px-4 py-3">
              <ButtonLink variant="secondary" size="sm" href={next}>Older events</ButtonLink>
            </div>
          ) : null}
        </Card>
      )}
    </div>
  );
}
