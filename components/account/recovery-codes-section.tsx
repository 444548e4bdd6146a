import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { RecoveryCodesList } from "@/components/hosted-ui/recovery-codes-list.tsx";
import { AccountForm, Badge, Button, ConfirmIdentity } from "./form-parts.tsx";
import { Section } from "./section.tsx";

/** Recovery codes: how many are left, and a new set (with the password again) shown once, to copy or download. */
export async function RecoveryCodesSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.recovery");
  const { recovery } = view;
  if (!recovery.offered) return null;
  const codes = recovery.codes;
  return (
    <Section id="recovery" title={t("title")} description={t("description")} view={view}>
      {codes ? (
        <div className="max-w-md">
          <p className="text-sm font-medium text-ink">{t("saveNow")}</p>
          <RecoveryCodesList poolName={view.poolName} codes={codes} factor="second factor" className="mt-3" />
        </div>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-ink" data-testid="recovery-remaining">
            {t("remaining", { count: recovery.remaining })}
          </p>
          {recovery.remaining <= 2 ? <Badge tone="warn">{recovery.remaining === 0 ? t("noneLeft") : t("runningLow")}</Badge> : null}
        </div>
      )}
      <details className="group mt-4" open={view.flash?.action === "recovery-generate" && view.flash.kind === "error"}>
        <summary className="inline-flex cursor-pointer list-none text-sm font-medium text-primary underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
          {recovery.remaining || codes ? t("getNew") : t("get")}
        </summary>
        <AccountForm view={view} action="recovery-generate" className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
          <p className="text-sm text-muted">{recovery.remaining || codes ? t("replaceNote") : t("createNote")}</p>
          <ConfirmIdentity view={view} action="recovery-generate" />
          <Button>{recovery.remaining || codes ? t("replace") : t("create")}</Button>
        </AccountForm>
      </details>
    </Section>
  );
}
