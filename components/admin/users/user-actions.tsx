"use client";
// The interactive parts of a user's page: editing attributes and groups, resetting MFA and the
// password, signing out everywhere, disabling and deleting. The page itself is rendered on the
// server; each change goes through the admin API, says what happened in a toast and refreshes it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { AdminApiError, adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody, CardFooter } from "@/components/ui/card.tsx";
import { ConfirmDialog, Dialog, SecretReveal, useDialogSession } from "@/components/ui/dialog.tsx";
import { Checkbox, Field, Input, Select } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { ATTRIBUTE_LABELS, STANDARD_ATTRIBUTES, isStandardAttribute, type CustomAttribute } from "@/lib/pools/attributes.ts";

/** The user an action applies to: the API path segment and the name people recognise them by. */
type UserRef = { poolId: string; username: string; displayName: string };

function userPath({ poolId, username }: UserRef): string {
  return `/pools/${enc(poolId)}/users/${enc(username)}`;
}

/** "attributes: Invalid input" → "Invalid input" (the field shows where). */
function fieldMessage(message: string): string {
  const text = message.replace(/^(?:body\.)?[\w.:]+: /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Focuses the first invalid control of a form, so its error is read out. */
function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 wrap-anywhere text-red-800">
      {children}
    </p>
  );
}

// ---------------------------------------------------------------------------------------------
// Attributes

type AttributeKind = "email" | "tel" | "date" | "url" | "number" | "boolean" | "text";
type EditableAttribute = { name: string; kind: AttributeKind; required: boolean; locked: boolean; hint?: string };

type AttributesEditorProps = UserRef & {
  attributes: Record<string, string>;
  requiredAttributes: string[];
  customAttributes: CustomAttribute[];
};

const HIDDEN = new Set(["sub", "email_verified", "phone_number_verified"]);

function labelOf(name: string): string {
  return isStandardAttribute(name) ? ATTRIBUTE_LABELS[name] : name;
}

function kindOf(name: string, custom: CustomAttribute | undefined): AttributeKind {
  if (custom) return custom.type === "Number" ? "number" : custom.type === "Boolean" ? "boolean" : "text";
  if (name === "email") return "email";
  if (name === "phone_number") return "tel";
  if (name === "website" || name === "profile" || name === "picture") return "url";
  if (name === "updated_at") return "number";
  return "text";
}

/** The "Edit" button of the Attributes card and its dialog. */
export function AttributesEditor(props: AttributesEditorProps) {
  // A new session at every opening, so the form starts empty.
  const { open, session, show, close } = useDialogSession();
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={show}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-4 text-zinc-500">
          <path d="M13.488 2.513a1.75 1.75 0 0 0-2.475 0L6.75 6.774a2.75 2.75 0 0 0-.596.892l-.848 2.047a.75.75 0 0 0 .98.98l2.047-.848a2.75 2.75 0 0 0 .892-.596l4.261-4.262a1.75 1.75 0 0 0 0-2.474Z" />
          <path d="M4.75 3.5c-.69 0-1.25.56-1.25 1.25v6.5c0 .69.56 1.25 1.25 1.25h6.5c.69 0 1.25-.56 1.25-1.25V9A.75.75 0 0 1 14 9v2.25A2.75 2.75 0 0 1 11.25 14h-6.5A2.75 2.75 0 0 1 2 11.25v-6.5A2.75 2.75 0 0 1 4.75 2H7a.75.75 0 0 1 0 1.5H4.75Z" />
        </svg>
        Edit<span className="sr-only"> attributes</span>
      </Button>
      {session > 0 ? <AttributesDialog key={session} open={open} onClose={close} {...props} /> : null}
    </>
  );
}

function AttributesDialog({ open, onClose, attributes, requiredAttributes, customAttributes, ...user }: AttributesEditorProps & { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const addId = useId();
  const formRef = useRef<HTMLFormElement | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [added, setAdded] = useState<string[]>([]);
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...attributes }));
  const originalEmailVerified = attributes.email_verified === "true";
  const originalPhoneVerified = attributes.phone_number_verified === "true";
  const [emailVerified, setEmailVerified] = useState(originalEmailVerified);
  const [phoneVerified, setPhoneVerified] = useState(originalPhoneVerified);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Email and phone first, then what the pool requires, what the user has, the pool's custom
  // attributes, and any the admin adds here.
  const names: string[] = [];
  const push = (name: string) => {
    if (!HIDDEN.has(name) && !names.includes(name)) names.push(name);
  };
  ["email", "phone_number", ...requiredAttributes].forEach(push);
  STANDARD_ATTRIBUTES.filter((name) => attributes[name] !== undefined).forEach(push);
  customAttributes.forEach((a) => push(`custom:${a.name}`));
  Object.keys(attributes).sort().forEach(push);
  added.forEach(push);
  const fields: EditableAttribute[] = names.map((name) => {
    const custom = name.startsWith("custom:") ? customAttributes.find((a) => `custom:${a.name}` === name) : undefined;
    // Immutable attributes are written only when the user is created (the server refuses the rest).
    const locked = Boolean(custom && !custom.mutable);
    const kind = kindOf(name, custom);
    const hint = locked
      ? "Immutable: set only when the user is created."
      : kind === "tel"
        ? "International format, like +14155550123."
        : name === "birthdate"
          ? "YYYY-MM-DD, like 1990-04-23."
        : custom?.type === "DateTime"
          ? "A date and time, like 2025-01-31T09:30:00Z."
          : undefined;
    return { name, kind, required: requiredAttributes.includes(name), locked, ...(hint ? { hint } : {}) };
  });
  const addable = STANDARD_ATTRIBUTES.filter((name) => !names.includes(name));

  const setValue = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (errors[name]) setErrors(({ [name]: _removed, ...rest }) => rest);
    // A changed address is unverified unless the admin says otherwise.
    if (name === "email") setEmailVerified(value.trim() === (attributes.email ?? "") ? originalEmailVerified : false);
    if (name === "phone_number") setPhoneVerified(value.trim() === (attributes.phone_number ?? "") ? originalPhoneVerified : false);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    const changes: Record<string, string> = {};
    const found: Record<string, string> = {};
    for (const field of fields) {
      if (field.locked) continue;
      const value = (values[field.name] ?? "").trim();
      if (field.required && value === "") found[field.name] = `${labelOf(field.name)} is required in this pool.`;
      if (value !== (attributes[field.name] ?? "")) changes[field.name] = value;
    }
    const email = (values.email ?? "").trim();
    if (email && ("email" in changes || emailVerified !== originalEmailVerified)) changes.email_verified = String(emailVerified);
    const phone = (values.phone_number ?? "").trim();
    if (phone && ("phone_number" in changes || phoneVerified !== originalPhoneVerified)) changes.phone_number_verified = String(phoneVerified);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return focusFirstError(formRef.current);
    if (Object.keys(changes).length === 0) {
      toast.info("No changes to save");
      onClose();
      return;
    }
    setBusy(true);
    try {
      await adminApi("PATCH", userPath(user), { attributes: changes });
      toast.success("Attributes saved");
      onClose();
      router.refresh();
    } catch (error) {
      const message = error instanceof Error ? error.message : "Something went wrong.";
      const field = error instanceof AdminApiError ? error.field : undefined;
      if (field && names.includes(field)) {
        setErrors({ [field]: fieldMessage(message) });
        focusFirstError(formRef.current);
      } else {
        setFormError(message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="lg"
      title="Edit attributes"
      description={<>Clear a field to remove the attribute. Changes apply to the next tokens the user gets.</>}
      formProps={{ onSubmit: (event) => void submit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel="Save attributes" />}
    >
      <div ref={bodyRef} className="space-y-5">
        {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
        {fields.map((field) => (
          <div key={field.name} className="space-y-2.5">
            <Field
              label={
                <>
                  {labelOf(field.name)}
                  {isStandardAttribute(field.name) ? (
                    <code aria-hidden="true" className="ml-1.5 font-mono text-xs font-normal text-zinc-500">
                      {field.name}
                    </code>
                  ) : null}
                </>
              }
              required={field.required}
              optional={!field.required}
              hint={field.hint}
              error={errors[field.name]}
            >
              {(p) =>
                field.kind === "boolean" ? (
                  <Select {...p} name={field.name} value={values[field.name] ?? ""} disabled={field.locked || busy} onChange={(e) => setValue(field.name, e.target.value)}>
                    <option value="">Not set</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </Select>
                ) : (
                  <Input
                    {...p}
                    name={field.name}
                    type={field.kind === "number" ? "text" : field.kind}
                    inputMode={field.kind === "number" ? "decimal" : undefined}
                    value={values[field.name] ?? ""}
                    onChange={(e) => setValue(field.name, e.target.value)}
                    disabled={field.locked || busy}
                    autoComplete="off"
                    autoCapitalize={field.kind === "text" ? undefined : "none"}
                    spellCheck={field.kind === "text" ? undefined : false}
                    maxLength={2048}
                  />
                )
              }
            </Field>
            {field.name === "email" && (values.email ?? "").trim() ? (
              <Checkbox
                label="Email verified"
                description="Verified addresses can be used to sign in and to recover the account."
                checked={emailVerified}
                disabled={busy}
                onChange={(e) => setEmailVerified(e.target.checked)}
              />
            ) : null}
            {field.name === "phone_number" && (values.phone_number ?? "").trim() ? (
              <Checkbox
                label="Phone number verified"
                description="Verified numbers can be used to sign in and to recover the account."
                checked={phoneVerified}
                disabled={busy}
                onChange={(e) => setPhoneVerified(e.target.checked)}
              />
            ) : null}
          </div>
        ))}
        {addable.length > 0 ? (
          <div className="border-t border-zinc-200 pt-5">
            <label htmlFor={addId} className="mb-1.5 block text-sm font-medium text-zinc-900">
              Add a standard attribute
            </label>
            <Select
              id={addId}
              value=""
              disabled={busy}
              className="sm:max-w-72"
              onChange={(e) => {
                const name = e.target.value;
                if (!name) return;
                setAdded((list) => [...list, name]);
                // Into the new field, once it is rendered.
                requestAnimationFrame(() => bodyRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus());
              }}
            >
              <option value="">Choose an attribute…</option>
              {addable.map((name) => (
                <option key={name} value={name}>
                  {ATTRIBUTE_LABELS[name]} ({name})
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

// ---------------------------------------------------------------------------------------------
// Groups

type GroupsEditorProps = UserRef & {
  /** The pool's groups. */
  groups: { name: string; description: string }[];
  /** The groups the user is in. */
  selected: string[];
  /** Where the pool's groups are managed. */
  groupsHref: string;
};

/** The body of the Groups card: a checkbox per group of the pool and Save. */
export function GroupsEditor({ groups, selected, groupsHref, ...user }: GroupsEditorProps) {
  const { run, pending } = useAdminAction();
  const [chosen, setChosen] = useState<string[]>(selected);
  const legendId = useId();
  const dirty = chosen.length !== selected.length || chosen.some((g) => !selected.includes(g));

  if (groups.length === 0) {
    return (
      <CardBody>
        <p className="text-zinc-500">
          This pool has no groups yet.{" "}
          <Link
            href={groupsHref}
            className="rounded-sm font-medium text-indigo-600 hover:text-indigo-500 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Create a group
          </Link>{" "}
          to give users roles that appear in their tokens.
        </p>
      </CardBody>
    );
  }

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const groupsInPoolOrder = groups.map((g) => g.name).filter((name) => chosen.includes(name));
    await run("groups", () => adminApi("PUT", `${userPath(user)}/groups`, { groups: groupsInPoolOrder }), "Groups saved");
  };

  return (
    <form onSubmit={(event) => void save(event)}>
      <CardBody>
        <fieldset aria-labelledby={legendId}>
          <legend id={legendId} className="sr-only">
            Groups of {user.displayName}
          </legend>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {groups.map((group) => (
              <Checkbox
                key={group.name}
                name="groups"
                value={group.name}
                label={<span className="wrap-anywhere">{group.name}</span>}
                description={group.description || undefined}
                checked={chosen.includes(group.name)}
                disabled={pending === "groups"}
                onChange={(event) => setChosen((list) => (event.target.checked ? [...list, group.name] : list.filter((g) => g !== group.name)))}
              />
            ))}
          </div>
        </fieldset>
      </CardBody>
      <CardFooter className="justify-between">
        <p className="text-sm text-zinc-500" aria-live="polite">
          {dirty ? "Unsaved changes" : `In ${selected.length} of ${groups.length} ${groups.length === 1 ? "group" : "groups"}`}
        </p>
        <div className="flex gap-2">
          {dirty ? (
            <Button variant="ghost" size="sm" onClick={() => setChosen(selected)} disabled={pending === "groups"}>
              Discard
            </Button>
          ) : null}
          <Button type="submit" size="sm" loading={pending === "groups"} disabled={!dirty}>
            Save groups
          </Button>
        </div>
      </CardFooter>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Security: password, lockout (second factors: second-factors.tsx and the cards beside it)

type SecurityActionsProps = UserRef & {
  status: string;
  failedAttempts: number;
  /** Formatted for display; null when not locked. */
  lockedUntil: string | null;
  /** When the temporary password stops (or stopped) working, formatted; null without one. */
  temporaryPassword: { expires: string; expired: boolean } | null;
  /** Where a new temporary password would be sent (email, else phone), if anywhere. */
  deliveryAddress: string | null;
  passwordRules: string[];
};

const PASSWORD_STATE: Record<string, string> = {
  CONFIRMED: "Set by the user",
  UNCONFIRMED: "Set at sign-up; the account is not confirmed yet",
  FORCE_CHANGE_PASSWORD: "Temporary: the user must change it at their next sign-in",
  RESET_REQUIRED: "The user must reset it before signing in",
};

/** One term of a definition list, with an optional button at the right (below on phones). */
function Row({ term, children, action }: { term: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-x-4 py-4 first:pt-0 last:pb-0 sm:grid-cols-[minmax(0,1fr)_auto]">
      <dt className="text-sm font-medium text-zinc-900 sm:col-start-1">{term}</dt>
      <dd className="mt-1 text-sm text-zinc-600 sm:col-start-1">{children}</dd>
      {action ? <dd className="mt-3 sm:col-start-2 sm:row-span-2 sm:row-start-1 sm:mt-0 sm:self-center">{action}</dd> : null}
    </div>
  );
}

/** The body of the Security card. */
export function SecurityActions({ status, failedAttempts, lockedUntil, temporaryPassword, deliveryAddress, passwordRules, ...user }: SecurityActionsProps) {
  const { run, pending } = useAdminAction();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [passwordSession, setPasswordSession] = useState(0);

  return (
    <CardBody>
      <dl className="divide-y divide-zinc-200">
        <Row
          term="Password"
          action={
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setPasswordSession((n) => n + 1);
                setPasswordOpen(true);
              }}
            >
              Reset password
            </Button>
          }
        >
          {temporaryPassword?.expired ? (
            <span className="inline-flex flex-wrap items-center gap-2">
              <Badge tone="warning" dot>
                Expired
              </Badge>
              <span>The temporary password stopped working on {temporaryPassword.expires}. Reset it to issue a new one.</span>
            </span>
          ) : (
            <>
              {PASSWORD_STATE[status] ?? status}
              {temporaryPassword ? <span className="block text-zinc-500">Expires {temporaryPassword.expires}.</span> : null}
            </>
          )}
        </Row>
        <Row term="Failed sign-in attempts">
          <span className="tabular-nums">{failedAttempts}</span>
          <span className="text-zinc-500"> since the last successful sign-in</span>
        </Row>
        <Row term="Lockout">
          {lockedUntil ? (
            <span className="inline-flex flex-wrap items-center gap-2">
              <Badge tone="warning" dot>
                Locked
              </Badge>
              <span>until {lockedUntil}</span>
            </span>
          ) : (
            "Not locked"
          )}
        </Row>
      </dl>

      {passwordSession > 0 ? (
        <ResetPasswordDialog
          key={passwordSession}
          open={passwordOpen}
          onClose={() => setPasswordOpen(false)}
          user={user}
          deliveryAddress={deliveryAddress}
          passwordRules={passwordRules}
        />
      ) : null}
    </CardBody>
  );
}

type PasswordResult = { temporaryPassword: string | null; sentTo: string | null };

function ResetPasswordDialog({
  open,
  onClose,
  user,
  deliveryAddress,
  passwordRules,
}: {
  open: boolean;
  onClose: () => void;
  user: UserRef;
  deliveryAddress: string | null;
  passwordRules: string[];
}) {
  const router = useRouter();
  const toast = useToast();
  const modeName = useId();
  const [mode, setMode] = useState<"temporary" | "permanent">("temporary");
  const [password, setPassword] = useState("");
  const [notify, setNotify] = useState(deliveryAddress !== null);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PasswordResult | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result) doneRef.current?.focus();
  }, [result]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    setFormError(null);
    if (mode === "permanent" && !password) {
      setError("Enter the new password.");
      return focusFirstError(formRef.current);
    }
    setError(null);
    setBusy(true);
    try {
      const body = mode === "permanent" ? { password, permanent: true, notify: false } : { permanent: false, notify: notify && deliveryAddress !== null };
      const response = await adminApi<PasswordResult>("POST", `${userPath(user)}/password`, body);
      router.refresh();
      if (response.temporaryPassword) {
        toast.success(response.sentTo ? `Password reset and sent to ${response.sentTo}` : "Password reset");
        setResult(response);
      } else {
        toast.success("Password set");
        onClose();
      }
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : "Something went wrong.";
      const field = caught instanceof AdminApiError ? caught.field : undefined;
      if (mode === "permanent" && field === "password") {
        setError(fieldMessage(message));
        focusFirstError(formRef.current);
      } else {
        setFormError(message);
      }
    } finally {
      setBusy(false);
    }
  };

  if (result?.temporaryPassword) {
    return (
      <Dialog
        open={open}
        onClose={onClose}
        title="Password reset"
        footer={
          <Button onClick={onClose} data-autofocus>
            Done
          </Button>
        }
      >
        <div className="space-y-5">
          <div>
            <h3 ref={doneRef} tabIndex={-1} className="font-medium wrap-anywhere text-zinc-900 focus:outline-none">
              {user.displayName} has a new temporary password
            </h3>
            <p className="mt-0.5 text-zinc-600">They were signed out everywhere and must choose a new password at their next sign-in.</p>
          </div>
          {result.sentTo ? (
            <p className="rounded-lg bg-emerald-50 px-3 py-2.5 wrap-anywhere text-emerald-800 ring-1 ring-inset ring-emerald-600/20">
              Sent to <span className="font-medium">{result.sentTo}</span>
            </p>
          ) : null}
          <SecretReveal
            label="Temporary password"
            value={result.temporaryPassword}
            note={result.sentTo ? "The user received it too." : "Give it to the user over a channel you trust."}
          />
        </div>
      </Dialog>
    );
  }

  const radioClass =
    "mt-0.5 size-4 shrink-0 cursor-pointer accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      title="Reset password"
      description={
        <>
          Resetting the password also signs <span className="font-medium text-zinc-700">{user.displayName}</span> out everywhere.
        </>
      }
      formProps={{ onSubmit: (event) => void submit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel={mode === "permanent" ? "Set password" : "Reset password"} />}
    >
      <div className="space-y-5">
        {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
        <fieldset>
          <legend className="mb-3 text-sm font-medium text-zinc-900">New password</legend>
          <div className="space-y-3">
            {(
              [
                ["temporary", "Generate a temporary password", "The user must choose a new password at their next sign-in."],
                ["permanent", "Set a permanent password", "The user signs in with it as it is; nothing is sent to them."],
              ] as const
            ).map(([value, label, description]) => (
              <label
                key={value}
                className="flex cursor-pointer gap-3 rounded-lg border border-zinc-200 p-3 has-checked:border-indigo-600 has-checked:bg-indigo-50/50 has-checked:ring-1 has-checked:ring-indigo-600"
              >
                <input
                  type="radio"
                  name={modeName}
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                  disabled={busy}
                  data-autofocus={value === "temporary" ? true : undefined}
                  aria-describedby={`${modeName}-${value}`}
                  className={radioClass}
                />
                <span className="text-sm">
                  <span className="block font-medium text-zinc-900">{label}</span>
                  <span id={`${modeName}-${value}`} className="block text-zinc-500">
                    {description}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {mode === "permanent" ? (
          <Field
            label="Password"
            required
            error={error ?? undefined}
            hint={passwordRules.length > 0 ? <>It must have: {passwordRules.join(", ").toLowerCase()}.</> : undefined}
          >
            {(p) => (
              <Input
                {...p}
                type="password"
                name="password"
                value={password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  setError(null);
                }}
                disabled={busy}
                autoComplete="new-password"
                maxLength={256}
              />
            )}
          </Field>
        ) : (
          <Checkbox
            label="Send the new password to the user"
            checked={notify && deliveryAddress !== null}
            disabled={deliveryAddress === null || busy}
            onChange={(e) => setNotify(e.target.checked)}
            description={deliveryAddress ? `Sent to ${deliveryAddress}.` : "This user has no email address or phone number to send it to."}
          />
        )}
      </div>
    </Dialog>
  );
}

// ---------------------------------------------------------------------------------------------
// Sessions

/** The body of the Sessions card: sign out everywhere. */
/** A live session, formatted on the server. */
export type SessionRow = { id: string; apps: string[]; signedIn: string | null; mfa: boolean; refreshTokens: number };

function appsOf(session: SessionRow): string {
  return session.apps.length ? session.apps.join(", ") : "Hosted sign-in";
}

function describeSession(session: SessionRow): string {
  return session.signedIn ? `${appsOf(session)} (signed in ${session.signedIn})` : appsOf(session);
}

export function SessionActions({ sessions, refreshTokens, ...user }: UserRef & { sessions: SessionRow[]; refreshTokens: number }) {
  const orphaned = refreshTokens - sessions.reduce((sum, s) => sum + s.refreshTokens, 0);
  const { run, pending } = useAdminAction();
  const [confirming, setConfirming] = useState(false);

  const endSession = (session: SessionRow) =>
    run(`session-${session.id}`, () => adminApi("DELETE", `${userPath(user)}/sessions/${enc(session.id)}`), `Signed out of ${describeSession(session)}`);

  const signOut = async () => {
    await run("sign-out", () => adminApi<{ revoked: number }>("POST", `${userPath(user)}/sign-out`), ({ revoked }) =>
      revoked === 0 ? "There were no sessions to sign out of" : `Signed out of ${revoked} ${revoked === 1 ? "session" : "sessions"}`,
    );
    setConfirming(false);
  };

  return (
    <CardBody>
      {sessions.length ? (
        <ul aria-label="Sessions" className="-mt-1 mb-5 divide-y divide-zinc-100 border-b border-zinc-200">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-3 first:pt-0">
              <div className="min-w-0">
                <p className="font-medium wrap-anywhere text-zinc-900">{appsOf(session)}</p>
                <p className="mt-0.5 text-zinc-500">{session.signedIn ? `Signed in ${session.signedIn}` : "Signed in"}</p>
              </div>
              <div className="flex shrink-0 flex-wrap items-center gap-2">
                {session.mfa ? <Badge tone="success">MFA</Badge> : null}
                <span className="text-zinc-500 tabular-nums">
                  {session.refreshTokens} refresh {session.refreshTokens === 1 ? "token" : "tokens"}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Sign out of ${describeSession(session)}`}
                  loading={pending === `session-${session.id}`}
                  onClick={() => void endSession(session)}
                >
                  Sign out
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-5 border-b border-zinc-200 pb-4 text-zinc-500">Not signed in anywhere right now.</p>
      )}
      {orphaned > 0 ? (
        <p className="-mt-2 mb-5 text-zinc-600">
          {orphaned} more refresh {orphaned === 1 ? "token" : "tokens"} from sessions that have ended still {orphaned === 1 ? "works" : "work"} until{" "}
          {orphaned === 1 ? "it expires" : "they expire"} or the user is signed out everywhere.
        </p>
      ) : null}
      {/* Stacked: the card sits in a narrow column beside the attributes. */}
      <div className="flex flex-col items-start gap-3">
        <p className="text-zinc-600">
          Ends every session of this user and revokes their refresh tokens, in every app. Use it when a device is lost or an account may be
          compromised.
        </p>
        <Button variant="secondary" className="shrink-0" onClick={() => setConfirming(true)} loading={pending === "sign-out"}>
          Sign out everywhere
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        description={
          <>
            <p>
              This revokes every refresh token and ends every session of <span className="font-medium text-zinc-900">{user.displayName}</span>,
              in every app.
            </p>
            <p>Access tokens already issued keep working until they expire. The user can sign in again.</p>
          </>
        }
        confirmLabel="Sign out everywhere"
        tone="danger"
        busy={pending === "sign-out"}
        onConfirm={() => void signOut()}
        onCancel={() => setConfirming(false)}
      />
    </CardBody>
  );
}

// ---------------------------------------------------------------------------------------------
// Danger zone

type DangerZoneProps = UserRef & {
  enabled: boolean;
  /** The users list, where the page goes after deleting. */
  usersHref: string;
};

/** The body of the Danger zone card: disable or enable, and delete. */
export function DangerZone({ enabled, usersHref, ...user }: DangerZoneProps) {
  const router = useRouter();
  const toast = useToast();
  const { run, pending } = useAdminAction();
  const [confirm, setConfirm] = useState<"disable" | "delete" | null>(null);
  const [deleting, setDeleting] = useState(false);

  const disable = async () => {
    await run("disable", () => adminApi("POST", `${userPath(user)}/disable`), "User disabled");
    setConfirm(null);
  };
  const enable = () => run("enable", () => adminApi("POST", `${userPath(user)}/enable`), "User enabled");
  const remove = async () => {
    setDeleting(true);
    try {
      await adminApi("DELETE", userPath(user));
      toast.success(`User ${user.displayName} deleted`);
      // Stays busy until the list replaces this page; refreshing this page would find no user.
      router.push(usersHref);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Something went wrong.");
      setDeleting(false);
      setConfirm(null);
    }
  };

  return (
    <CardBody flush className="divide-y divide-zinc-200 px-4 sm:px-6">
      <div className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <h3 className="font-medium text-zinc-900">{enabled ? "Disable user" : "Enable user"}</h3>
          <p className="mt-1 text-zinc-600">
            {enabled
              ? "A disabled user cannot sign in and their sessions end at once. Their data is kept, and you can enable them again."
              : "This user is disabled and cannot sign in. Enabling them lets them sign in again with their password."}
          </p>
        </div>
        {enabled ? (
          <Button variant="secondary" className="shrink-0" onClick={() => setConfirm("disable")} loading={pending === "disable"}>
            Disable user
          </Button>
        ) : (
          <Button variant="secondary" className="shrink-0" onClick={() => void enable()} loading={pending === "enable"}>
            Enable user
          </Button>
        )}
      </div>
      <div className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <h3 className="font-medium text-zinc-900">Delete user</h3>
          <p className="mt-1 text-zinc-600">Removes the user, their attributes and group memberships, and ends their sessions. This cannot be undone.</p>
        </div>
        <Button variant="danger" className="shrink-0" onClick={() => setConfirm("delete")} loading={deleting}>
          Delete user
        </Button>
      </div>

      <ConfirmDialog
        open={confirm === "disable"}
        title="Disable this user?"
        description={
          <>
            <p>
              <span className="font-medium text-zinc-900">{user.displayName}</span> will not be able to sign in, and every session and refresh
              token they have ends now.
            </p>
            <p>You can enable them again at any time.</p>
          </>
        }
        confirmLabel="Disable user"
        tone="danger"
        busy={pending === "disable"}
        onConfirm={() => void disable()}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === "delete"}
        title="Delete this user?"
        description={
          <>
            <p>
              <span className="font-medium text-zinc-900">{user.displayName}</span> and everything about them is removed for good, and their
              sessions end. They would have to sign up again.
            </p>
          </>
        }
        confirmLabel="Delete user"
        tone="danger"
        confirmText={user.displayName}
        busy={deleting}
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(null)}
      />
    </CardBody>
  );
}

