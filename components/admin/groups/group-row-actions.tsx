"use client";
// Members, Edit and Delete for one row of the Groups tab's table, each with its dialog. The table
// itself is rendered on the server.
import { Lock } from "lucide-react";
import { useCallback, useState } from "react";
import { DeleteGroupDialog } from "@/components/admin/groups/delete-group-dialog.tsx";
import { GroupDialog } from "@/components/admin/groups/group-dialog.tsx";
import { GroupMembersDialog } from "@/components/admin/groups/group-members-dialog.tsx";
import type { GroupRow } from "@/components/admin/groups/group-row.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";

export type { GroupRow };

type GroupRowActionsProps = {
  poolId: string;
  group: GroupRow;
  /** The console pool's admins group: it cannot be deleted. */
  protectedGroup?: boolean;
};

/** Members, Edit and Delete for one row of the groups table. */
export function GroupRowActions({ poolId, group, protectedGroup = false }: GroupRowActionsProps) {
  const [dialog, setDialog] = useState<"members" | "edit" | "delete" | null>(null);
  const [session, setSession] = useState(0);
  const close = useCallback(() => setDialog(null), []);

  return (
    <div className="flex items-center justify-end gap-1">
      <Button variant="ghost" size="sm" aria-label={`Members of ${group.name}`} onClick={() => setDialog("members")}>
        Members
      </Button>
      <Button
        variant="ghost"
        size="sm"
        aria-label={`Edit ${group.name}`}
        onClick={() => {
          setSession((n) => n + 1);
          setDialog("edit");
        }}
      >
        Edit
      </Button>
      {protectedGroup ? (
        <span className="inline-flex h-8 items-center px-2" title="The console's admins group cannot be deleted.">
          <Badge tone="neutral">
            <Lock aria-hidden="true" className="size-3" />
            Protected
            <span className="sr-only">: the console&apos;s admins group cannot be deleted</span>
          </Badge>
        </span>
      ) : (
        <Button variant="danger-ghost" size="sm" aria-label={`Delete ${group.name}`} onClick={() => setDialog("delete")}>
          Delete
        </Button>
      )}

      <GroupDialog key={session} open={dialog === "edit"} onClose={close} poolId={poolId} group={group} />
      <GroupMembersDialog open={dialog === "members"} onClose={close} poolId={poolId} group={group} />
      {protectedGroup ? null : <DeleteGroupDialog open={dialog === "delete"} onClose={close} poolId={poolId} group={group} />}
    </div>
  );
}
