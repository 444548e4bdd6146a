"use client";
// The "Sign-in security" card's passkeys: each with its name, where it was made and last used, and
// Delete (the admin API's DELETE …/passkeys/{credentialId}). "Reset MFA" keeps passkeys, as they
// are a first factor: a lost one is deleted here.
import { useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";

/** Dates formatted on the server. */
export type PasskeyRow = { credentialId: string; name: string; synced: boolean; created: string; lastUsed: string | null };

export function UserPasskeys({ poolId, username, displayName, passkeys }: { poolId: string; username: string; displayName: string; passkeys: PasskeyRow[] }) {
  const { run, pending } = useAdminAction();
  const [deleting, setDeleting] = useState<PasskeyRow | null>(null);
  const remove = async () => {
    if (!deleting) return;
    await run("passkey", () => adminApi("DELETE", `/pools/${enc(poolId)}/users/${enc(username)}/passkeys/${enc(deleting.credentialId)}`), `Passkey “${deleting.name}” deleted`);
    setDeleting(null);
  };
  return (
    <CardBody className="border-t border-zinc-200">
      <p className="text-sm font-medium text-zinc-900">Passkeys</p>
      {passkeys.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600">None</p>
      ) : (
        <ul aria-label="Passkeys" className="mt-2 divide-y divide-zinc-100">
          {passkeys.map((p) => (
            <li key={p.credentialId} className="flex items-center justify-between gap-3 py-2.5">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-900">
                  <span className="wrap-anywhere">{p.name}</span>
                  {p.synced ? <Badge tone="neutral">Synced</Badge> : null}
                </p>
                <p className="text-xs text-zinc-500">
                  Added {p.created} · {p.lastUsed ? `last used ${p.lastUsed}` : "never used"}
                </p>
              </div>
              <Button className="shrink-0" variant="ghost" size="sm" aria-label={`Delete passkey ${p.name}`} onClick={() => setDeleting(p)} loading={pending === "passkey" && deleting?.credentialId === p.credentialId}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={!!deleting}
        title="Delete this passkey?"
        description={deleting ? `“${deleting.name}” will no longer sign ${displayName} in. They can add a new passkey after signing in another way.` : ""}
        confirmLabel="Delete passkey"
        tone="danger"
        busy={pending === "passkey"}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </CardBody>
  );
}
