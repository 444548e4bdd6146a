"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Dialog, SecretReveal } from "@/components/ui/dialog.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { adminApi } from "../use-admin-api.ts";

type ImportResult = { poolId: string; generatedSecrets: { clientId: string; clientSecret: string }[] };

/** Imports a pool exported from this or another Gatehouse (JSON). */
export function ImportPoolButton() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const toast = useToast();
  const router = useRouter();
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        aria-label="Pool file to import"
        tabIndex={-1}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          setBusy(true);
          try {
            const document = JSON.parse(await file.text()) as unknown;
            const imported = await adminApi<ImportResult>("POST", "/pools/import", document);
            toast.success(`Imported pool ${imported.poolId}`);
            if (imported.generatedSecrets.length) setResult(imported);
            else router.push(`/admin/pools/${imported.poolId}`);
          } catch (error) {
            toast.error(error instanceof SyntaxError ? "That file is not JSON." : (error as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      />
      <Button variant="secondary" loading={busy} onClick={() => input.current?.click()}>
        Import
      </Button>
      <Dialog
        open={!!result}
        title="New client secrets"
        description="Clients that had a secret got a new one. Update your apps with them."
        onClose={() => router.push(`/admin/pools/${result!.poolId}`)}
        footer={<Button onClick={() => router.push(`/admin/pools/${result!.poolId}`)}>Done</Button>}
      >
        <div className="space-y-4">
          {result?.generatedSecrets.map((s) => <SecretReveal key={s.clientId} label={`Secret of ${s.clientId}`} value={s.clientSecret} />)}
        </div>
      </Dialog>
    </>
  );
}
