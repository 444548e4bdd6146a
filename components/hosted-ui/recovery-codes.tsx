// The hosted pages of recovery codes (lib/mfa/recovery-codes.ts): the form that takes one instead
// of the second factor, the link to it from a second-factor page, and the page that shows a new
// set once, after MFA enrolment, before the sign-in finishes.
import { useTranslations } from "next-intl";
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { Field } from "./field.tsx";
import { Form, Shell, SubmitButton, TextLink } from "./shell.tsx";
import { RecoveryCodesList } from "./recovery-codes-list.tsx";

/** Under a second-factor form: the way to the recovery-code form (the same interaction's page). */
export function RecoveryCodeLink({ view }: { view: HostedView }) {
  const t = useTranslations("hosted.recovery");
  return (
    <p className="mt-4 text-center text-sm">
      <TextLink href={view.action.replace(/\/[^/]+$/, "/recovery-code")}>{t("link")}</TextLink>
    </p>
  );
}

export function RecoveryCodePage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  return (
    <Shell view={view} title={t("recovery.title")} subtitle={t("recovery.subtitle")}>
      <Form view={view}>
        <Field view={view} name="code" label={t("recovery.label")} autoComplete="off" autoFocus defaultValue="" maxLength={32} hint={t("recovery.hint")} />
        <SubmitButton>{t("common.verify")}</SubmitButton>
      </Form>
      {/* Back to the step's own page: /mfa leads on to it whichever second factor the flow waits for. */}
      <p className="mt-4 text-center text-sm">
        <TextLink href={view.action.replace(/\/[^/]+$/, "/mfa")}>{t("recovery.back")}</TextLink>
      </p>
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>{t("common.signInAsSomeoneElse")}</TextLink>
      </p>
    </Shell>
  );
}

export function RecoveryCodesPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  const codes = view.recoveryCodes ?? [];
  return (
    <Shell view={view} title={t("recoveryCodes.title")} subtitle={t("recoveryCodes.subtitle")}>
      <RecoveryCodesList poolName={view.poolName} codes={codes} factor={t("recoveryCodes.factor")} />
      <div className="mt-6">
        <Form view={view}>
          <SubmitButton>{t("common.continue")}</SubmitButton>
        </Form>
      </div>
    </Shell>
  );
}
