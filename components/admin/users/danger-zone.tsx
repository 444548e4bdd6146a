"use client";
// The body of the Danger zone card of a user's page: disable or enable the user, and delete them.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminApi, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { userPath, type UserRef } from "@/components/admin/users/user-ref.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";
import { useToast } from "@/components/ui/toast.tsx";

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

