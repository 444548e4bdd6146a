"use client";
// The "Sign-in security" card's devices (Cognito's AdminListDevices): each with its name, whether
// it is remembered (it may skip MFA where the pool says so), when and from where it last signed
// in, and Forget (AdminForgetDevice, the admin API's DELETE …/devices/{deviceKey}).
import { useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";

/** Dates formatted on the server. */
export type DeviceRow = { deviceKey: string; name: string; remembered: boolean; lastSignIn: string | null; lastIp: string | null };

export function UserDevices({ poolId, username, displayName, devices, skipsMfa }: {
  poolId: string; username: string; displayName: string; devices: DeviceRow[];
  /** The pool lets remembered devices skip MFA. */
  skipsMfa: boolean;
}) {
  const { run, pending } = useAdminAction();
  const [forgetting, setForgetting] = useState<DeviceRow | null>(null);
  const forget = async () => {
    if (!forgetting) return;
    await run("device", () => adminApi("DELETE", `/pools/${enc(poolId)}/users/${enc(username)}/devices/${enc(forgetting.deviceKey)}`), `Device “${forgetting.name}” forgotten`);
    setForgetting(null);
  };
  return (
    <CardBody className="border-t border-zinc-200">
      <p className="text-sm font-medium text-zinc-900">Devices</p>
      {devices.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600">None remembered</p>
      ) : (
        <ul aria-label="Devices" className="mt-2 divide-y divide-zinc-100">
          {devices.map((d) => (
            <li key={d.deviceKey} className="flex items-center justify-between gap-3 py-2.5">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-900">
                  <span className="wrap-anywhere">{d.name}</span>
                  {d.remembered ? <Badge tone={skipsMfa ? "warning" : "neutral"}>{skipsMfa ? "Remembered: skips MFA" : "Remembered"}</Badge> : null}
                </p>
                <p className="text-xs text-zinc-500">
                  {d.lastSignIn ? `Last sign-in ${d.lastSignIn}` : "Never signed in"}
                  {d.lastIp ? ` from ${d.lastIp}` : ""}
                </p>
              </div>
              <Button className="shrink-0" variant="ghost" size="sm" aria-label={`Forget device ${d.name}`} onClick={() => setForgetting(d)} loading={pending === "device" && forgetting?.deviceKey === d.deviceKey}>
                Forget
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={!!forgetting}
        title="Forget this device?"
        description={forgetting ? `“${forgetting.name}” is no longer remembered for ${displayName}${skipsMfa ? ": their next sign-in on it asks for MFA again" : ""}.` : ""}
        confirmLabel="Forget device"
        tone="danger"
        busy={pending === "device"}
        onConfirm={() => void forget()}
        onCancel={() => setForgetting(null)}
      />
    </CardBody>
  );
}
