"use client";
// The client form's "Sign-in providers" (Cognito's SupportedIdentityProviders): the pool's own
// users and each identity provider of the pool, read from the admin API so the form's pages need
// nothing more. A provider the client names that the pool no longer has is shown so it can go.
import { useEffect, useState } from "react";
import Link from "next/link";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Checkbox } from "@/components/ui/field.tsx";
import { CheckboxGroup } from "./client-form-parts.tsx";
import { COGNITO_LABEL, FIELD_LABELS } from "./client-form-model.ts";

type Provider = { name: string; type: string };

const TYPE_LABELS: Record<string, string> = { Google: "Google", Facebook: "Facebook", SignInWithApple: "Sign in with Apple", OIDC: "OpenID Connect", SAML: "SAML 2.0" };

export function SignInProviders({ poolId, value, onChange, error }: { poolId: string; value: string[]; onChange: (next: string[]) => void; error?: string | undefined }) {
  const [providers, setProviders] = useState<Provider[] | null>(null);
  useEffect(() => {
    let live = true;
    adminApi<{ identityProviders: Provider[] }>("GET", `/pools/${enc(poolId)}/identity-providers`)
      .then((result) => live && setProviders(result.identityProviders))
      .catch(() => live && setProviders([]));
    return () => {
      live = false;
    };
  }, [poolId]);

  const toggle = (name: string, on: boolean) => onChange(on ? (value.includes(name) ? value : [...value, name]) : value.filter((p) => p !== name));
  const known = new Set(["COGNITO", ...(providers ?? []).map((p) => p.name)]);
  const stale = providers ? value.filter((name) => !known.has(name)) : [];
  return (
    <CheckboxGroup
      field="supportedIdentityProviders"
      legend={FIELD_LABELS.supportedIdentityProviders}
      hint={
        <>
          Where users of this client may sign in on the hosted pages. Add providers on the{" "}
          <Link className="font-medium text-indigo-600 hover:text-indigo-500" href={`/admin/pools/${enc(poolId)}/identity-providers`}>Identity providers</Link> tab.
        </>
      }
      error={error}
    >
      <Checkbox
        name="supportedIdentityProviders" value="COGNITO" label={COGNITO_LABEL} description="Users of this pool sign in with their password."
        checked={value.includes("COGNITO")} onChange={(event) => toggle("COGNITO", event.target.checked)}
      />
      {(providers ?? []).map((p) => (
        <Checkbox
          key={p.name} name="supportedIdentityProviders" value={p.name} label={p.name} description={TYPE_LABELS[p.type] ?? p.type}
          checked={value.includes(p.name)} onChange={(event) => toggle(p.name, event.target.checked)}
        />
      ))}
      {stale.map((name) => (
        <Checkbox
          key={name} name="supportedIdentityProviders" value={name} label={name} description="Not an identity provider of this pool any more: untick it."
          checked={value.includes(name)} onChange={(event) => toggle(name, event.target.checked)}
        />
      ))}
      {providers === null ? <p className="text-sm text-zinc-500">Loading the pool&apos;s identity providers…</p> : null}
    </CheckboxGroup>
  );
}
