"use client";
// The Reset password dialog of a user's page: a generated temporary password (optionally sent to
// the user) or a permanent one, then the temporary password, shown once. The form checks the admin
// API's own body schema (lib/admin/users/user-bodies.ts).
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import { adminApi } from "@/components/admin/use-admin-api.ts";
import { ErrorAlert, userPath, type UserRef } from "@/components/admin/users/user-ref.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog, SecretReveal } from "@/components/ui/dialog.tsx";
import { FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Checkbox, Field, Input } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { SetPasswordBodySchema } from "@/lib/admin/users/user-bodies.ts";

// A permanent password must be given (the API refuses one without it); the console says so first.
const ResetPasswordForm = SetPasswordBodySchema.refine((body) => !body.permanent || Boolean(body.password), { path: ["password"] });

type PasswordResult = { temporaryPassword: string | null; sentTo: string | null };

export function ResetPasswordDialog({
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
  const [result, setResult] = useState<PasswordResult | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const { form, register, onSubmit, formError, errorOf, busy } = useApiForm({
    schema: ResetPasswordForm,
    defaultValues: { password: "", permanent: false, notify: deliveryAddress !== null },
    messages: { password: { custom: "Enter the new password." } },
    submit: async ({ password, permanent, notify }) => {
      const body = permanent ? { password, permanent: true, notify: false } : { permanent: false, notify: notify && deliveryAddress !== null };
      const response = await adminApi<PasswordResult>("POST", `${userPath(user)}/password`, body);
      router.refresh();
      if (response.temporaryPassword) {
        toast.success(response.sentTo ? `Password reset and sent to ${response.sentTo}` : "Password reset");
        setResult(response);
      } else {
        toast.success("Password set");
        onClose();
      }
    },
  });
  const mode = form.watch("permanent") ? "permanent" : "temporary";
  const notify = form.watch("notify");

  useEffect(() => {
    if (result) doneRef.current?.focus();
  }, [result]);

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
      formProps={{ onSubmit: (event) => void onSubmit(event), noValidate: true }}
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
                  onChange={() => form.setValue("permanent", value === "permanent")}
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
            error={errorOf("password")}
            hint={passwordRules.length > 0 ? <>It must have: {passwordRules.join(", ").toLowerCase()}.</> : undefined}
          >
            {(p) => (
              <Input
                {...p}
                type="password"
                {...register("password")}
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
            onChange={(e) => form.setValue("notify", e.target.checked)}
            description={deliveryAddress ? `Sent to ${deliveryAddress}.` : "This user has no email address or phone number to send it to."}
          />
        )}
      </div>
    </Dialog>
  );
}

