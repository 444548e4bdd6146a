"use client";
// The body of the Groups card of a user's page: a checkbox per group of the pool, and Save. The
// form checks the admin API's own body schema (lib/admin/users/user-bodies.ts).
import Link from "next/link";
import { useId } from "react";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import { adminApi, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { userPath, type UserRef } from "@/components/admin/users/user-ref.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody, CardFooter } from "@/components/ui/card.tsx";
import { Checkbox } from "@/components/ui/field.tsx";
import { SetGroupsBodySchema } from "@/lib/admin/users/user-bodies.ts";

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
  const { run } = useAdminAction();
  const legendId = useId();
  const { form, onSubmit, busy } = useApiForm({
    schema: SetGroupsBodySchema,
    defaultValues: { groups: selected },
    submit: async (values) => {
      const groupsInPoolOrder = groups.map((g) => g.name).filter((name) => values.groups.includes(name));
      await run("groups", () => adminApi("PUT", `${userPath(user)}/groups`, { groups: groupsInPoolOrder }), "Groups saved");
    },
  });
  const chosen = form.watch("groups");
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

  return (
    <form onSubmit={(event) => void onSubmit(event)}>
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
                disabled={busy}
                onChange={(event) =>
                  form.setValue("groups", event.target.checked ? [...chosen, group.name] : chosen.filter((g) => g !== group.name))
                }
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
            <Button variant="ghost" size="sm" onClick={() => form.reset({ groups: selected })} disabled={busy}>
              Discard
            </Button>
          ) : null}
          <Button type="submit" size="sm" loading={busy} disabled={!dirty}>
            Save groups
          </Button>
        </div>
      </CardFooter>
    </form>
  );
}
