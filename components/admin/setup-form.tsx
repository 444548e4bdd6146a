"use client";
import { useActionState } from "react";
import { createFirstAdminAction, type SetupState } from "@/app/admin/setup/actions.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, Input } from "@/components/ui/field.tsx";

export function SetupForm({ rules, token }: { rules: string[]; token: string | null }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(createFirstAdminAction, {});
  const errorFor = (field: string) => (state.field === field ? state.error : undefined);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {token ? <input type="hidden" name="token" value={token} /> : null}
      {state.error && !state.field ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-red-800">{state.error}</p>
      ) : null}
      <Field label="Email" error={errorFor("email")}>
        {(p) => <Input {...p} name="email" type="email" autoComplete="email" defaultValue={state.email} required autoFocus />}
      </Field>
      <Field label="Password" hint={`${rules.join(", ")}.`} error={errorFor("password")}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Field label="Confirm password" error={errorFor("confirm")}>
        {(p) => <Input {...p} name="confirm" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        Create admin account
      </Button>
    </form>
  );
}
