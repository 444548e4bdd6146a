"use client";
// The Groups tab's "Create group" button and its dialog.
import { GroupDialog } from "@/components/admin/groups/group-dialog.tsx";
import { Button, type ButtonVariant } from "@/components/ui/button.tsx";
import { useDialogSession } from "@/components/ui/dialog.tsx";
import { PlusIcon } from "@/components/ui/icons.tsx";

/** The "Create group" button and its dialog. */
export function CreateGroupButton({ poolId, variant = "primary" }: { poolId: string; variant?: ButtonVariant }) {
  // A new session at every opening, so the form starts empty.
  const { open, session, show, close } = useDialogSession();
  return (
    <>
      <Button variant={variant} size="sm" onClick={show}>
        <PlusIcon />
        Create group
      </Button>
      <GroupDialog key={session} open={open} onClose={close} poolId={poolId} />
    </>
  );
}
