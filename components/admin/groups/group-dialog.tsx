"use client";
// The dialog that creates a group or edits one. Its form checks the admin API's own group schema
// (lib/pools/group-schema.ts), read from text controls: a blank precedence or role ARN is null.
import { useRouter } from "next/navigation";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import type { GroupRow } from "@/components/admin/groups/group-row.ts";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { FormAlert, FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field, Input, Textarea } from "@/components/ui/field.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { CreateGroupSchema, UpdateGroupSchema } from "@/lib/pools/group-schema.ts";
import { optionalText, optionalWholeNumber, trimmed } from "@/components/admin/forms/controls.ts";

/** The group schema's fields as the form's text controls give them. */
const controls = {
  precedence: optionalWholeNumber(CreateGroupSchema.shape.precedence),
  roleArn: optionalText(CreateGroupSchema.shape.roleArn),
  description: trimmed(CreateGroupSchema.shape.description),
};
const CreateGroupForm = CreateGroupSchema.extend({ name: trimmed(CreateGroupSchema.shape.name), ...controls });
const EditGroupForm = UpdateGroupSchema.extend(controls);

const MESSAGES = {
  name: { too_small: "Enter a name.", too_big: "Use at most 128 characters." },
  precedence: "Enter a whole number, 0 or more, or leave it empty.",
  roleArn: "Enter an IAM role ARN such as arn:aws:iam::123456789012:role/Admins, or leave it empty.",
  description: "Use at most 2,048 characters.",
};

type GroupDialogProps = {
  open: boolean;
  onClose: () => void;
  poolId: string;
  /** The group to edit; omitted to create one. */
  group?: GroupRow;
};

export function GroupDialog({ open, onClose, poolId, group }: GroupDialogProps) {
  const router = useRouter();
  const toast = useToast();
  // The parent remounts this component (with a new key) on every opening, so it starts fresh.
  const { register, onSubmit, formError, errorOf, busy } = useApiForm({
    // Editing, the form has no name control, so the values sent hold none.
    schema: group ? (EditGroupForm as unknown as typeof CreateGroupForm) : CreateGroupForm,
    defaultValues: {
      ...(group ? {} : { name: "" }),
      precedence: group?.precedence === null || group?.precedence === undefined ? "" : String(group.precedence),
      roleArn: group?.roleArn ?? "",
      description: group?.description ?? "",
    },
    messages: MESSAGES,
    submit: async (values) => {
      if (group) {
        await adminApi("PATCH", `/pools/${enc(poolId)}/groups/${enc(group.name)}`, values);
        toast.success(`Group ${group.name} saved.`);
      } else {
        await adminApi("POST", `/pools/${enc(poolId)}/groups`, values);
        toast.success(`Group ${values.name} created.`);
      }
      onClose();
      router.refresh();
    },
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      title={group ? `Edit group ${group.name}` : "Create group"}
      description={
        group ? "The name cannot change. Members keep their membership." : "Users in the group get its name in the cognito:groups claim of their tokens."
      }
      formProps={{ onSubmit: (event) => void onSubmit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel={group ? "Save changes" : "Create group"} />}
    >
      <FormAlert message={formError} />
      <div className="space-y-5">
        {group ? null : (
          <Field label="Name" error={errorOf("name")} required hint="Letters, digits and symbols; up to 128 characters. It cannot be changed later.">
            {(p) => <Input {...p} {...register("name")} maxLength={128} autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="e.g. editors" />}
          </Field>
        )}
        <Field
          label="Precedence"
          optional
          error={errorOf("precedence")}
          hint="A whole number, 0 or more. When a user is in several groups, the one with the lowest number decides the IAM role."
        >
          {(p) => <Input {...p} {...register("precedence")} inputMode="numeric" className="sm:max-w-40" autoComplete="off" />}
        </Field>
        <Field label="IAM role ARN" optional error={errorOf("roleArn")} hint="Sent as cognito:roles and cognito:preferred_role in the ID token.">
          {(p) => (
            <Input
              {...p}
              {...register("roleArn")}
              className="font-mono"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              placeholder="arn:aws:iam::123456789012:role/Editors"
            />
          )}
        </Field>
        <Field label="Description" optional error={errorOf("description")}>
          {(p) => <Textarea {...p} {...register("description")} maxLength={2048} rows={3} />}
        </Field>
      </div>
    </Dialog>
  );
}
