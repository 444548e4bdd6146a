"use client";
// Edit and Delete for one resource server's card (the cards themselves are rendered on the server).
import { useCallback, useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Button } from "@/components/ui/button.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";
import { ResourceServerDialog, type ResourceServerData } from "./resource-server-dialog.tsx";

/** Edit and Delete for one resource server's card. */
export function ResourceServerActions({ poolId, server }: { poolId: string; server: ResourceServerData }) {
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const [session, setSession] = useState(0);
  const close = useCallback(() => setDialog(null), []);
  const { run, pending } = useAdminAction();

  // The dialog closes whatever the outcome, so the toast saying it is not hidden behind it.
  const remove = () =>
    run("delete", async () => {
      try {
        await adminApi("DELETE", `/pools/${enc(poolId)}/resource-servers/${enc(server.identifier)}`);
      } finally {
        setDialog(null);
      }
    }, `Resource server ${server.name} deleted.`);

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        aria-label={`Edit ${server.name}`}
        onClick={() => {
          setSession((n) => n + 1);
          setDialog("edit");
        }}
      >
        Edit
      </Button>
      <Button variant="danger-ghost" size="sm" aria-label={`Delete ${server.name}`} onClick={() => setDialog("delete")}>
        Delete
      </Button>

      <ResourceServerDialog key={session} open={dialog === "edit"} onClose={close} poolId={poolId} server={server} />
      <ConfirmDialog
        open={dialog === "delete"}
        tone="danger"
        title={`Delete ${server.name}?`}
        description={
          <>
            <p>
              The resource server <code className="font-mono text-[0.8125rem] break-all">{server.identifier}</code>
              {server.scopes.length > 0 ? ` and its ${server.scopes.length === 1 ? "scope" : `${server.scopes.length} scopes`} are deleted.` : " is deleted."}
            </p>
            {server.scopes.length > 0 ? <p>If an app client is still allowed one of its scopes, remove the scope from that client first.</p> : null}
          </>
        }
        confirmLabel="Delete resource server"
        busy={pending === "delete"}
        onConfirm={() => void remove()}
        onCancel={close}
      />
    </>
  );
}
