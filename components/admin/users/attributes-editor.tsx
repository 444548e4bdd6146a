"use client";
// The "Edit" button of the Attributes card of a user's page, and its dialog.
import { SquarePen } from "lucide-react";
import { AttributesDialog, type AttributesDialogProps } from "@/components/admin/users/attributes-dialog.tsx";
import { Button } from "@/components/ui/button.tsx";
import { useDialogSession } from "@/components/ui/dialog.tsx";

/** The "Edit" button of the Attributes card and its dialog. */
export function AttributesEditor(props: AttributesDialogProps) {
  // A new session at every opening, so the form starts empty.
  const { open, session, show, close } = useDialogSession();
  return (
    <>
      <Button variant="secondary" size="sm" onClick={show}>
        <SquarePen aria-hidden="true" className="size-4 text-zinc-500" />
        Edit<span className="sr-only"> attributes</span>
      </Button>
      {session > 0 ? <AttributesDialog key={session} open={open} onClose={close} {...props} /> : null}
    </>
  );
}
