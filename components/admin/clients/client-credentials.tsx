"use client";
// The app client page's interactive cards: Credentials (rotate the secret) and the Danger zone (delete).
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { ConfirmDialog, Dialog, SecretReveal } from "@/components/ui/dialog.tsx";
import { useToast } from "@/components/ui/toast.tsx";

type CredentialsProps = {
  poolId: string;
  clientId: string;
  hasSecret: boolean;
  /** The console's own client: its secret is derived from GATEHOUSE_SECRET and must not be rotated here. */
  managed?: boolean;
};

/** The client id, and for confidential clients the secret's rotation. */
export function ClientCredentials({ poolId, clientId, hasSecret, managed = false }: CredentialsProps) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const rotate = async () => {
    setBusy(true);
    try {
      const result = await adminApi<{ clientSecret: string }>("POST", `/pools/${enc(poolId)}/clients/${enc(clientId)}/secret`);
      setConfirming(false);
      setSecret(result.clientSecret);
      toast.success("New client secret created. The old one no longer works.");
      router.refresh();
    } catch (error) {
      // Closed first, so the toast is not hidden behind the dialog.
      setConfirming(false);
      toast.error(error instanceof Error ? error.message : "The secret could not be rotated.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <CardHeader headingLevel={3} title="Credentials" description="What the app identifies itself with." />
      <CardBody>
        <dl className="divide-y divide-zinc-100">
          <div className="grid gap-1 pb-4 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
            <dt className="font-medium text-zinc-900 sm:pt-1">Client ID</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <code className="min-w-0 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[0.8125rem] break-all text-zinc-900">{clientId}</code>
              <CopyButton value={clientId} label="Copy client ID" />
            </dd>
          </div>
          <div className="grid gap-1 pt-4 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
            <dt className="font-medium text-zinc-900 sm:pt-1">Client secret</dt>
            <dd className="min-w-0">
              {hasSecret ? (
                <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                  <div>
                    <p className="font-mono tracking-widest text-zinc-500" aria-hidden="true">
                      ••••••••••••••••
                    </p>
                    <p className="mt-1 text-sm text-zinc-500">
                      {managed
                        ? "Derived from GATEHOUSE_SECRET; it cannot be rotated here."
                        : "Hidden. It is shown only when the client is created or the secret rotated."}
                    </p>
                  </div>
                  {managed ? null : (
                    <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} className="self-start">
                      Rotate secret
                    </Button>
                  )}
                </div>
              ) : (
                <p className="text-sm text-zinc-500">
                  None: this is a public client. Apps sign users in with PKCE instead of a secret.
                </p>
              )}
            </dd>
          </div>
        </dl>
      </CardBody>

      <ConfirmDialog
        open={confirming}
        tone="danger"
        title="Rotate the client secret?"
        description={
          <>
            <p>A new secret replaces the current one at once. The old secret stops working immediately, so apps still using it fail to get tokens until you deploy the new one.</p>
          </>
        }
        confirmLabel="Rotate secret"
        busy={busy}
        onConfirm={() => void rotate()}
        onCancel={() => setConfirming(false)}
      />
      <Dialog
        open={secret !== null}
        onClose={() => setSecret(null)}
        title="New client secret"
        description="Update your app's configuration with it now."
        footer={
          <Button onClick={() => setSecret(null)} data-autofocus>
            Done
          </Button>
        }
      >
        {secret ? <SecretReveal label="Client secret" value={secret} note="Store it in your secret manager." /> : null}
      </Dialog>
    </Card>
  );
}

/** Deleting the client, after typing its name. */
export function ClientDangerZone({ poolId, clientId, name, managed = false }: { poolId: string; clientId: string; name: string; managed?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const remove = async () => {
    setBusy(true);
    try {
      await adminApi("DELETE", `/pools/${enc(poolId)}/clients/${enc(clientId)}`);
      toast.success(`App client ${name} deleted.`);
      setConfirming(false);
      router.push(`/admin/pools/${enc(poolId)}/clients`);
      router.refresh();
    } catch (error) {
      // Closed first, so the toast is not hidden behind the dialog.
      setConfirming(false);
      toast.error(error instanceof Error ? error.message : "The app client could not be deleted.");
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-red-200 bg-white shadow-xs">
      <div className="border-b border-red-200 px-4 py-4 sm:px-6">
        <h3 id={headingId} className="text-base font-semibold text-red-700">
          Danger zone
        </h3>
      </div>
      <div className="px-4 py-5 text-sm sm:px-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <p className="font-medium text-zinc-900">Delete this app client</p>
            <p className="mt-1 text-sm text-zinc-500">
              {managed
                ? "The console signs in with this client, and Gatehouse would recreate it at the next start. It cannot be deleted here."
                : "Its tokens and sessions are revoked at once, and apps using it can no longer sign users in. This cannot be undone."}
            </p>
          </div>
          {managed ? (
            <Badge tone="neutral" className="self-start sm:self-center">
              Managed by Gatehouse
            </Badge>
          ) : (
            <Button variant="danger" onClick={() => setConfirming(true)} className="self-start sm:self-center">
              Delete app client
            </Button>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        tone="danger"
        title={`Delete ${name}?`}
        description={
          <p>
            The client, its tokens and its sessions are deleted. Apps using client ID <code className="font-mono text-[0.8125rem] break-all">{clientId}</code>{" "}
            stop working immediately.
          </p>
        }
        confirmText={name}
        confirmLabel="Delete app client"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}

