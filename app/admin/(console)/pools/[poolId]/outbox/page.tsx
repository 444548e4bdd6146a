import { ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { listPoolOutbox } from "@/lib/messaging/sender.ts";
import { requireAdmin } from "../../../../require-admin.ts";

export const dynamic = "force-dynamic";

export default async function OutboxPage({ params, searchParams }: { params: Promise<{ poolId: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const { cursor } = await searchParams;
  const { messages, nextCursor } = await listPoolOutbox(rt.db, poolId, { cursor, limit: 25 });
  return (
    <Card>
      <CardHeader
        title="Outbox"
        description={rt.env.smtpUrl ? "Email goes out through SMTP_URL. Messages for phone numbers (there is no SMS sender yet), and any sent before SMTP_URL was set, are kept here." : "Without SMTP_URL, messages are kept here instead of being sent: codes, invitations and password resets. Set SMTP_URL to deliver them."}
      />
      {messages.length === 0 ? (
        <EmptyState title="No messages" description="Verification codes and invitations this pool sends appear here." className="py-10" />
      ) : (
        <CardBody flush>
          <ul className="divide-y divide-zinc-200">
            {messages.map((m) => (
              <li key={m.id} className="px-5 py-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-medium text-zinc-900">{m.subject}</p>
                  <time className="text-xs text-zinc-500" dateTime={m.createdAt}>{new Date(m.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                </div>
                <p className="text-zinc-600">To {m.to}{m.code ? <> · code <code className="font-mono">{m.code}</code></> : null}</p>
                <pre className="mt-2 whitespace-pre-wrap rounded-md bg-zinc-50 p-3 font-sans text-zinc-700">{m.body}</pre>
              </li>
            ))}
          </ul>
          {nextCursor ? (
            <div className="flex justify-end border-t border-zinc-200 px-4 py-3">
              <ButtonLink variant="secondary" size="sm" href={`?cursor=${encodeURIComponent(nextCursor)}`}>Older messages</ButtonLink>
            </div>
          ) : null}
        </CardBody>
      )}
    </Card>
  );
}
