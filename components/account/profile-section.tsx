import { getTranslations } from "next-intl/server";
import type { AccountView, ProfileField } from "@/lib/account/account-view.ts";
import { inputClass } from "@/components/hosted-ui/field.tsx";
import { AccountForm, Button, Input, fieldStateOf, typedValue } from "./form-parts.tsx";
import { Section } from "./section.tsx";

const ACTION = "profile";

async function ProfileInput({ view, field }: { view: AccountView; field: ProfileField }) {
  const t = await getTranslations("account.profile");
  const name = `attr.${field.name}`;
  if (field.type === "boolean") {
    const id = `${ACTION}-${name.replace(/[^\w-]/g, "-")}`;
    const state = fieldStateOf(view, ACTION, field.name);
    return (
      <div>
        <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-ink">
          {field.label}
        </label>
        <select id={id} name={name} defaultValue={typedValue(view, ACTION, name) ?? field.value} aria-invalid={state.invalid || undefined} aria-describedby={state.describedByError ? "form-error" : undefined} className={inputClass}>
          <option value="">{t("notSet")}</option>
          <option value="true">{t("yes")}</option>
          <option value="false">{t("no")}</option>
        </select>
      </div>
    );
  }
  return (
    <Input
      view={view} action={ACTION} name={name} label={field.label} defaultValue={field.value} autoComplete={field.autoComplete}
      type={field.type === "number" ? "text" : field.type} inputMode={field.type === "number" ? "numeric" : undefined} required={field.required ? undefined : false}
    />
  );
}

/** The user's profile: every attribute of the pool they may change themselves. */
export async function ProfileSection({ view }: { view: AccountView }) {
  const t = await getTranslations("account.profile");
  const main = view.profile.filter((f) => f.main);
  const more = view.profile.filter((f) => !f.main);
  // Errors about a field name the attribute, while the input is named attr.{name}.
  const scoped = view.flash?.action === ACTION && view.flash.field ? { ...view, flash: { ...view.flash, field: `attr.${view.flash.field}` } } : view;
  return (
    <Section id="profile" title={t("title")} description={t("description")} view={view}>
      <AccountForm view={scoped} action={ACTION}>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {main.map((field) => (
            <ProfileInput key={field.name} view={scoped} field={field} />
          ))}
        </div>
        {more.length ? (
          <details className="group rounded-[calc(var(--gh-radius)-4px)] border border-line" open={more.some((f) => scoped.flash?.action === ACTION && scoped.flash.field === `attr.${f.name}`)}>
            <summary className="cursor-pointer list-none px-4 py-3 text-sm font-medium text-ink marker:hidden focus-visible:outline-2 focus-visible:outline-primary">
              <span aria-hidden="true" className="me-2 inline-block transition group-open:rotate-90 rtl:-scale-x-100">›</span>
              {t("more")}
            </summary>
            <div className="grid grid-cols-1 gap-4 border-t border-line p-4 sm:grid-cols-2">
              {more.map((field) => (
                <ProfileInput key={field.name} view={scoped} field={field} />
              ))}
            </div>
          </details>
        ) : null}
        <div className="flex justify-end">
          <Button>{t("save")}</Button>
        </div>
      </AccountForm>
    </Section>
  );
}
