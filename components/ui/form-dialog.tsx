import { CircleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";

/** Cancel and submit, the footer of every form dialog. */
export function FormDialogFooter({ busy, onCancel, submitLabel }: { busy: boolean; onCancel: () => void; submitLabel: string }) {
  return (
    <>
      <Button variant="secondary" onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </>
  );
}

/** An error inside an open dialog: toasts sit behind a modal dialog, so it is shown (and announced) here. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" className={message ? "mb-5" : "sr-only"}>
      {message ? (
        <p className="flex gap-2 rounded-lg bg-red-50 p-3 text-sm text-red-700 ring-1 ring-inset ring-red-600/20">
          <CircleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-red-500" />
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}
