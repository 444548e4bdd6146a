"use client";
// The confirmation that deletes a group, with what happens to its members and their tokens.
import type { GroupRow } from "@/components/admin/groups/group-row.ts";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";

export function DeleteGroupDialog({ open, onClose, poolId, group }: { open: boolean; onClose: () => void; poolId: string; group: GroupRow }) {
  const { run, pending } = useAdminAction();

  // The dialog closes whatever the outcome, so the toast saying it is not hidden behind it.
  const remove = () =>
    run("delete", async () => {
      try {
        await adminApi("DELETE", `/pools/${enc(poolId)}/groups/${enc(group.name)}`);
      } finally {
        onClose();
      }
    }, `Group ${group.name} deleted.`);

  return (
    <ConfirmDialog
      open={open}
      tone="danger"
      title={`Delete group ${group.name}?`}
      description={
        <>
          <p>
            {group.members === 0
              ? "The group has no members."
              : `Its ${group.members === 1 ? "member stays" : `${group.members} members stay`} in the pool, without the group.`}{" "}
            Tokens issued from now on no longer list it in cognito:groups; tokens already issued keep it until they expire.
          </p>
        </>
      }
      confirmLabel="Delete group"
      busy={pending === "delete"}
      onConfirm={() => void remove()}
      onCancel={onClose}
    />
  );
}
