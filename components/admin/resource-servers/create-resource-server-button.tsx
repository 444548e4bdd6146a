"use client";
// The Resource servers tab's "Create resource server" button and its dialog.
import { Button, type ButtonVariant } from "@/components/ui/button.tsx";
import { useDialogSession } from "@/components/ui/dialog.tsx";
import { PlusIcon } from "@/components/ui/icons.tsx";
import { ResourceServerDialog } from "./resource-server-dialog.tsx";

export function CreateResourceServerButton({ poolId, variant = "primary" }: { poolId: string; variant?: ButtonVariant }) {
  // A new session at every opening, so the form starts empty.
  const { open, session, show, close } = useDialogSession();
  return (
    <>
      <Button variant={variant} size="sm" onClick={show}>
        <PlusIcon />
        Create resource server
      </Button>
      <ResourceServerDialog key={session} open={open} onClose={close} poolId={poolId} />
    </>
  );
}
