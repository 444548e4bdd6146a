"use client";
// The Security card's recovery codes (beyond Cognito): how many the user has left, and clearing
// them when the paper they were on is lost. The codes themselves are never shown: only their
// hashes are stored, and the user sees a new set when they set up MFA again.
import { useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";

/** `remaining` of the `total` codes a set has (lib/mfa/recovery-codes.ts, read on the server). */
export function RecoveryCodesActions({ poolId, username, displayName, remaining, total }: { poolId: string; username: string; displayName: string; remaining: number; total: number }) {
  const { run, pending } = useAdminAction();
  const [confirming, setConfirming] = useState(false);
  const clear = async () => {
    await run("recovery", () => adminApi("DELETE", `/pools/${enc(poolId)}/users/${enc(username)}/recovery-codes`), "Recovery codes cleared");
    setConfirming(false);
  };
  return (
    <CardBody className="border-t border-zinc-200">
      <dl className="grid grid-cols-1 gap-x-4 sm:grid-cols-[minmax(0,1fr)_auto]">
        <dt className="text-sm font-medium text-zinc-900 sm:col-start-1">Recovery codes</dt>
        <dd className="mt-1 text-sm text-zinc-600 sm:col-start-1">
          {remaining === 0 ? "None" : <Badge tone={remaining <= 3 ? "warning" : "success"}>{remaining} of {total} left</Badge>}
        </dd>
        {remaining > 0 ? (
          <dd className="mt-3 sm:col-start-2 sm:row-span-2 sm:row-start-1 sm:mt-0 sm:self-center">
            <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} loading={pending === "recovery"}>
              Clear codes
            </Button>
          </dd>
        ) : null}
      </dl>
      <ConfirmDialog
        open={confirming}
        title="Clear recovery codes?"
        description={
          <p>
            None of the recovery codes of <span className="font-medium text-zinc-900">{displayName}</span> will sign in any more. They get a new set
            when they set up two-factor authentication again.
          </p>
        }
        confirmLabel="Clear codes"
        tone="danger"
        busy={pending === "recovery"}
        onConfirm={() => void clear()}
        onCancel={() => setConfirming(false)}
      />
    </CardBody>
  );
}
