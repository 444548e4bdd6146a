"use client";
// An identity pool's identities, read-only but for deletion (a deleted identity's next GetId makes
// a new id; its credentials already issued run until they expire).
import Link from "next/link";
import { useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardHeader } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table.tsx";

export type IdentityRow = { identityId: string; logins: string[]; createdAt: string };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function IdentitiesTable({ identityPoolId, identities, nextCursor, paged }: { identityPoolId: string; identities: IdentityRow[]; nextCursor: string | null; paged: boolean }) {
  const [deleting, setDeleting] = useState<string | null>(null);
  const { run, pending } = useAdminAction();
  const base = `/admin/identity-pools/${enc(identityPoolId)}`;

  const remove = async () => {
    if (!deleting) return;
    const id = deleting;
    await run(`delete-${id}`, () => adminApi("DELETE", `/identity-pools/${enc(identityPoolId)}/identities/${enc(id)}`), "Identity deleted.");
    setDeleting(null);
  };

  return (
    <Card className="overflow-hidden">
      <CardHeader title="Identities" description="Everyone who got an identity id from this pool, signed in or as a guest, and the providers they signed in with." />
      {identities.length === 0 ? (
        <EmptyState headingLevel={3} title="No identities yet" description="An identity appears when an app first calls GetId or /token-to-credentials." />
      ) : (
        <Table label="Identities">
          <THead>
            <Tr>
              <Th>Identity ID</Th>
              <Th>Logins</Th>
              <Th>Created (UTC)</Th>
              <Th align="right"><span className="sr-only">Actions</span></Th>
            </Tr>
          </THead>
          <TBody>
            {identities.map((identity) => (
              <Tr key={identity.identityId}>
                <Td><code className="font-mono text-xs text-zinc-700">{identity.identityId}</code></Td>
                <Td wrap className="text-zinc-600">
                  {identity.logins.length ? identity.logins.map((l) => <code key={l} className="mr-2 font-mono text-xs">{l}</code>) : <span className="text-zinc-500">Guest</span>}
                </Td>
                <Td><time dateTime={identity.createdAt}>{dateFormat.format(new Date(identity.createdAt))}</time></Td>
                <Td align="right">
                  <Button variant="danger-ghost" size="sm" aria-label={`Delete identity ${identity.identityId}`} onClick={() => setDeleting(identity.identityId)}>Delete</Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {paged || nextCursor ? (
        <nav aria-label="Identities pages" className="flex justify-end gap-4 border-t border-zinc-200 px-4 py-3 text-sm sm:px-6">
          {paged ? <Link href={base} className="font-medium text-indigo-700 hover:underline">First page</Link> : null}
          {nextCursor ? <Link href={`${base}?cursor=${encodeURIComponent(nextCursor)}`} className="font-medium text-indigo-700 hover:underline">Next page</Link> : null}
        </nav>
      ) : null}
      <ConfirmDialog
        open={!!deleting}
        title="Delete this identity?"
        description={`${deleting ?? ""} and its logins are removed: the user's next sign-in makes a new identity id. Credentials already issued work until they expire.`}
        confirmLabel="Delete identity"
        busy={pending !== null}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </Card>
  );
}
