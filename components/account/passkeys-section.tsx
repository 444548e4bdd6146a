import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { AddPasskey } from "./add-passkey.tsx";
import { AccountForm, Badge, Button, ConfirmIdentity, Input, When } from "./form-parts.tsx";
import { Section } from "./section.tsx";

const linkSummary = "inline-flex cursor-pointer list-none text-sm font-medium underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary";

/** Passkeys: each with when it was made and last used, renamed or deleted (with the password again); a new one added in this browser. */
export async function PasskeysSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.passkeys");
  const w = await getTranslations("account.passkeyList");
  const { passkeys, flash } = view;
  if (!passkeys.offered) return null;
  const failed = (action: string, id: string) => flash?.kind === "error" && flash.action === action && flash.values?.credential_id === id;
  return (
    <Section id="passkeys" title={t("title")} description={t("description")} view={view}>
      {passkeys.list.length ? (
        <ul className="divide-y divide-line rounded-[calc(var(--gh-radius)-4px)] border border-line" aria-label={w("list")}>
          {passkeys.list.map((passkey, index) => (
            <li key={passkey.id} className="p-4" data-passkey={passkey.name}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="min-w-0 break-words text-sm font-medium text-ink">{passkey.name}</p>
                {passkey.securityKey ? <Badge tone="muted">{w("securityKey")}</Badge> : passkey.synced ? <Badge tone="ok">{w("synced")}</Badge> : <Badge tone="muted">{w("deviceOnly")}</Badge>}
              </div>
              <p className="mt-1 text-xs leading-5 text-muted">
                {w.rich("added", { when: () => <When iso={passkey.createdAt} /> })} · {passkey.lastUsedAt ? w.rich("lastUsed", { when: () => <When iso={passkey.lastUsedAt} /> }) : w("notUsed")}
              </p>
              <div className="mt-3 flex flex-wrap gap-x-5 gap-y-2">
                <details className="group w-full sm:w-auto sm:open:w-full" open={failed("passkey-rename", passkey.id)}>
                  <summary className={`${linkSummary} text-primary`} aria-label={w("renameLabel", { name: passkey.name })}>{w("rename")}</summary>
                  <AccountForm view={view} action="passkey-rename" className="mt-3 flex max-w-md flex-col gap-3 sm:flex-row sm:items-end">
                    <input type="hidden" name="credential_id" value={passkey.id} />
                    <div className="flex-1">
                      <Input view={view} action="passkey-rename" name="name" label={w("newName")} maxLength={64} defaultValue={passkey.name} scope={{ key: `p${index}`, current: failed("passkey-rename", passkey.id) }} />
                    </div>
                    <Button variant="secondary">{w("saveName")}</Button>
                  </AccountForm>
                </details>
                <details className="group w-full sm:w-auto sm:open:w-full" open={failed("passkey-delete", passkey.id)}>
                  <summary className={`${linkSummary} text-danger`} aria-label={w("deleteLabel", { name: passkey.name })}>{w("delete")}</summary>
                  <AccountForm view={view} action="passkey-delete" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
                    <input type="hidden" name="credential_id" value={passkey.id} />
                    <p className="text-sm text-muted">{w("deleteNote", { name: passkey.name })}</p>
                    <ConfirmIdentity view={view} action="passkey-delete" scope={{ key: `p${index}`, current: failed("passkey-delete", passkey.id) }} />
                    <Button variant="danger">{w("deletePasskey")}</Button>
                  </AccountForm>
                </details>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">{w("none")}</p>
      )}
      <div className="mt-5">
        <AddPasskey
          csrf={view.csrf} optionsUrl={passkeys.optionsUrl} action={`${view.actionBase}/passkey-add`}
          words={{
            name: w("name"), optional: (await getTranslations("account.form"))("optional"), placeholder: w("namePlaceholder"), add: w("add"), waiting: w("waiting"),
            cancelled: w("cancelled"), unsupported: w("unsupported"), failed: w("failed"), alreadyRegistered: w("alreadyRegistered"),
          }}
        />
      </div>
    </Section>
  );
}
