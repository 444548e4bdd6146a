"use client";
// The Identity providers tab: the pool's providers with Edit and Delete, "Add provider", and what
// to register at an IdP (the redirect URI; for SAML the entity id, ACS URL and metadata URL).
import { useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyableValue } from "@/components/ui/copy-button.tsx";
import { ConfirmDialog, useDialogSession } from "@/components/ui/dialog.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PlusIcon } from "@/components/ui/icons.tsx";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table.tsx";
import { IdentityProviderDialog, type ProviderData } from "./identity-provider-dialog.tsx";
import { serviceProviderUrls, typeInfo } from "./provider-catalog.ts";

export function IdentityProvidersManager({ poolId, providers, publicUrl }: { poolId: string; providers: ProviderData[]; publicUrl: string }) {
  const adding = useDialogSession();
  const editing = useDialogSession();
  const [edited, setEdited] = useState<ProviderData | null>(null);
  const [deleting, setDeleting] = useState<ProviderData | null>(null);
  const { run, pending } = useAdminAction();
  const urls = serviceProviderUrls(publicUrl, poolId);
  const names = providers.map((p) => p.name);

  const remove = async () => {
    if (!deleting) return;
    const name = deleting.name;
    await run(`delete-${name}`, () => adminApi("DELETE", `/pools/${enc(poolId)}/identity-providers/${enc(name)}`), `${name} deleted.`);
    setDeleting(null);
  };

  const addButton = (
    <Button onClick={adding.show}>
      <PlusIcon />
      Add provider
    </Button>
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-zinc-900">Identity providers</h2>
          <p className="mt-1 max-w-2xl text-sm text-zinc-500">
            Let users sign in with Google, Facebook, Apple, an OpenID Connect provider or a SAML identity provider. Turn a provider on for an app
            client under its <span className="font-medium text-zinc-700">Sign-in providers</span>.
          </p>
        </div>
        {providers.length > 0 ? <div className="shrink-0">{addButton}</div> : null}
      </div>

      {providers.length === 0 ? (
        <EmptyState
          bordered
          headingLevel={3}
          title="No identity providers yet"
          description="Users sign in with their password only. Add a provider to let them sign in with an account they already have."
          action={addButton}
          className="bg-white"
        />
      ) : (
        <Card className="overflow-hidden">
          <Table label="Identity providers">
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Type</Th>
                <Th>Identifiers</Th>
                <Th>Secret</Th>
                <Th align="right"><span className="sr-only">Actions</span></Th>
              </Tr>
            </THead>
            <TBody>
              {providers.map((p) => (
                <Tr key={p.name}>
                  <Td className="font-medium text-zinc-900">{p.name}</Td>
                  <Td>{typeInfo(p.type).label}</Td>
                  <Td wrap className="text-zinc-600">
                    {p.idpIdentifiers.length ? p.idpIdentifiers.join(", ") : <span aria-hidden="true" className="text-zinc-400">—</span>}
                  </Td>
                  <Td>
                    {p.secretsSet.length ? <Badge tone="success" dot>Stored</Badge> : p.type === "SAML" ? <span className="text-zinc-500">None needed</span> : <Badge tone="warning">Missing</Badge>}
                  </Td>
                  <Td align="right">
                    <div className="flex justify-end gap-2">
                      <Button variant="secondary" size="sm" aria-label={`Edit ${p.name}`} onClick={() => { setEdited(p); editing.show(); }}>
                        Edit
                      </Button>
                      <Button variant="danger-ghost" size="sm" aria-label={`Delete ${p.name}`} onClick={() => setDeleting(p)}>
                        Delete
                      </Button>
                    </div>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}

      <Card>
        <CardHeader title="Register Gatehouse at the provider" description="What the provider asks for when you register this pool as an app (OAuth, OpenID Connect) or a service provider (SAML)." />
        <CardBody className="space-y-5">
          <CopyableValue label="Redirect URI (Google, Facebook, Apple, OpenID Connect)" value={urls.redirectUri} copyLabel="Copy the redirect URI" />
          <div className="space-y-5 border-t border-zinc-200 pt-5">
            <CopyableValue label="SAML entity ID (audience)" value={urls.entityId} copyLabel="Copy the SAML entity ID" />
            <CopyableValue label="SAML ACS URL (reply URL)" value={urls.acsUrl} copyLabel="Copy the SAML ACS URL" />
            <CopyableValue label="SAML metadata URL" value={urls.metadataUrl} copyLabel="Copy the SAML metadata URL" />
          </div>
        </CardBody>
      </Card>

      <IdentityProviderDialog key={`add-${adding.session}`} open={adding.open} onClose={adding.close} poolId={poolId} redirectUri={urls.redirectUri} taken={names} />
      {edited ? (
        <IdentityProviderDialog
          key={`edit-${editing.session}`} open={editing.open} onClose={editing.close} poolId={poolId} provider={edited} redirectUri={urls.redirectUri}
          taken={names.filter((n) => n !== edited.name)}
        />
      ) : null}
      <ConfirmDialog
        open={!!deleting}
        title={`Delete ${deleting?.name ?? ""}?`}
        description="Users can no longer sign in with it, and app clients stop offering it. Users it created stay, with their links: adding a provider of the same name brings them back."
        confirmLabel="Delete provider"
        busy={pending !== null}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
