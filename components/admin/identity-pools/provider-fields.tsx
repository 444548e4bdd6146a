"use client";
// One provider of an identity pool: the user pool and app client whose ID tokens it accepts, the
// `Logins` key developers pass for it, the server-side token check and its role mapping (the
// pool's default roles, the token's cognito:roles, or rules on its claims).
import { Button } from "@/components/ui/button.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { Checkbox, Field, Input, Select } from "@/components/ui/field.tsx";
import { MATCH_TYPES, loginsKeyOf, type MatchType } from "@/lib/identity-pools/config.ts";
import { ErrorText } from "@/components/admin/clients/client-form-parts.tsx";
import { errorAt, type FieldErrors } from "@/components/admin/forms/api-errors.ts";
import { emptyRule, mappingKey, type MappingKind, type PoolChoice, type ProviderRow, type RuleRow } from "./identity-pool-model.ts";

const MAPPING_INFO: Record<MappingKind, string> = {
  Default: "Everyone signed in with this provider gets the authenticated role.",
  Token: "The role comes from the ID token: cognito:preferred_role, or the role asked for among cognito:roles (the user's groups' roles).",
  Rules: "The first rule whose claim matches gives the role.",
};

export function ProviderFields({ row, index, pools, publicUrl, errors, onChange, onRemove }: {
  row: ProviderRow;
  index: number;
  pools: PoolChoice[];
  publicUrl: string;
  errors: FieldErrors;
  onChange: (next: ProviderRow) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const pool = pools.find((p) => p.id === row.poolId);
  const at = `providers.${index}`;
  const mappingAt = `roleMappings.${mappingKey(row)}`;
  const set = (patch: Partial<ProviderRow>) => onChange({ ...row, ...patch });
  const setRule = (key: number, patch: Partial<RuleRow>) => set({ rules: row.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const loginsKey = row.poolId ? loginsKeyOf(publicUrl, row.poolId) : "";
  const rulesError = errors[`${mappingAt}.rules`] ?? errors[mappingAt];

  return (
    <fieldset className="rounded-lg border border-zinc-200 p-4">
      <legend className="px-1 text-sm font-semibold text-zinc-900">Provider {n}</legend>
      <div className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="User pool" error={errorAt(errors, `${at}.poolId`)}>
            {(p) => (
              <Select {...p} value={row.poolId} onChange={(e) => set({ poolId: e.target.value, clientId: pools.find((x) => x.id === e.target.value)?.clients[0]?.clientId ?? "" })}>
                {pool ? null : <option value={row.poolId}>{row.poolId || "Choose a pool"}</option>}
                {pools.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.id})</option>)}
              </Select>
            )}
          </Field>
          <Field label="App client" error={errorAt(errors, `${at}.clientId`)} hint={pool && !pool.clients.length ? "This pool has no app clients yet." : undefined}>
            {(p) => (
              <Select {...p} value={row.clientId} onChange={(e) => set({ clientId: e.target.value })}>
                {pool?.clients.some((c) => c.clientId === row.clientId) ? null : <option value={row.clientId}>{row.clientId || "Choose a client"}</option>}
                {(pool?.clients ?? []).map((c) => <option key={c.clientId} value={c.clientId}>{c.name} ({c.clientId})</option>)}
              </Select>
            )}
          </Field>
        </div>
        {errors[at] ? <ErrorText id={`${at}-error`}>{errors[at]}</ErrorText> : null}

        {loginsKey ? (
          <div>
            <p className="text-sm font-medium text-zinc-900">Logins key</p>
            <div className="mt-1 flex items-center gap-1">
              <code className="min-w-0 rounded-md bg-zinc-50 px-2 py-1 font-mono text-[0.8125rem] break-all text-zinc-800 ring-1 ring-inset ring-zinc-200">{loginsKey}</code>
              <CopyButton value={loginsKey} label={`Copy the Logins key of provider ${n}`} />
            </div>
            <p className="mt-1 text-sm text-zinc-500">The pool&apos;s issuer without the scheme: pass the ID token under this key in <code className="font-mono">Logins</code> (Amplify builds it from the token).</p>
          </div>
        ) : null}

        <Checkbox
          label="Check the token on the server"
          description="Refuse tokens that were revoked or signed out, and users disabled since. Cognito leaves this off; Gatehouse turns it on."
          checked={row.serverSideTokenCheck}
          onChange={(e) => set({ serverSideTokenCheck: e.target.checked })}
        />

        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Role for these users" hint={MAPPING_INFO[row.mapping]}>
            {(p) => (
              <Select {...p} value={row.mapping} onChange={(e) => {
                const mapping = e.target.value as MappingKind;
                set({ mapping, rules: mapping === "Rules" && !row.rules.length ? [emptyRule()] : row.rules });
              }}>
                <option value="Default">The authenticated role</option>
                <option value="Token">Choose role from token</option>
                <option value="Rules">Choose role with rules</option>
              </Select>
            )}
          </Field>
          {row.mapping !== "Default" ? (
            <Field label="When no role applies" hint={row.mapping === "Rules" ? "No rule matched." : "The token names no role, or several without a preferred one."}>
              {(p) => (
                <Select {...p} value={row.ambiguous} onChange={(e) => set({ ambiguous: e.target.value as ProviderRow["ambiguous"] })}>
                  <option value="AuthenticatedRole">Use the authenticated role</option>
                  <option value="Deny">Deny the request</option>
                </Select>
              )}
            </Field>
          ) : null}
        </div>

        {row.mapping === "Rules" ? (
          <div>
            <p className="text-sm font-medium text-zinc-900" id={`${at}-rules`}>Rules</p>
            {rulesError ? <ErrorText id={`${at}-rules-error`}>{rulesError}</ErrorText> : null}
            {row.rules.length ? (
              <div aria-hidden="true" className="mt-2 hidden gap-2 px-3 text-xs font-medium text-zinc-500 sm:grid sm:grid-cols-[minmax(0,1fr)_9rem_minmax(0,1fr)]">
                <span>Claim</span><span>Match</span><span>Value</span>
              </div>
            ) : null}
            <ol aria-labelledby={`${at}-rules`} className="mt-1.5 space-y-3">
              {row.rules.map((rule, j) => {
                const ruleAt = `${mappingAt}.rules.${j}`;
                const label = (what: string) => `${what}, rule ${j + 1} of provider ${n}`;
                const problem = (what: keyof RuleRow) => errors[`${ruleAt}.${what}`];
                return (
                  <li key={rule.key} className="rounded-md bg-zinc-50 p-3 ring-1 ring-inset ring-zinc-200">
                    <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_9rem_minmax(0,1fr)]">
                      <div><span aria-hidden="true" className="mb-1 block text-xs font-medium text-zinc-500 sm:hidden">Claim</span><Input aria-label={label("Claim")} aria-invalid={problem("claim") ? true : undefined} placeholder="Claim, e.g. custom:dept" value={rule.claim} className="font-mono text-xs"
                        onChange={(e) => setRule(rule.key, { claim: e.target.value })} autoComplete="off" spellCheck={false} /></div>
                      <div><span aria-hidden="true" className="mb-1 block text-xs font-medium text-zinc-500 sm:hidden">Match</span><Select aria-label={label("Match")} value={rule.matchType} onChange={(e) => setRule(rule.key, { matchType: e.target.value as MatchType })}>
                        {MATCH_TYPES.map((m) => <option key={m} value={m}>{m}</option>)}
                      </Select></div>
                      <div><span aria-hidden="true" className="mb-1 block text-xs font-medium text-zinc-500 sm:hidden">Value</span><Input aria-label={label("Value")} aria-invalid={problem("value") ? true : undefined} placeholder="Value" value={rule.value} className="font-mono text-xs"
                        onChange={(e) => setRule(rule.key, { value: e.target.value })} autoComplete="off" spellCheck={false} /></div>
                    </div>
                    <span aria-hidden="true" className="mt-2 mb-1 block text-xs font-medium text-zinc-500">Role it gives</span>
                    <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
                      <Input aria-label={label("Role ARN")} aria-invalid={problem("roleArn") ? true : undefined} placeholder="arn:aws:iam::123456789012:role/Name" value={rule.roleArn}
                        className="min-w-0 font-mono text-xs sm:flex-1" onChange={(e) => setRule(rule.key, { roleArn: e.target.value })} autoComplete="off" spellCheck={false} />
                      <Button variant="danger-ghost" size="sm" className="self-end sm:self-auto" aria-label={`Remove rule ${j + 1} of provider ${n}`} onClick={() => set({ rules: row.rules.filter((r) => r.key !== rule.key) })}>
                        Remove
                      </Button>
                    </div>
                    {(["claim", "value", "roleArn"] as const).map((what) => (problem(what) ? <ErrorText key={what} id={`${ruleAt}-${what}`}>{problem(what)}</ErrorText> : null))}
                  </li>
                );
              })}
            </ol>
            <Button className="mt-2" variant="secondary" size="sm" onClick={() => set({ rules: [...row.rules, emptyRule()] })}>
              Add rule
            </Button>
          </div>
        ) : null}

        <div className="flex justify-end border-t border-zinc-200 pt-3">
          <Button variant="danger-ghost" size="sm" onClick={onRemove}>Remove provider {n}</Button>
        </div>
      </div>
    </fieldset>
  );
}
