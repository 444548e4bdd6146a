"use client";
// The danger zone of an identity pool's or an authorizer's page: delete it after a confirmation,
// then go back to the list.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { adminApi } from "@/components/admin/use-admin-api.ts";
import { Button } from "@/components/ui/button.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";
import { useToast } from "@/components/ui/toast.tsx";

export function DeleteZone({ what, name, apiPath, listPath, consequence }: {
  /** "identity pool" or "authorizer". */
  what: string;
  name: string;
  apiPath: string;
  listPath: string;
  consequence: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const remove = async () => {
    setBusy(true);
    try {
      await adminApi("DELETE", apiPath);
      toast.success(`${what.charAt(0).toUpperCase()}${what.slice(1)} ${name} deleted.`);
      setConfirming(false);
      router.push(listPath);
      router.refresh();
    } catch (error) {
      // Closed first, so the toast is not hidden behind the dialog.
      setConfirming(false);
      toast.error(error instanceof Error ? error.message : `The ${what} could not be deleted.`);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-red-200 bg-white shadow-xs">
      <div className="border-b border-red-200 px-4 py-4 sm:px-6">
        <h2 id={headingId} className="text-base font-semibold text-red-700">Danger zone</h2>
      </div>
      <div className="flex flex-col gap-4 px-4 py-5 text-sm sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div>
          <p className="font-medium text-zinc-900">Delete this {what}</p>
          <p className="mt-1 text-sm text-zinc-500">{consequence}</p>
        </div>
        <Button variant="danger" className="shrink-0" onClick={() => setConfirming(true)}>Delete {what}</Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${name}?`}
        description={consequence}
        confirmLabel={`Delete ${what}`}
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
