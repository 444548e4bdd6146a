// The hosted pages of choice-based sign-in: a passkey that did not work, a one-time code sent by
// email or text message, and the offer to add a passkey after a password sign-in.
import { useTranslations } from "next-intl";
import type { HostedView } from "@/lib/hosted-ui/view.ts";
import { CodeField } from "./field.tsx";
import { AddPasskey, PasskeySignIn } from "./passkey-buttons.tsx";
import { Form, Shell, SubmitButton, TextLink } from "./shell.tsx";

/** Reached when a passkey's answer was refused: try again, or another way in. */
export function PasskeyPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted.passkey");
  const choices = view.signInChoices;
  return (
    <Shell view={view} title={t("title")} subtitle={t("subtitle")}>
      <PasskeySignIn csrf={view.csrf} optionsUrl={choices.passkeyOptionsUrl} action={choices.passkeyAction} autofill={false} label={t("tryAgain")} variant="primary"
        words={{ waiting: t("waiting"), cancelled: t("cancelled"), alreadyRegistered: t("alreadyRegistered"), somethingWrong: t("somethingWrong") }} />
      <p className="mt-6 text-center text-sm text-muted">
        <TextLink href={view.links.login}>{t("anotherWay")}</TextLink>
      </p>
    </Shell>
  );
}

function SignInCodePage({ view, medium }: { view: HostedView; medium: "email" | "text message" }) {
  const t = useTranslations("hosted");
  return (
    <Shell
      view={view}
      title={medium === "email" ? t("mfaCode.titleEmail") : t("mfaCode.titlePhone")}
      subtitle={view.destination ? t("signInCode.subtitleTo", { destination: view.destination }) : t("signInCode.subtitle")}
    >
      <Form view={view}>
        <CodeField view={view} label={t("mfaCode.codeLabel")} />
        <SubmitButton>{t("signInCode.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-center text-sm text-muted">
        {t.rich("signInCode.noCode", { link: (chunks) => <TextLink href={view.links.login}>{chunks}</TextLink> })}
      </p>
    </Shell>
  );
}

export const EmailCodePage = ({ view }: { view: HostedView }) => <SignInCodePage view={view} medium="email" />;
export const SmsCodePage = ({ view }: { view: HostedView }) => <SignInCodePage view={view} medium="text message" />;

export function AddPasskeyPage({ view }: { view: HostedView }) {
  const t = useTranslations("hosted");
  const benefits = ["benefitNothingToRemember", "benefitPhishing", "benefitTwoStep"] as const;
  return (
    <Shell view={view} title={t("addPasskey.title")} subtitle={t("addPasskey.subtitle")}>
      <ul className="mb-6 space-y-2 text-sm text-muted">
        {benefits.map((key) => (
          <li key={key} className="flex gap-2"><span aria-hidden="true" className="text-ok">✓</span> {t(`addPasskey.${key}`)}</li>
        ))}
      </ul>
      <AddPasskey csrf={view.csrf} optionsUrl={view.signInChoices.registrationOptionsUrl} action={view.action} words={{
        add: t("addPasskey.add"), waiting: t("addPasskey.waiting"), cancelled: t("addPasskey.cancelled"), unsupported: t("addPasskey.unsupported"),
        alreadyRegistered: t("passkey.alreadyRegistered"), somethingWrong: t("passkey.somethingWrong"),
      }} />
      <form method="post" action={view.action} className="mt-3">
        <input type="hidden" name="csrf" value={view.csrf} />
        <SubmitButton name="intent" value="skip" variant="secondary">{t("addPasskey.notNow")}</SubmitButton>
      </form>
    </Shell>
  );
}
