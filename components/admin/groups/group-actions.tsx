"use client";
// The Groups tab's interactive parts: the "Create group" button and each row's Members, Edit and
// Delete actions, each with its dialog. The table itself is rendered on the server.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { AdminApiError, adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { PlusIcon } from "@/components/ui/icons.tsx";
import { FormAlert, FormDialogFooter } from "@/components/ui/form-dialog.tsx";
import { Button, type ButtonVariant } from "@/components/ui/button.tsx";
import { cx, focusRing } from "@/components/ui/cx.ts";
import { ConfirmDialog, Dialog, useDialogSession } from "@/components/ui/dialog.tsx";
import { Field, Input, Textarea } from "@/components/ui/field.tsx";
import { Spinner } from "@/components/ui/spinner.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { consoleUserKey } from "@/lib/users/username-rules.ts";

export type GroupRow = {
  name: string;
  precedence: number | null;
  description: string;
  roleArn: string | null;
  members: number;
};

type GroupField = "name" | "precedence" | "roleArn" | "description";
type GroupErrors = Partial<Record<GroupField, string>>;

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;
const FIELDS: readonly GroupField[] = ["name", "precedence", "roleArn", "description"];

/** "body.roleArn: must be an IAM role ARN" → "Must be an IAM role ARN" (the field shows where). */
function fieldMessage(message: string): string {
  const text = message.replace(/^(?:body\.)?[\w.]+: /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Values = { name: string; precedence: string; roleArn: string; description: string };

function validate(values: Values, creating: boolean): GroupErrors {
  const errors: GroupErrors = {};
  if (creating) {
    if (!values.name.trim()) errors.name = "Enter a name.";
    else if (values.name.trim().length > 128) errors.name = "Use at most 128 characters.";
  }
  const precedence = values.precedence.trim();
  if (precedence && !/^\d+$/.test(precedence)) errors.precedence = "Enter a whole number, 0 or more, or leave it empty.";
  const arn = values.roleArn.trim();
  if (arn && !ROLE_ARN.test(arn)) errors.roleArn = "Enter an IAM role ARN such as arn:aws:iam::123456789012:role/Admins, or leave it empty.";
  if (values.description.length > 2048) errors.description = "Use at most 2,048 characters.";
  return errors;
}

/** Focuses the first invalid control of a form, so its error is read out. */
function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

type GroupDialogProps = {
  open: boolean;
  onClose: () => void;
  poolId: string;
  /** The group to edit; omitted to create one. */
  group?: GroupRow;
};

function GroupDialog({ open, onClose, poolId, group }: GroupDialogProps) {
  const creating = !group;
  const router = useRouter();
  const toast = useToast();
  // The parent remounts this component (with a new key) on every opening, so it starts fresh.
  const [values, setValues] = useState<Values>(() => ({
    name: group?.name ?? "",
    precedence: group?.precedence === null || group?.precedence === undefined ? "" : String(group.precedence),
    roleArn: group?.roleArn ?? "",
    description: group?.description ?? "",
  }));
  const [errors, setErrors] = useState<GroupErrors>({});
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (key: keyof Values) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [key]: event.target.value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    const found = validate(values, creating);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstError(formRef.current);

    setFormError(null);
    const precedence = values.precedence.trim() === "" ? null : Number(values.precedence.trim());
    const roleArn = values.roleArn.trim() || null;
    const description = values.description.trim();
    setBusy(true);
    try {
      if (creating) {
        const name = values.name.trim();
        await adminApi("POST", `/pools/${enc(poolId)}/groups`, { name, precedence, description, roleArn });
        toast.success(`Group ${name} created.`);
      } else {
        await adminApi("PATCH", `/pools/${enc(poolId)}/groups/${enc(group.name)}`, { precedence, description, roleArn });
        toast.success(`Group ${group.name} saved.`);
      }
      onClose();
      router.refresh();
    } catch (error) {
      const field = error instanceof AdminApiError ? error.field : undefined;
      const message = error instanceof Error ? error.message : "Something went wrong.";
      if (field && (FIELDS as readonly string[]).includes(field) && (creating || field !== "name")) {
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
      title={creating ? "Create group" : `Edit group ${group.name}`}
      description={
        creating
          ? "Users in the group get its name in the cognito:groups claim of their tokens."
          : "The name cannot change. Members keep their membership."
      }
      formProps={{ onSubmit: (event) => void submit(event), noValidate: true }}
      footer={<FormDialogFooter busy={busy} onCancel={onClose} submitLabel={creating ? "Create group" : "Save changes"} />}
    >
      <FormAlert message={formError} />
      <div className="space-y-5">
        {creating ? (
          <Field label="Name" error={errors.name} required hint="Letters, digits and symbols; up to 128 characters. It cannot be changed later.">
            {(p) => (
              <Input
                {...p}
                name="name"
                value={values.name}
                onChange={set("name")}
                maxLength={128}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="e.g. editors"
              />
            )}
          </Field>
        ) : null}
        <Field
          label="Precedence"
          optional
          error={errors.precedence}
          hint="A whole number, 0 or more. When a user is in several groups, the one with the lowest number decides the IAM role."
        >
          {(p) => (
            <Input {...p} name="precedence" inputMode="numeric" value={values.precedence} onChange={set("precedence")} className="sm:max-w-40" autoComplete="off" />
          )}
        </Field>
        <Field label="IAM role ARN" optional error={errors.roleArn} hint="Sent as cognito:roles and cognito:preferred_role in the ID token.">
          {(p) => (
            <Input
              {...p}
              name="roleArn"
              value={values.roleArn}
              onChange={set("roleArn")}
              className="font-mono"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              placeholder="arn:aws:iam::123456789012:role/Editors"
            />
          )}
        </Field>
        <Field label="Description" optional error={errors.description}>
          {(p) => <Textarea {...p} name="description" value={values.description} onChange={set("description")} maxLength={2048} rows={3} />}
        </Field>
      </div>
    </Dialog>
  );
}

/** The "Create group" button and its dialog. */
export function CreateGroupButton({ poolId, variant = "primary" }: { poolId: string; variant?: ButtonVariant }) {
  // A new session at every opening, so the form starts empty.
  const { open, session, show, close } = useDialogSession();
  return (
    <>
      <Button
        variant={variant}
        size="sm"
        onClick={show}
      >
        <PlusIcon />
        Create group
      </Button>
      <GroupDialog key={session} open={open} onClose={close} poolId={poolId} />
    </>
  );
}

type GroupRowActionsProps = {
  poolId: string;
  group: GroupRow;
  /** The console pool's admins group: it cannot be deleted. */
  protectedGroup?: boolean;
};

/** Members, Edit and Delete for one row of the groups table. */
export function GroupRowActions({ poolId, group, protectedGroup = false }: GroupRowActionsProps) {
  const [dialog, setDialog] = useState<"members" | "edit" | "delete" | null>(null);
  const [session, setSession] = useState(0);
  const close = useCallback(() => setDialog(null), []);
  const { run, pending } = useAdminAction();

  // The dialog closes whatever the outcome, so the toast saying it is not hidden behind it.
  const remove = () =>
    run("delete", async () => {
      try {
        await adminApi("DELETE", `/pools/${enc(poolId)}/groups/${enc(group.name)}`);
      } finally {
        setDialog(null);
      }
    }, `Group ${group.name} deleted.`);

  return (
    <div className="flex items-center justify-end gap-1">
      <Button variant="ghost" size="sm" aria-label={`Members of ${group.name}`} onClick={() => setDialog("members")}>
        Members
      </Button>
      <Button
        variant="ghost"
        size="sm"
        aria-label={`Edit ${group.name}`}
        onClick={() => {
          setSession((n) => n + 1);
          setDialog("edit");
        }}
      >
        Edit
      </Button>
      {protectedGroup ? (
        <span className="inline-flex h-8 items-center px-2" title="The console's admins group cannot be deleted.">
          <Badge tone="neutral">
            <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-3">
              <path
                fillRule="evenodd"
                d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7A1.5 1.5 0 0 0 3 8.5v5A1.5 1.5 0 0 0 4.5 15h7a1.5 1.5 0 0 0 1.5-1.5v-5A1.5 1.5 0 0 0 11.5 7V4.5A3.5 3.5 0 0 0 8 1Zm2 6V4.5a2 2 0 1 0-4 0V7h4Z"
                clipRule="evenodd"
              />
            </svg>
            Protected
            <span className="sr-only">: the console&apos;s admins group cannot be deleted</span>
          </Badge>
        </span>
      ) : (
        <Button variant="danger-ghost" size="sm" aria-label={`Delete ${group.name}`} onClick={() => setDialog("delete")}>
          Delete
        </Button>
      )}

      <GroupDialog key={session} open={dialog === "edit"} onClose={close} poolId={poolId} group={group} />
      <MembersDialog open={dialog === "members"} onClose={close} poolId={poolId} group={group} />
      {protectedGroup ? null : (
        <ConfirmDialog
          open={dialog === "delete"}
          tone="danger"
          title={`Delete group ${group.name}?`}
          description={
            <>
              <p>
                {group.members === 0
                  ? "The group has no members."
                  : `Its ${group.members === 1 ? "member stays" : `${group.members} members stay`} in the pool, without the group.`}{" "}
                Tokens issued from now on no longer list it in cognito:groups; tokens already issued keep it until they expire.
              </p>
            </>
          }
          confirmLabel="Delete group"
          busy={pending === "delete"}
          onConfirm={() => void remove()}
          onCancel={close}
        />
      )}
    </div>
  );
}


type Member = { sub: string; username: string; email: string | null; enabled: boolean };

/** Lists a group's members, with Remove for each and a field to add one by username. */
function MembersDialog({ open, onClose, poolId, group }: { open: boolean; onClose: () => void; poolId: string; group: GroupRow }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={`Members of ${group.name}`}
      description="Changes apply to tokens issued from now on."
      footer={
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <MembersPanel poolId={poolId} group={group.name} />
    </Dialog>
  );
}

function MembersPanel({ poolId, group }: { poolId: string; group: string }) {
  const router = useRouter();
  const base = `/pools/${enc(poolId)}/groups/${enc(group)}/members`;
  const [members, setMembers] = useState<Member[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [username, setUsername] = useState("");
  const [addError, setAddError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<string | null>(null);
  // Said inside the dialog: toasts sit behind a modal dialog.
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const load = useCallback(
    async (cursor?: string) => {
      const query = new URLSearchParams({ limit: "50", ...(cursor ? { cursor } : {}) });
      const page = await adminApi<{ users: Member[]; nextCursor: string | null }>("GET", `${base}?${query}`);
      setMembers((list) => (cursor && list ? [...list, ...page.users] : page.users));
      setNextCursor(page.nextCursor);
      setLoadError(null);
    },
    [base],
  );

  useEffect(() => {
    load().catch((error: unknown) => setLoadError(error instanceof Error ? error.message : "The members could not be loaded."));
  }, [load]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      await load(nextCursor);
    } catch (error) {
      setNotice({ tone: "error", text: error instanceof Error ? error.message : "The members could not be loaded." });
    } finally {
      setLoadingMore(false);
    }
  };

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const name = username.trim();
    if (!name) {
      setAddError("Enter a username or an email address.");
      inputRef.current?.focus();
      return;
    }
    setPending("add");
    try {
      let target = name;
      // An email address: find the user it belongs to (usernames may be generated ids).
      if (name.includes("@")) {
        const query = new URLSearchParams({ q: name, field: "email", match: "exact", limit: "1" });
        const found = await adminApi<{ users: Member[] }>("GET", `/pools/${enc(poolId)}/users?${query}`);
        const user = found.users[0];
        if (!user) throw new Error(`No user has the email address ${name}.`);
        target = user.username;
      }
      await adminApi("PUT", `${base}/${enc(target)}`);
      setNotice({ tone: "success", text: `${name} added to ${group}.` });
      setUsername("");
      setAddError(undefined);
      await load();
      router.refresh();
    } catch (error) {
      setAddError(error instanceof Error ? error.message : "The user could not be added.");
      inputRef.current?.focus();
    } finally {
      setPending(null);
    }
  };

  const remove = async (member: Member) => {
    setNotice(null);
    setPending(member.sub);
    try {
      await adminApi("DELETE", `${base}/${enc(member.username)}`);
      setNotice({ tone: "success", text: `${member.username} removed from ${group}.` });
      setMembers((list) => list?.filter((m) => m.sub !== member.sub) ?? null);
      router.refresh();
      inputRef.current?.focus();
    } catch (error) {
      setNotice({ tone: "error", text: error instanceof Error ? error.message : "The user could not be removed." });
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="space-y-5">
      <div role="status" className={notice?.tone === "success" ? undefined : "sr-only"}>
        {notice?.tone === "success" ? (
          <p className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-600/20">{notice.text}</p>
        ) : null}
      </div>
      <div role="alert" className={notice?.tone === "error" ? undefined : "sr-only"}>
        {notice?.tone === "error" ? (
          <p className="rounded-lg bg-red-50 p-3 text-sm text-red-700 ring-1 ring-inset ring-red-600/20">{notice.text}</p>
        ) : null}
      </div>
      <form onSubmit={(event) => void add(event)} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Field label="Add a user" hint="Their username, email address or sub." error={addError} className="min-w-0 flex-1">
          {(p) => (
            <Input
              {...p}
              ref={inputRef}
              name="username"
              value={username}
              onChange={(event) => {
                setUsername(event.target.value);
                setAddError(undefined);
              }}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary" loading={pending === "add"} className="sm:mt-[1.625rem]">
          Add to group
        </Button>
      </form>

      <div>
        <h3 id={listId} className="mb-2 text-sm font-medium text-zinc-900">
          Current members
        </h3>
        {loadError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-700 ring-1 ring-inset ring-red-600/20">
            {loadError}
          </p>
        ) : members === null ? (
          <p role="status" className="flex items-center gap-2 py-4 text-sm text-zinc-500">
            <Spinner />
            Loading members…
          </p>
        ) : members.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500">No members yet.</p>
        ) : (
          <ul aria-labelledby={listId} className="max-h-80 divide-y divide-zinc-200 overflow-y-auto rounded-lg border border-zinc-200">
            {members.map((member) => (
              <li key={member.sub} className="flex items-center justify-between gap-3 px-3 py-2.5">
                <div className="min-w-0">
                  <p className="truncate font-medium text-zinc-900">
                    <Link
                      href={`/admin/pools/${enc(poolId)}/users/${enc(consoleUserKey(member))}`}
                      className={cx("rounded-sm underline-offset-2 hover:text-indigo-600 hover:underline", focusRing)}
                    >
                      {member.username}
                    </Link>
                    {member.enabled ? null : (
                      <Badge tone="neutral" className="ml-2 align-middle">
                        Disabled
                      </Badge>
                    )}
                  </p>
                  {member.email && member.email !== member.username ? <p className="truncate text-xs text-zinc-500">{member.email}</p> : null}
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove ${member.username} from ${group}`}
                  loading={pending === member.sub}
                  disabled={pending !== null && pending !== member.sub}
                  onClick={() => void remove(member)}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        {nextCursor && !loadError ? (
          <div className="mt-3">
            <Button variant="secondary" size="sm" loading={loadingMore} onClick={() => void loadMore()}>
              Load more
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
