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
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-red-500">
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}
