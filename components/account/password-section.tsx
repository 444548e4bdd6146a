import type { AccountView } from "@/lib/account/account-view.ts";
import { PasswordField } from "@/components/hosted-ui/password-field.tsx";
import { AccountForm, Button, ConfirmIdentity, Input, fieldStateOf } from "./form-parts.tsx";
import { Section } from "./section.tsx";

const ACTION = "change-password";

/** Changing the password (with the current one), or setting a first one for a user who signs in elsewhere. */
export function PasswordSection({ view }: { view: AccountView }) {
  const has = view.user.hasPassword;
  return (
    <Section
      id="password"
      title={has ? "Password" : "Set a password"}
      description={has ? "Choose a strong password you do not use anywhere else." : "You sign in through another provider. A password lets you sign in here directly too."}
      view={view}
    >
      <AccountForm view={view} action={ACTION} className="max-w-md space-y-4">
        {/* For password managers: the account the new password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={view.user.email ?? view.user.username} readOnly hidden />
        <ConfirmIdentity view={view} action={ACTION} hint={has ? "" : undefined} />
        <PasswordField name="new_password" label="New password" policy={view.policy} autoComplete="new-password" state={fieldStateOf(view, ACTION, "new_password")} />
        <Input view={view} action={ACTION} name="repeat_password" label="Repeat the new password" type="password" autoComplete="new-password" />
        <Button>{has ? "Change password" : "Set password"}</Button>
      </AccountForm>
    </Section>
  );
}
