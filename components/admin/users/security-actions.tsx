"use client";
// The body of the Security card of a user's page: the password's state with Reset password, failed
// attempts and lockout (second factors: second-factors.tsx and the cards beside it).
import { useState, type ReactNode } from "react";
import { ResetPasswordDialog } from "@/components/admin/users/reset-password-dialog.tsx";
import type { UserRef } from "@/components/admin/users/user-ref.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";

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

