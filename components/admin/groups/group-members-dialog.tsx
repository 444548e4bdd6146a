"use client";
// A group's Members dialog: its members, with Remove for each and a field to add one by username,
// email address or sub.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useState } from "react";
import { z } from "zod";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import type { GroupRow } from "@/components/admin/groups/group-row.ts";
import { adminApi, enc } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { cx, focusRing } from "@/components/ui/cx.ts";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field, Input } from "@/components/ui/field.tsx";
import { Spinner } from "@/components/ui/spinner.tsx";
import { UserKeySchema } from "@/lib/admin/users/user-bodies.ts";
import { trimmed } from "@/components/admin/forms/controls.ts";
import { consoleUserKey } from "@/lib/users/username-rules.ts";

/** The user to add, as the members path names them (an email address is looked up first). */
const AddMemberForm = z.object({ username: trimmed(UserKeySchema) });

type Member = { sub: string; username: string; email: string | null; enabled: boolean };

/** Lists a group's members, with Remove for each and a field to add one by username. */
export function GroupMembersDialog({ open, onClose, poolId, group }: { open: boolean; onClose: () => void; poolId: string; group: GroupRow }) {
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
  const [pending, setPending] = useState<string | null>(null);
  // Said inside the dialog: toasts sit behind a modal dialog.
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
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
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads the members: state is set when the request answers, not during the effect
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

  const { form, register, onSubmit, errorOf, busy: adding } = useApiForm({
    schema: AddMemberForm,
    defaultValues: { username: "" },
    messages: { username: "Enter a username or an email address." },
    submit: async ({ username: name }) => {
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
        form.reset({ username: "" });
        await load();
        router.refresh();
      } catch (error) {
        // Every failure is about the user named, so it is said under the field.
        form.setError("username", { type: "server", message: error instanceof Error ? error.message : "The user could not be added." }, { shouldFocus: true });
      }
    },
  });

  const remove = async (member: Member) => {
    setNotice(null);
    setPending(member.sub);
    try {
      await adminApi("DELETE", `${base}/${enc(member.username)}`);
      setNotice({ tone: "success", text: `${member.username} removed from ${group}.` });
      setMembers((list) => list?.filter((m) => m.sub !== member.sub) ?? null);
      router.refresh();
      form.setFocus("username");
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
      <form
        onSubmit={(event) => {
          setNotice(null);
          void onSubmit(event);
        }}
        noValidate className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Field label="Add a user" hint="Their username, email address or sub." error={errorOf("username")} className="min-w-0 flex-1">
          {(p) => <Input {...p} {...register("username")} autoComplete="off" autoCapitalize="none" spellCheck={false} />}
        </Field>
        <Button type="submit" variant="secondary" loading={adding} className="sm:mt-[1.625rem]">
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
                  disabled={(adding || pending !== null) && pending !== member.sub}
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
