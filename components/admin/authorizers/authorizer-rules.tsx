"use client";
// An authorizer's rules: which requests each covers (methods, a path or a /* prefix) and what
// they need (scopes and groups of a token, or the role of IAM credentials). First match decides.
import { ErrorText } from "@/components/admin/clients/client-form-parts.tsx";
import { errorAt, type FieldErrors } from "@/components/admin/forms/api-errors.ts";
import { Button } from "@/components/ui/button.tsx";
import { Checkbox, Field, Input, Textarea } from "@/components/ui/field.tsx";
import { HTTP_METHODS } from "@/lib/authorizers/config.ts";
import { emptyRule, type AuthorizerType, type RuleRow } from "./authorizer-model.ts";

export function AuthorizerRules({ type, rules, errors, onChange }: { type: AuthorizerType; rules: RuleRow[]; errors: FieldErrors; onChange: (rules: RuleRow[]) => void }) {
  const set = (key: number, patch: Partial<RuleRow>) => onChange(rules.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-4">
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500">No rules: every request with a valid {type === "AWS_IAM" ? "signature" : "token"} is allowed.</p>
      ) : null}
      {rules.map((rule, i) => {
        const at = `rules.${i}`;
        const n = i + 1;
        return (
          <fieldset key={rule.key} className="rounded-lg border border-zinc-200 p-4">
            <legend className="px-1 text-sm font-semibold text-zinc-900">Rule {n}</legend>
            <div className="space-y-4">
              <Field label={`Path of rule ${n}`} error={errorAt(errors, `${at}.path`)} hint="Exact (/health), or a prefix ending in /* (/orders/* covers everything below /orders/).">
                {(p) => <Input {...p} className="font-mono text-xs" value={rule.path} onChange={(e) => set(rule.key, { path: e.target.value })} placeholder="/orders/*" autoComplete="off" spellCheck={false} />}
              </Field>
              <fieldset>
                <legend className="text-sm font-medium text-zinc-900">Methods of rule {n}</legend>
                <p className="text-sm text-zinc-500">None ticked: every method.</p>
                <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
                  {HTTP_METHODS.map((m) => (
                    <Checkbox key={m} label={m} checked={rule.methods.includes(m)}
                      onChange={(e) => set(rule.key, { methods: e.target.checked ? HTTP_METHODS.filter((x) => x === m || rule.methods.includes(x)) : rule.methods.filter((x) => x !== m) })} />
                  ))}
                </div>
                {errorAt(errors, `${at}.methods`) ? <ErrorText id={`${at}-methods-error`}>{errorAt(errors, `${at}.methods`)}</ErrorText> : null}
              </fieldset>
              {type === "COGNITO_USER_POOLS" ? (
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label={`Scopes of rule ${n}`} optional error={errorAt(errors, `${at}.scopes`)} hint="All are needed; separated by commas or spaces.">
                    {(p) => <Input {...p} className="font-mono text-xs" value={rule.scopes} onChange={(e) => set(rule.key, { scopes: e.target.value })} placeholder="https://api.example.com/write" autoComplete="off" spellCheck={false} />}
                  </Field>
                  <Field label={`Groups of rule ${n}`} optional error={errorAt(errors, `${at}.groups`)} hint="Any one will do (cognito:groups).">
                    {(p) => <Input {...p} value={rule.groups} onChange={(e) => set(rule.key, { groups: e.target.value })} placeholder="admins" autoComplete="off" spellCheck={false} />}
                  </Field>
                </div>
              ) : (
                <Field label={`Roles of rule ${n}`} optional error={errorAt(errors, `${at}.roles`)} hint="Role ARNs, one per line: the credentials must have been issued for one of them.">
                  {(p) => <Textarea {...p} rows={2} className="font-mono text-xs" value={rule.roles} onChange={(e) => set(rule.key, { roles: e.target.value })} placeholder="arn:aws:iam::123456789012:role/AppUser" spellCheck={false} />}
                </Field>
              )}
              <div className="flex justify-end border-t border-zinc-200 pt-3">
                <Button variant="danger-ghost" size="sm" onClick={() => onChange(rules.filter((r) => r.key !== rule.key))}>Remove rule {n}</Button>
              </div>
            </div>
          </fieldset>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...rules, emptyRule()])}>Add rule</Button>
    </div>
  );
}
