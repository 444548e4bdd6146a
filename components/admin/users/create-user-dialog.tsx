"use client";
// The "Create user" button of the Users tab and its dialog: the form, then the new user's temporary
// password (shown once) with a link to their page.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { AdminApiError, adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { PlusIcon } from "@/components/ui/icons.tsx";
import { FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Button, ButtonLink, type ButtonVariant } from "@/components/ui/button.tsx";
import { Dialog, SecretReveal, useDialogSession } from "@/components/ui/dialog.tsx";
import { Checkbox, Field, Input } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { ATTRIBUTE_LABELS, isStandardAttribute } from "@/lib/pools/attributes.ts";

type CreateUserDialogProps = {
  poolId: string;
  /** Whether users of the pool choose a username; otherwise it is generated and they sign in by email/phone. */
  usernameIsChosen: boolean;
  requiredAttributes: string[];
  /** The pool's immutable custom attributes (custom:name): set only now, when the user is created. */
  immutableAttributes?: string[];
  /** Names of the pool's groups. */
  groups: string[];
  /** The pool's password rules ("At least 8 characters", …), shown under the password field. */
  passwordRules?: string[];
  variant?: ButtonVariant;
};

type Created = {
  user: { sub: string; username: string; email: string | null; phoneNumber: string | null };
  temporaryPassword: string | null;
  invitationSentTo: string | null;
};

/** "attributes: Invalid input" → "Invalid input" (the field shows where). */
function fieldMessage(message: string): string {
  const text = message.replace(/^(?:body\.)?[\w.:]+: /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function labelOf(name: string): string {
  return isStandardAttribute(name) ? ATTRIBUTE_LABELS[name] : name;
}

/** The "Create user" button and its dialog. */
export function CreateUserDialog({ variant = "primary", ...props }: CreateUserDialogProps) {
  // A new session at every opening, so the form starts empty.
  const { open, session, show, close } = useDialogSession();
  return (
    <>
      <Button
        variant={variant}
        onClick={show}
      >
        <PlusIcon />
        Create user
      </Button>
      {session > 0 ? <CreateUserForm key={session} open={open} onClose={close} {...props} /> : null}
    </>
  );
}

type Values = { username: string; email: string; phone_number: string; temporaryPassword: string; attributes: Record<string, string>; groups: string[] };

function CreateUserForm({
  open,
  onClose,
  poolId,
  usernameIsChosen,
  requiredAttributes,
  immutableAttributes = [],
  groups,
  passwordRules = [],
}: Omit<CreateUserDialogProps, "variant"> & { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const requiredExtra = requiredAttributes.filter((name) => name !== "email" && name !== "phone_number");
  const extraAttributes = [...requiredExtra, ...immutableAttributes];
  const [values, setValues] = useState<Values>(() => ({
    username: "",
    email: "",
    phone_number: "",
    temporaryPassword: "",
    attributes: Object.fromEntries(extraAttributes.map((name) => [name, ""])),
    groups: [],
  }));
  // null: follow the email field (on when an email is given) until the admin ticks or unticks it.
  const [inviteChoice, setInviteChoice] = useState<boolean | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  const hasAddress = values.email.trim() !== "" || values.phone_number.trim() !== "";
  const invite = hasAddress && (inviteChoice ?? values.email.trim() !== "");
  const emailRequired = requiredAttributes.includes("email");
  const phoneRequired = requiredAttributes.includes("phone_number");

  useEffect(() => {
    if (created) doneRef.current?.focus();
  }, [created]);

  const clearError = (name: string) => {
    if (errors[name]) setErrors(({ [name]: _removed, ...rest }) => rest);
  };
  const setField = (name: "username" | "email" | "phone_number" | "temporaryPassword") => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [name]: event.target.value }));
    clearError(name);
  };
  const setAttribute = (name: string) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, attributes: { ...v.attributes, [name]: event.target.value } }));
    clearError(name);
  };
  const toggleGroup = (name: string, checked: boolean) => {
    setValues((v) => ({ ...v, groups: checked ? [...v.groups, name] : v.groups.filter((g) => g !== name) }));
    clearError("groups");
  };

  const close = () => {
    onClose();
    // The list refreshes once the dialog closes; refreshing earlier could replace the empty state
    // this dialog was opened from, and with it the new password.
    if (created) router.refresh();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    const attributes: Record<string, string> = {};
    if (values.email.trim()) attributes.email = values.email.trim();
    if (values.phone_number.trim()) attributes.phone_number = values.phone_number.replace(/[\s()-]/g, "");
    for (const [name, value] of Object.entries(values.attributes)) if (value.trim()) attributes[name] = value.trim();

    const found: Record<string, string> = {};
    if (usernameIsChosen && !values.username.trim()) found.username = "Enter a username.";
    if (!usernameIsChosen && !hasAddress) found[emailRequired || !phoneRequired ? "email" : "phone_number"] = "Enter an email address or a phone number: users of this pool sign in with one.";
    if (emailRequired && !attributes.email) found.email = "Enter an email address.";
    if (phoneRequired && !attributes.phone_number) found.phone_number = "Enter a phone number.";
    for (const name of requiredExtra) if (!attributes[name]) found[name] = `Enter ${labelOf(name).toLowerCase()}.`;
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return focusFirstError(formRef.current);

    setBusy(true);
    try {
      const result = await adminApi<Created>("POST", `/pools/${enc(poolId)}/users`, {
        ...(usernameIsChosen ? { username: values.username.trim() } : {}),
        attributes,
        ...(values.temporaryPassword ? { temporaryPassword: values.temporaryPassword } : {}),
        groups: values.groups,
        sendInvitation: invite,
      });
      setCreated(result);
      toast.success(result.invitationSentTo ? `User created. Invitation sent to ${result.invitationSentTo}.` : "User created");
    } catch (error) {
      const message = error instanceof Error ? error.message : "Something went wrong.";
      let field = error instanceof AdminApiError ? error.field : undefined;
      if (field === "password") field = "temporaryPassword";
      const shown = field && (field === "username" ? usernameIsChosen : ["email", "phone_number", "temporaryPassword", "groups", ...extraAttributes].includes(field));
      if (field && shown) {
        setErrors({ [field]: fieldMessage(message) });
        focusFirstError(formRef.current);
      } else {
        setFormError(message);
      }
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    const name = usernameIsChosen ? created.user.username : (created.user.email ?? created.user.phoneNumber ?? created.user.username);
    return (
      <Dialog
        open={open}
        onClose={close}
        title="User created"
        footer={
          <>
            <ButtonLink href={`/admin/pools/${enc(poolId)}/users/${enc(created.user.username)}`} variant="secondary" onClick={() => onClose()}>
              View user
            </ButtonLink>
            <Button onClick={close} data-autofocus>
              Done
            </Button>
          </>
        }
      >
        <div className="space-y-5">
          <div className="flex items-start gap-3">
            <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-emerald-100">
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 text-emerald-600">
                <path
                  fillRule="evenodd"
                  d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
                  clipRule="evenodd"
                />
              </svg>
            </span>
            <div className="min-w-0">
              <h3 ref={doneRef} tabIndex={-1} className="font-medium wrap-anywhere text-zinc-900 focus:outline-none">
                {name} can now sign in
              </h3>
              <p className="mt-0.5 text-zinc-600">They must choose a new password at their first sign-in.</p>
            </div>
          </div>
          {created.invitationSentTo ? (
            <p className="flex items-start gap-2 rounded-lg bg-emerald-50 px-3 py-2.5 text-emerald-800 ring-1 ring-inset ring-emerald-600/20">
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-emerald-600">
                <path d="M3 4a2 2 0 0 0-2 2v1.161l8.441 4.221a1.25 1.25 0 0 0 1.118 0L19 7.162V6a2 2 0 0 0-2-2H3Z" />
                <path d="m19 8.839-7.77 3.885a2.75 2.75 0 0 1-2.46 0L1 8.839V14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V8.839Z" />
              </svg>
              <span className="wrap-anywhere">
                Invitation sent to <span className="font-medium">{created.invitationSentTo}</span>
              </span>
            </p>
          ) : null}
          {created.temporaryPassword ? (
            <SecretReveal
              label="Temporary password"
              value={created.temporaryPassword}
              note={created.invitationSentTo ? "The invitation contains it too." : "Give it to the user over a channel you trust."}
            />
          ) : null}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="lg"
      title="Create user"
      description={
        usernameIsChosen
          ? "The user signs in with this username and a temporary password, and chooses their own password at the first sign-in."
          : "The user signs in with their email or phone number and a temporary password, and chooses their own password at the first sign-in."
      }
      formProps={{ onSubmit: (event) => void submit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel="Create user" />}
    >
      <div className="space-y-5">
        {formError ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 wrap-anywhere text-red-800">
            {formError}
          </p>
        ) : null}

        {usernameIsChosen ? (
          <Field label="Username" required error={errors.username} hint="Up to 128 characters, no spaces. It cannot be changed later.">
            {(p) => (
              <Input
                {...p}
                name="username"
                data-autofocus
                value={values.username}
                onChange={setField("username")}
                maxLength={128}
                autoComplete="off"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
              />
            )}
          </Field>
        ) : null}

        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <Field
            label="Email"
            required={emailRequired}
            optional={!emailRequired && usernameIsChosen}
            error={errors.email}
            hint={!usernameIsChosen ? "The user signs in with it." : undefined}
          >
            {(p) => (
              <Input
                {...p}
                type="email"
                name="email"
                data-autofocus={usernameIsChosen ? undefined : true}
                value={values.email}
                onChange={setField("email")}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="name@example.com"
              />
            )}
          </Field>
          <Field label="Phone number" required={phoneRequired} optional={!phoneRequired} error={errors.phone_number} hint="International format, like +14155550123.">
            {(p) => (
              <Input {...p} type="tel" name="phone_number" value={values.phone_number} onChange={setField("phone_number")} autoComplete="off" placeholder="+14155550123" />
            )}
          </Field>
        </div>

        {extraAttributes.length > 0 ? (
          <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
            {extraAttributes.map((name) => (
              <Field
                key={name}
                label={
                  <>
                    {labelOf(name)}
                    {isStandardAttribute(name) ? (
                      <code aria-hidden="true" className="ml-1.5 font-mono text-xs font-normal text-zinc-500">
                        {name}
                      </code>
                    ) : null}
                  </>
                }
                required={requiredExtra.includes(name)}
                optional={!requiredExtra.includes(name)}
                hint={immutableAttributes.includes(name) ? "Immutable: it can be set only now, when the user is created." : undefined}
                error={errors[name]}
              >
                {(p) => (
                  <Input
                    {...p}
                    name={name}
                    type={name === "birthdate" ? "date" : "text"}
                    value={values.attributes[name] ?? ""}
                    onChange={setAttribute(name)}
                    autoComplete="off"
                    maxLength={2048}
                  />
                )}
              </Field>
            ))}
          </div>
        ) : null}

        {groups.length > 0 ? (
          <fieldset aria-describedby={errors.groups ? "create-user-groups-error" : undefined}>
            <legend className="mb-2 text-sm font-medium text-zinc-900">
              Groups <span className="ml-1 text-xs font-normal text-zinc-500">Optional</span>
            </legend>
            <div className="grid max-h-48 grid-cols-1 gap-2.5 overflow-y-auto rounded-lg border border-zinc-200 p-3 sm:grid-cols-2">
              {groups.map((group) => (
                <Checkbox
                  key={group}
                  name="groups"
                  value={group}
                  label={<span className="wrap-anywhere">{group}</span>}
                  checked={values.groups.includes(group)}
                  onChange={(event) => toggleGroup(group, event.target.checked)}
                />
              ))}
            </div>
            {errors.groups ? (
              <p id="create-user-groups-error" className="mt-1.5 text-sm text-red-600">
                {errors.groups}
              </p>
            ) : null}
          </fieldset>
        ) : null}

        <Field
          label="Temporary password"
          optional
          error={errors.temporaryPassword}
          hint={
            <>
              Leave empty to generate one.
              {passwordRules.length > 0 ? <> It must have: {passwordRules.join(", ").toLowerCase()}.</> : null}
            </>
          }
        >
          {(p) => (
            <Input
              {...p}
              name="temporaryPassword"
              value={values.temporaryPassword}
              onChange={setField("temporaryPassword")}
              autoComplete="off"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              maxLength={256}
              className="font-mono"
            />
          )}
        </Field>

        <Checkbox
          label="Send an invitation"
          checked={invite}
          disabled={!hasAddress}
          onChange={(event) => setInviteChoice(event.target.checked)}
          description={
            hasAddress
              ? `Sends the sign-in details and the temporary password to ${values.email.trim() || values.phone_number.trim()}.`
              : "Add an email or phone number to send the sign-in details and temporary password to the user."
          }
        />
      </div>
    </Dialog>
  );
}

/** Focuses the first invalid control of a form, so its error is read out. */
function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
