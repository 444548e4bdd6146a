"use client";
// The user page's "Linked identities": the identities at the pool's identity providers that sign
// in as this user (Cognito's identities attribute), with Unlink, and a small form to link one
// (Cognito's AdminLinkProviderForUser). Read from the admin API, so the page needs only the user.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { AdminApiError, adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";
import { Field, Input, Select } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";

type Identity = { userId: string; providerName: string; providerType: string | null; primary: boolean; dateCreated: number };

export function LinkedIdentities({ poolId, username, displayName }: { poolId: string; username: string; displayName: string }) {
  const toast = useToast();
  const base = `/pools/${enc(poolId)}/users/${enc(username)}/identities`;
  const [identities, setIdentities] = useState<Identity[] | null>(null);
  const [providers, setProviders] = useState<string[]>([]);
  const [provider, setProvider] = useState("");
  const [subject, setSubject] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unlinking, setUnlinking] = useState<Identity | null>(null);

  const load = useCallback(async () => {
    try {
      const [linked, idps] = await Promise.all([
        adminApi<{ identities: Identity[] }>("GET", base),
        adminApi<{ identityProviders: { name: string }[] }>("GET", `/pools/${enc(poolId)}/identity-providers`),
      ]);
      setIdentities(linked.identities);
      setProviders(idps.identityProviders.map((p) => p.name));
      setProvider((current) => current || idps.identityProviders[0]?.name || "");
    } catch (e) {
      setIdentities([]);
      setError(e instanceof Error ? e.message : "The identities could not be read.");
    }
  }, [base, poolId]);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- loads the identities: state is set when the requests answer, not during the effect
  useEffect(() => void load(), [load]);

  const link = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (!subject.trim()) {
      setError("Enter the user's id at the provider.");
      return;
    }
    setBusy(true);
    try {
      const result = await adminApi<{ identities: Identity[] }>("POST", base, { providerName: provider, providerUserId: subject.trim() });
      setIdentities(result.identities);
      setSubject("");
      toast.success(`${displayName} is linked to ${subject.trim()} at ${provider}.`);
    } catch (e) {
      setError(e instanceof AdminApiError || e instanceof Error ? e.message : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  };

  const unlink = async () => {
    if (!unlinking) return;
    setBusy(true);
    try {
      const result = await adminApi<{ identities: Identity[] }>("DELETE", `${base}/${enc(unlinking.providerName)}/${enc(unlinking.userId)}`);
      setIdentities(result.identities);
      toast.success(`Unlinked ${unlinking.userId} at ${unlinking.providerName}.`);
    } catch (e) {
      toast.error(e instanceof Error ? e.message : "Something went wrong.");
    } finally {
      setBusy(false);
      setUnlinking(null);
    }
  };

  return (
    <CardBody>
      {identities === null ? (
        <p className="text-sm text-zinc-500">Loading…</p>
      ) : identities.length === 0 ? (
        <p className="text-sm text-zinc-500">No identity at an identity provider signs in as this user.</p>
      ) : (
        <ul aria-label="Linked identities" className="-mt-1 divide-y divide-zinc-100">
          {identities.map((identity) => (
            <li key={`${identity.providerName}/${identity.userId}`} className="flex flex-wrap items-center justify-between gap-2 py-3 first:pt-0">
              <div className="min-w-0">
                <p className="font-medium text-zinc-900">
                  {identity.providerName}
                  {identity.primary ? <Badge tone="info" className="ml-2">Created the user</Badge> : null}
                </p>
                <p className="font-mono text-xs break-all text-zinc-600">{identity.userId}</p>
              </div>
              {identity.primary ? null : (
                <Button variant="ghost" size="sm" aria-label={`Unlink ${identity.userId} at ${identity.providerName}`} onClick={() => setUnlinking(identity)}>
                  Unlink
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}

      {providers.length ? (
        <form onSubmit={(e) => void link(e)} noValidate aria-label="Link an identity" className="mt-4 space-y-3 border-t border-zinc-200 pt-4">
          <p className="text-sm font-medium text-zinc-900">Link an identity</p>
          <Field label="Provider">
            {(p) => (
              <Select {...p} value={provider} onChange={(e) => setProvider(e.target.value)}>
                {providers.map((name) => <option key={name} value={name}>{name}</option>)}
              </Select>
            )}
          </Field>
          <Field label="User id at the provider" error={error ?? undefined}>
            {(p) => <Input {...p} value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="sub, or NameID for SAML" autoComplete="off" spellCheck={false} />}
          </Field>
          <Button type="submit" variant="secondary" loading={busy}>
            Link identity
          </Button>
        </form>
      ) : identities !== null ? (
        <p className="mt-3 text-sm text-zinc-500">Add an identity provider to the pool to link identities.</p>
      ) : null}

      <ConfirmDialog
        open={!!unlinking}
        title="Unlink this identity?"
        description={unlinking ? `${unlinking.userId} at ${unlinking.providerName} will no longer sign in as ${displayName}; its next sign-in makes a new user.` : ""}
        confirmLabel="Unlink"
        busy={busy}
        onConfirm={() => void unlink()}
        onCancel={() => setUnlinking(null)}
      />
    </CardBody>
  );
}
