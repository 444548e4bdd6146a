import { getTranslations } from "next-intl/server";
import type { AccountView } from "@/lib/account/account-view.ts";
import { PasswordField } from "@/components/hosted-ui/password-field.tsx";
import { AccountForm, Button, ConfirmIdentity, Input, fieldStateOf } from "./form-parts.tsx";
import { Section } from "./section.tsx";

const ACTION = "change-password";

/** Changing the password (with the current one), or setting a first one for a user who signs in elsewhere. */
export async function PasswordSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.password");
  const has = view.user.hasPassword;
  return (
    <Section
      id="password"
      title={has ? t("title") : t("setTitle")}
      description={has ? t("description") : t("setDescription")}
      view={view}
    >
      <AccountForm view={view} action={ACTION} className="max-w-md space-y-4">
        {/* For password managers: the account the new password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={view.user.email ?? view.user.username} readOnly hidden />
        <ConfirmIdentity view={view} action={ACTION} hint={has ? "" : undefined} />
        <PasswordField name="new_password" label={t("newPassword")} policy={view.policy} autoComplete="new-password" state={fieldStateOf(view, ACTION, "new_password")} />
        <Input view={view} action={ACTION} name="repeat_password" label={t("repeat")} type="password" autoComplete="new-password" />
        <Button>{has ? t("change") : t("set")}</Button>
      </AccountForm>
    </Section>
  );
}
