// The password field of the hosted pages and the account page: PasswordInput (a client component)
// with its words in the request's language, so no catalogue needs to reach the browser.
import { useLocale, useTranslations } from "next-intl";
import type { PasswordPolicy } from "@/lib/pools/config-schema.ts";
import type { FieldState } from "./field.tsx";
import { PasswordInput } from "./password-input.tsx";

type Props = {
  name?: string;
  label?: string;
  policy?: PasswordPolicy;
  autoComplete: "current-password" | "new-password";
  /** From fieldState(view, name): how the server's error bears on this field. */
  state: FieldState;
};

/** Languages whose nouns read lower-case mid-sentence ("Show password"); German capitalises them, CJK has no case. */
const LOWER_CASE_MID_SENTENCE = new Set(["en", "fr", "es", "pt-BR"]);

export function PasswordField({ name = "password", label, policy, autoComplete, state }: Props) {
  const t = useTranslations("hosted.password");
  const locale = useLocale();
  const shown = label ?? t("label");
  const field = LOWER_CASE_MID_SENTENCE.has(locale) ? shown.toLocaleLowerCase(locale) : shown;
  const rules: Record<string, string> = {
    lower: t("rules.lower"), upper: t("rules.upper"), number: t("rules.number"), symbol: t("rules.symbol"),
    ...(policy ? { length: t("rules.length", { min: policy.minLength }) } : {}),
  };
  return (
    <PasswordInput name={name} label={shown} policy={policy} autoComplete={autoComplete} state={state} words={{
      show: t("show"), hide: t("hide"), showField: t("showField", { field }), hideField: t("hideField", { field }),
      requirements: t("requirements"), met: t("met"), notMet: t("notMet"), rules,
    }} />
  );
}
