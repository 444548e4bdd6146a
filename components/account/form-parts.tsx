import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { AccountView } from "@/lib/account/account-view.ts";
import type { FieldState } from "@/components/hosted-ui/field.tsx";
import { inputClass } from "@/components/hosted-ui/field.tsx";

/** A form of the account page: posts to /{pool}/account/{action} with the session's CSRF token. */
export function AccountForm({ view, action, children, className = "space-y-4" }: { view: AccountView; action: string; children: ReactNode; className?: string }) {
  return (
    <form method="post" action={`${view.actionBase}/${action}`} className={className} noValidate>
      <input type="hidden" name="csrf" value={view.csrf} />
      {children}
    </form>
  );
}

/** How the last change's error bears on field `name` of form `action`. */
export function fieldStateOf(view: AccountView, action: string, name: string): FieldState {
  const flash = view.flash;
  const invalid = flash?.kind === "error" && flash.action === action && flash.field === name;
  return { invalid, autoFocus: invalid, describedByError: invalid };
}

/** What the user typed before an error sent them back (never passwords or codes). */
export function typedValue(view: AccountView, action: string, name: string): string | undefined {
  return view.flash?.kind === "error" && view.flash.action === action ? view.flash.values?.[name] : undefined;
}

/**
 * Where one action has a form per item (a passkey, a factor): the item's key, which makes the
 * field's id unique, and whether the last error was about this item's form.
 */
export type FormScope = { key: string; current: boolean };

type InputProps = {
  view: AccountView; action: string; name: string; label: ReactNode; type?: string; autoComplete?: string; defaultValue?: string;
  inputMode?: "numeric" | "text" | "email" | "tel"; hint?: string; required?: boolean; maxLength?: number; scope?: FormScope;
};

/** A labelled input whose id is unique on the page (form, item and field), tied to the error about it. */
export function Input({ view, action, name, label, type = "text", autoComplete = "off", defaultValue, inputMode, hint, required, maxLength, scope }: InputProps) {
  const id = `${action}${scope ? `-${scope.key}` : ""}-${name.replace(/[^\w-]/g, "-")}`;
  const state = scope && !scope.current ? { invalid: false, autoFocus: false, describedByError: false } : fieldStateOf(view, action, name);
  const describedBy = [hint ? `${id}-hint` : null, state.describedByError ? "form-error" : null].filter(Boolean).join(" ") || undefined;
  const t = useTranslations("account.form");
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-ink">
        {label}
        {required === false ? <span className="font-normal text-muted"> {t("optional")}</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        autoFocus={state.autoFocus}
        defaultValue={(scope && !scope.current ? undefined : typedValue(view, action, name)) ?? defaultValue ?? ""}
        aria-invalid={state.invalid || undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The proof a sensitive change asks for again: the password, an authenticator code, or nothing after a recent sign-in. */
export async function ConfirmIdentity({ view, action, hint, scope }: { view: AccountView; action: string; hint?: string; scope?: FormScope }) {
  const t = await getTranslations("account.common");
  hint ??= t("confirmHint");
  if (view.proof === "password") {
    return <Input view={view} action={action} name="confirm_password" label={t("currentPassword")} type="password" autoComplete="current-password" hint={hint || undefined} scope={scope} />;
  }
  if (view.proof === "code") {
    return (
      <Input view={view} action={action} name="confirm_code" label={t("authenticatorCode")} inputMode="numeric" autoComplete="one-time-code" maxLength={8} hint={t("confirmHint")} scope={scope} />
    );
  }
  return <p className="text-xs text-muted">To confirm it is you, this change needs a sign-in in the last few minutes.</p>;
}

export function Button({ children, variant = "primary", name, value, label }: { children: ReactNode; variant?: "primary" | "secondary" | "danger" | "link"; name?: string; value?: string; label?: string }) {
  const base = "inline-flex items-center justify-center rounded-[calc(var(--gh-radius)-4px)] text-sm transition focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-primary";
  const looks = {
    primary: "px-4 py-2.5 font-semibold bg-primary text-on-primary hover:bg-primary-hover",
    secondary: "px-4 py-2.5 font-semibold border border-line bg-surface text-ink hover:bg-canvas",
    danger: "px-4 py-2.5 font-semibold border border-danger/40 bg-surface text-danger hover:bg-danger-bg",
    link: "font-medium text-primary underline-offset-4 hover:underline",
  };
  return (
    <button type="submit" name={name} value={value} aria-label={label} className={`${base} ${looks[variant]}`}>
      {children}
    </button>
  );
}

export function Badge({ tone, children }: { tone: "ok" | "warn" | "muted"; children: ReactNode }) {
  const looks = { ok: "border-ok/30 bg-ok-bg text-ok", warn: "border-danger/30 bg-danger-bg text-danger", muted: "border-line bg-canvas text-muted" };
  return <span className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${looks[tone]}`}>{children}</span>;
}


/** A time as people read it, in UTC (the server does not know the reader's zone), machine-readable too. */
export async function When({ iso }: { iso: string | null }) {
  const t = await getTranslations("account.common");
  if (!iso) return <span>{t("unknownTime")}</span>;
  const format = new Intl.DateTimeFormat(await getLocale(), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return <time dateTime={iso}>{format.format(new Date(iso))} UTC</time>;
}
