import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { AddPasskey } from "./add-passkey.tsx";
import { AccountForm, Badge, Button, ConfirmIdentity, Input, When } from "./form-parts.tsx";
import { Section } from "./section.tsx";

const linkSummary = "inline-flex cursor-pointer list-none text-sm font-medium underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary";

/** Passkeys: each with when it was made and last used, renamed or deleted (with the password again); a new one added in this browser. */
export async function PasskeysSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.passkeys");
  const { passkeys, flash } = view;
  if (!passkeys.offered) return null;
  const failed = (action: string, id: string) => flash?.kind === "error" && flash.action === action && flash.values?.credential_id === id;
  return (
    <Section id="passkeys" title={t("title")} description={t("description")} view={view}>
      {passkeys.list.length ? (
        <ul className="divide-y divide-line rounded-[calc(var(--gh-radius)-4px)] border border-line" aria-label="Your passkeys">
          {passkeys.list.map((passkey, index) => (
            <li key={passkey.id} className="p-4" data-passkey={passkey.name}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="min-w-0 break-words text-sm font-medium text-ink">{passkey.name}</p>
                {passkey.securityKey ? <Badge tone="muted">Security key</Badge> : passkey.synced ? <Badge tone="ok">Synced</Badge> : <Badge tone="muted">This device only</Badge>}
              </div>
              <p className="mt-1 text-xs leading-5 text-muted">
                Added <When iso={passkey.createdAt} /> · {passkey.lastUsedAt ? <>Last used <When iso={passkey.lastUsedAt} /></> : "Not used yet"}
              </p>
              <div className="mt-3 flex flex-wrap gap-x-5 gap-y-2">
                <details className="group w-full sm:w-auto sm:open:w-full" open={failed("passkey-rename", passkey.id)}>
                  <summary className={`${linkSummary} text-primary`} aria-label={`Rename ${passkey.name}`}>Rename</summary>
                  <AccountForm view={view} action="passkey-rename" className="mt-3 flex max-w-md flex-col gap-3 sm:flex-row sm:items-end">
                    <input type="hidden" name="credential_id" value={passkey.id} />
                    <div className="flex-1">
                      <Input view={view} action="passkey-rename" name="name" label="New name" maxLength={64} defaultValue={passkey.name} scope={{ key: `p${index}`, current: failed("passkey-rename", passkey.id) }} />
                    </div>
                    <Button variant="secondary">Save name</Button>
                  </AccountForm>
                </details>
                <details className="group w-full sm:w-auto sm:open:w-full" open={failed("passkey-delete", passkey.id)}>
                  <summary className={`${linkSummary} text-danger`} aria-label={`Delete ${passkey.name}`}>Delete</summary>
                  <AccountForm view={view} action="passkey-delete" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
                    <input type="hidden" name="credential_id" value={passkey.id} />
                    <p className="text-sm text-muted">“{passkey.name}” will no longer sign you in. Remove it from your device or password manager too.</p>
                    <ConfirmIdentity view={view} action="passkey-delete" scope={{ key: `p${index}`, current: failed("passkey-delete", passkey.id) }} />
                    <Button variant="danger">Delete passkey</Button>
                  </AccountForm>
                </details>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No passkeys yet.</p>
      )}
      <div className="mt-5">
        <AddPasskey csrf={view.csrf} optionsUrl={passkeys.optionsUrl} action={`${view.actionBase}/passkey-add`} />
      </div>
    </Section>
  );
}
