"use client";
import { useState, type FormEvent } from "react";
import type { ApiKeyView } from "@/lib/admin/api-keys.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton, CopyableValue } from "@/components/ui/copy-button.tsx";
import { ConfirmDialog, Dialog, SecretReveal } from "@/components/ui/dialog.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Field, Input } from "@/components/ui/field.tsx";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table.tsx";
import { adminApi, useAdminAction } from "./use-admin-api.ts";

type Created = { key: string; accessKeyId: string; secretAccessKey: string };

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "Never");

export function ApiKeysManager({ keys }: { keys: ApiKeyView[] }) {
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const { run, pending } = useAdminAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    const result = await run("create", () => adminApi<{ key: string; secretAccessKey: string; apiKey: ApiKeyView }>("POST", "/api-keys", { name }), "API key created");
    if (result) {
      setCreating(false);
      setName("");
      setCreated({ key: result.key, accessKeyId: result.apiKey.accessKeyId, secretAccessKey: result.secretAccessKey });
    }
  }

  return (
    <>
      <Card>
        <CardHeader title="Keys" actions={<Button onClick={() => setCreating(true)}>Create API key</Button>} />
        {keys.length === 0 ? (
          <EmptyState title="No API keys" description="Create one for scripts, CI or infrastructure-as-code." className="py-10" />
        ) : (
          <Table label="API keys">
            <THead>
              <Tr><Th>Name</Th><Th>Key</Th><Th>Access key ID</Th><Th>Created</Th><Th>Last used</Th><Th>Status</Th><Th align="right"><span className="sr-only">Actions</span></Th></Tr>
            </THead>
            <TBody>
              {keys.map((key) => (
                <Tr key={key.id}>
                  <Td className="font-medium">{key.name}</Td>
                  <Td><code className="font-mono text-xs">{key.prefix}…</code></Td>
                  <Td>
                    <span className="inline-flex items-center gap-1">
                      <code className="font-mono text-xs">{key.accessKeyId}</code>
                      <CopyButton value={key.accessKeyId} label={`Copy the access key ID of ${key.name}`} />
                    </span>
                  </Td>
                  <Td>{when(key.createdAt)} <span className="text-xs text-zinc-500">by {key.createdBy}</span></Td>
                  <Td>{when(key.lastUsedAt)}</Td>
                  <Td>{key.revokedAt ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}</Td>
                  <Td align="right">
                    {key.revokedAt ? null : (
                      <Button variant="ghost" size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>Revoke</Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <Dialog
        open={creating}
        title="Create API key"
        onClose={() => setCreating(false)}
        busy={pending === "create"}
        formProps={{ onSubmit: (event) => void create(event) }}
        footer={
          <>
            <Button variant="secondary" onClick={() => setCreating(false)}>Cancel</Button>
            <Button type="submit" loading={pending === "create"} disabled={!name.trim()}>Create key</Button>
          </>
        }
      >
        <Field label="Name" hint="What uses it, e.g. “Terraform” or “CI”.">
          {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-autofocus />}
        </Field>
      </Dialog>
      <Dialog
        open={!!created}
        title="Your new API key"
        description="Use the key with the admin API, and its AWS credentials to sign the Cognito API's Admin calls from an AWS SDK."
        onClose={() => setCreated(null)}
        footer={<Button onClick={() => setCreated(null)}>Done</Button>}
      >
        {created ? (
          <div className="space-y-5">
            <SecretReveal label="API key" value={created.key} />
            <div className="space-y-5 border-t border-zinc-200 pt-5">
              <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">AWS credentials</p>
              <CopyableValue label="Access key ID" value={created.accessKeyId} copyLabel="Copy access key ID" />
              <SecretReveal label="Secret access key" value={created.secretAccessKey} note="The access key ID stays in the key list." />
            </div>
          </div>
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={!!revoking}
        tone="danger"
        title={`Revoke ${revoking?.name ?? ""}?`}
        description="Anything using this key stops working at once. This cannot be undone."
        confirmLabel="Revoke key"
        busy={pending === "revoke"}
        onCancel={() => setRevoking(null)}
        onConfirm={async () => {
          await run("revoke", () => adminApi("DELETE", `/api-keys/${revoking!.id}`), "API key revoked");
          setRevoking(null);
        }}
      />
    </>
  );
}
