"use client";
// The "Sign-in security" card's second factors: which of the authenticator app, SMS codes and
// email codes the user has on, the preferred one, turning SMS or email codes off (the admin API's
// AdminSetUserMFAPreference), and "Reset MFA", which leaves the user no second factor at all
// (lib/admin/users/user-factors.ts resetUserMfa). Passkeys stay: the confirmation says so.
import { useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";

export type FactorView = { factor: "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP"; offered: boolean; enabled: boolean; ready: boolean };

const LABEL: Record<FactorView["factor"], string> = { SOFTWARE_TOKEN_MFA: "Authenticator app", SMS_MFA: "SMS codes", EMAIL_OTP: "Email codes" };
const NOT_READY: Record<FactorView["factor"], string> = {
  SOFTWARE_TOKEN_MFA: "Not set up",
  SMS_MFA: "Off (needs a verified phone number)",
  EMAIL_OTP: "Off (needs a verified email)",
};

type Props = {
  poolId: string; username: string; displayName: string;
  /** The pool's MFA setting: OFF, OPTIONAL or ON. */
  mfa: string;
  factors: FactorView[];
  preferred: FactorView["factor"] | null;
  /** Anything a reset would remove besides the factors: recovery codes left, devices. */
  recoveryCodes: number; devices: number; passkeys: number;
};

export function SecondFactors({ poolId, username, displayName, mfa, factors, preferred, recoveryCodes, devices, passkeys }: Props) {
  const { run, pending } = useAdminAction();
  const [resetting, setResetting] = useState(false);
  const [turningOff, setTurningOff] = useState<FactorView | null>(null);
  const path = `/pools/${enc(poolId)}/users/${enc(username)}`;
  const enabled = factors.filter((f) => f.enabled);
  const anything = enabled.length > 0 || recoveryCodes > 0 || devices > 0 || factors.some((f) => f.factor === "SOFTWARE_TOKEN_MFA" && f.ready);

  const reset = async () => {
    await run("reset", () => adminApi("POST", `${path}/mfa/reset`), "MFA reset: no second factor is left");
    setResetting(false);
  };
  const turnOff = async () => {
    if (!turningOff) return;
    const label = LABEL[turningOff.factor];
    await run("off", () => adminApi("PUT", `${path}/mfa`, { [turningOff.factor]: { enabled: false } }), `${label} turned off`);
    setTurningOff(null);
  };

  return (
    <CardBody>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium text-zinc-900">Second factors</p>
          <p className="mt-1 text-sm text-zinc-600">
            {mfa === "OFF" ? "The pool does not ask for MFA." : mfa === "ON" ? "The pool requires MFA." : "MFA is optional in this pool."}
          </p>
        </div>
        {anything ? (
          <Button variant="secondary" size="sm" onClick={() => setResetting(true)} loading={pending === "reset"}>
            Reset MFA
          </Button>
        ) : null}
      </div>
      <ul aria-label="Second factors" className="mt-3 divide-y divide-zinc-100 rounded-md border border-zinc-200">
        {factors.map((f) => (
          <li key={f.factor} className="flex min-h-12 flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2">
            <span className="text-sm text-zinc-900">{LABEL[f.factor]}</span>
            <span className="flex flex-wrap items-center gap-2">
              {!f.offered ? (
                <span className="text-sm text-zinc-500">Not offered by the pool</span>
              ) : f.enabled ? (
                <>
                  <Badge tone="success" dot>On</Badge>
                  {preferred === f.factor ? <Badge tone="info">Preferred</Badge> : null}
                  {f.factor !== "SOFTWARE_TOKEN_MFA" ? (
                    <Button variant="ghost" size="sm" aria-label={`Turn off ${LABEL[f.factor]}`} onClick={() => setTurningOff(f)} loading={pending === "off" && turningOff?.factor === f.factor}>
                      Turn off
                    </Button>
                  ) : null}
                </>
              ) : (
                <span className="text-sm text-zinc-500">{f.ready ? "Off" : NOT_READY[f.factor]}</span>
              )}
            </span>
          </li>
        ))}
      </ul>

      <ConfirmDialog
        open={resetting}
        title="Reset MFA?"
        description={
          <>
            <p>
              <span className="font-medium text-zinc-900">{displayName}</span> is left with no second factor. Use it when they lost their device or
              their codes.
            </p>
            <ul className="list-disc space-y-1 pl-5">
              <li>The authenticator app is removed.</li>
              <li>SMS and email codes are turned off, and no method is preferred.</li>
              <li>Their recovery codes are deleted.</li>
              <li>Every remembered device is forgotten, so none skips MFA.</li>
            </ul>
            <p>
              {passkeys > 0
                ? `Their ${passkeys === 1 ? "passkey stays" : `${passkeys} passkeys stay`}: a passkey is also a way to sign in. Delete it below if it was lost too.`
                : "Passkeys would stay (a passkey is also a way to sign in); they have none."}
            </p>
            {mfa === "ON" ? <p>The pool requires MFA, so they set up a second factor at their next sign-in.</p> : null}
          </>
        }
        confirmLabel="Reset MFA"
        tone="danger"
        busy={pending === "reset"}
        onConfirm={() => void reset()}
        onCancel={() => setResetting(false)}
      />
      <ConfirmDialog
        open={!!turningOff}
        title={turningOff ? `Turn off ${LABEL[turningOff.factor].toLowerCase()}?` : ""}
        description={turningOff ? `${displayName} will no longer be sent ${turningOff.factor === "SMS_MFA" ? "codes by SMS" : "codes by email"} as a second factor. They can turn it on again themselves.` : ""}
        confirmLabel="Turn off"
        busy={pending === "off"}
        onConfirm={() => void turnOff()}
        onCancel={() => setTurningOff(null)}
      />
    </CardBody>
  );
}
