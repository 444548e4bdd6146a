import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { AccountForm, Badge, Button, ConfirmIdentity, Input } from "./form-parts.tsx";
import { Section } from "./section.tsx";

type Kind = "email" | "phone";

const WORDS = {
  email: { attribute: "email", code: "email_code", type: "email", inputMode: "email", autoComplete: "email" },
  phone: { attribute: "phone_number", code: "phone_number_code", type: "tel", inputMode: "tel", autoComplete: "tel" },
} as const;

async function Address({ view, kind }: { view: AccountView; kind: Kind }) {
  const t = await getTranslations("account.contact");
  const words = WORDS[kind];
  const value = kind === "email" ? view.user.email : view.user.phone;
  const verified = kind === "email" ? view.user.emailVerified : view.user.phoneVerified;
  const verifies = kind === "email" ? view.contact.verifiesEmail : view.contact.verifiesPhone;
  const changing = view.flash?.action === `change-${kind}` && view.flash.kind === "error";
  return (
    <div className="py-5 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm font-medium text-ink">{kind === "email" ? t("emailLabel") : t("phoneLabel")}</p>
          <p className="mt-0.5 break-all text-sm text-muted" data-address={kind}>{value ?? t("none", { kind })}</p>
        </div>
        {value ? verified ? <Badge tone="ok">{t("verified")}</Badge> : <Badge tone="warn">{t("notVerified")}</Badge> : null}
      </div>
      {value && !verified && verifies ? (
        <div className="mt-4 rounded-[calc(var(--gh-radius)-4px)] bg-canvas p-4">
          <AccountForm view={view} action={`verify-${kind}`} className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="flex-1">
              <Input view={view} action={`verify-${kind}`} name={words.code} label={t("codeLabel", { kind })} inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
            </div>
            <Button>{t("verify")}</Button>
          </AccountForm>
          <AccountForm view={view} action={`send-${kind}-code`} className="mt-2">
            <Button variant="link">{t("sendNewCode")}</Button>
          </AccountForm>
        </div>
      ) : null}
      <details className="group mt-3" open={changing}>
        <summary className="inline-flex cursor-pointer list-none items-center text-sm font-medium text-primary underline-offset-4 hover:underline marker:hidden focus-visible:rounded focus-visible:outline-2 focus-visible:outline-primary">
          {value ? t("change", { kind }) : t("add", { kind })}
        </summary>
        <AccountForm view={view} action={`change-${kind}`} className="mt-3 max-w-md space-y-4 rounded-[calc(var(--gh-radius)-4px)] border border-line p-4">
          <Input
            view={view} action={`change-${kind}`} name={words.attribute} label={t("newLabel", { kind })} type={words.type} inputMode={words.inputMode} autoComplete={words.autoComplete}
            hint={verifies ? t("willVerify", { kind }) : kind === "phone" ? t("phoneFormat") : undefined}
          />
          <ConfirmIdentity view={view} action={`change-${kind}`} />
          <Button>{value ? t("change", { kind }) : t("add", { kind })}</Button>
        </AccountForm>
      </details>
    </div>
  );
}

/** Email and phone number, each changed with the password again and verified with a code where the pool verifies it. */
export async function ContactSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.contact");
  return (
    <Section id="contact" title={t("title")} description={t("description")} view={view}>
      <div className="divide-y divide-line">
        <Address view={view} kind="email" />
        <Address view={view} kind="phone" />
      </div>
    </Section>
  );
}
