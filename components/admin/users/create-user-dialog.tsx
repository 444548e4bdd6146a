"use client";
// The "Create user" button of the Users tab and its dialog: the form, then the new user's temporary
// password (shown once) with a link to their page.
import { Check, Mail } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { trimmed } from "@/components/admin/forms/controls.ts";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import { AdminApiError, adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { AttributeLabel, ErrorAlert, labelOf } from "@/components/admin/users/user-ref.tsx";
import { PlusIcon } from "@/components/ui/icons.tsx";
import { FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Button, ButtonLink, type ButtonVariant } from "@/components/ui/button.tsx";
import { Dialog, SecretReveal, useDialogSession } from "@/components/ui/dialog.tsx";
import { Checkbox, Field, Input } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { AttributesSchema, CreateUserBodySchema } from "@/lib/admin/users/user-bodies.ts";

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

const body = CreateUserBodySchema.shape;
const attributeValue = AttributesSchema.valueType;

/** The API's body fields as the form's controls give them: the address attributes apart, text trimmed. */
const CreateUserControls = z.object({
  username: trimmed(body.username),
  email: trimmed(attributeValue),
  // Spaces, dashes and brackets people type in a phone number are dropped.
  phone_number: z.preprocess((value) => (typeof value === "string" ? value.replace(/[\s()-]/g, "") : value), attributeValue),
  temporaryPassword: body.temporaryPassword,
  groups: body.groups,
});

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
  // null: follow the email field (on when an email is given) until the admin ticks or unticks it.
  const [inviteChoice, setInviteChoice] = useState<boolean | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const emailRequired = requiredAttributes.includes("email");
  const phoneRequired = requiredAttributes.includes("phone_number");

  // What this pool requires, checked before the API does; the more specific message first, as the
  // first issue at a control is the one shown.
  const schema = CreateUserControls.extend(Object.fromEntries(extraAttributes.map((name) => [name, trimmed(attributeValue)]))).superRefine((values, ctx) => {
    const missing = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (usernameIsChosen && !values.username) missing("username", "Enter a username.");
    if (emailRequired && !values.email) missing("email", "Enter an email address.");
    if (phoneRequired && !values.phone_number) missing("phone_number", "Enter a phone number.");
    if (!usernameIsChosen && !values.email && !values.phone_number) {
      missing(emailRequired || !phoneRequired ? "email" : "phone_number", "Enter an email address or a phone number: users of this pool sign in with one.");
    }
    for (const name of requiredExtra) if (!(values as Record<string, unknown>)[name]) missing(name, `Enter ${labelOf(name).toLowerCase()}.`);
  });
  const { form, register, onSubmit, formError, errorOf, busy } = useApiForm({
    schema,
    defaultValues: {
      ...(usernameIsChosen ? { username: "" } : {}),
      email: "",
      phone_number: "",
      temporaryPassword: "",
      groups: [],
      ...Object.fromEntries(extraAttributes.map((name) => [name, ""])),
    },
    submit: async (values) => {
      const attributes: Record<string, string> = {};
      if (values.email) attributes.email = values.email;
      if (values.phone_number) attributes.phone_number = values.phone_number;
      for (const name of extraAttributes) {
        const value = (values as Record<string, unknown>)[name];
        if (typeof value === "string" && value) attributes[name] = value;
      }
      try {
        const result = await adminApi<Created>("POST", `/pools/${enc(poolId)}/users`, {
          ...(usernameIsChosen ? { username: values.username } : {}),
          attributes,
          ...(values.temporaryPassword ? { temporaryPassword: values.temporaryPassword } : {}),
          groups: values.groups,
          sendInvitation: invite,
        });
        setCreated(result);
        toast.success(result.invitationSentTo ? `User created. Invitation sent to ${result.invitationSentTo}.` : "User created");
      } catch (error) {
        // The password rules name `password`: here it is the temporary password.
        if (error instanceof AdminApiError && error.field === "password") {
          throw new AdminApiError(error.status, error.code, error.message, "temporaryPassword", error.issues);
        }
        throw error;
      }
    },
  });
  // The controls' text as typed (the schema reads it as unknown).
  const values = form.watch() as { email: string; phone_number: string; groups: string[] };
  const email = values.email.trim();
  const phone = values.phone_number.trim();
  const hasAddress = email !== "" || phone !== "";
  const invite = hasAddress && (inviteChoice ?? email !== "");
  const chosenGroups = values.groups;

  useEffect(() => {
    if (created) doneRef.current?.focus();
  }, [created]);

  const toggleGroup = (name: string, checked: boolean) =>
    form.setValue("groups", checked ? [...chosenGroups, name] : chosenGroups.filter((g) => g !== name), { shouldValidate: form.formState.isSubmitted });

  const close = () => {
    onClose();
    // The list refreshes once the dialog closes; refreshing earlier could replace the empty state
    // this dialog was opened from, and with it the new password.
    if (created) router.refresh();
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
              <Check aria-hidden="true" className="size-5 text-emerald-600" />
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
              <Mail aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-emerald-600" />
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
      formProps={{ onSubmit: (event) => void onSubmit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel="Create user" />}
    >
      <div className="space-y-5">
        {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}

        {usernameIsChosen ? (
          <Field label="Username" required error={errorOf("username")} hint="Up to 128 characters, no spaces. It cannot be changed later.">
            {(p) => (
              <Input
                {...p}
                {...register("username")}
                data-autofocus
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
            error={errorOf("email")}
            hint={!usernameIsChosen ? "The user signs in with it." : undefined}
          >
            {(p) => (
              <Input
                {...p}
                type="email"
                {...register("email")}
                data-autofocus={usernameIsChosen ? undefined : true}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="name@example.com"
              />
            )}
          </Field>
          <Field label="Phone number" required={phoneRequired} optional={!phoneRequired} error={errorOf("phone_number")} hint="International format, like +14155550123.">
            {(p) => (
              <Input {...p} type="tel" {...register("phone_number")} autoComplete="off" placeholder="+14155550123" />
            )}
          </Field>
        </div>

        {extraAttributes.length > 0 ? (
          <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
            {extraAttributes.map((name) => (
              <Field
                key={name}
                label={<AttributeLabel name={name} />}
                required={requiredExtra.includes(name)}
                optional={!requiredExtra.includes(name)}
                hint={immutableAttributes.includes(name) ? "Immutable: it can be set only now, when the user is created." : undefined}
                error={errorOf(name)}
              >
                {(p) => (
                  <Input
                    {...p}
                    // An extra attribute: its control is named by the pool, so not in the form type.
                    {...register(name as never)}
                    type={name === "birthdate" ? "date" : "text"}
                    autoComplete="off"
                    maxLength={2048}
                  />
                )}
              </Field>
            ))}
          </div>
        ) : null}

        {groups.length > 0 ? (
          <fieldset aria-describedby={errorOf("groups") ? "create-user-groups-error" : undefined}>
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
                  checked={chosenGroups.includes(group)}
                  onChange={(event) => toggleGroup(group, event.target.checked)}
                />
              ))}
            </div>
            {errorOf("groups") ? (
              <p id="create-user-groups-error" className="mt-1.5 text-sm text-red-600">
                {errorOf("groups")}
              </p>
            ) : null}
          </fieldset>
        ) : null}

        <Field
          label="Temporary password"
          optional
          error={errorOf("temporaryPassword")}
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
              {...register("temporaryPassword")}
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
              ? `Sends the sign-in details and the temporary password to ${email || phone}.`
              : "Add an email or phone number to send the sign-in details and temporary password to the user."
          }
        />
      </div>
    </Dialog>
  );
}
