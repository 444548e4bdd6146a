"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";
import { useToast } from "@/components/ui/toast.tsx";
import { adminApi, useAdminAction } from "../use-admin-api.ts";

type Counts = { users: number; clients: number; groups: number; resourceServers: number };

function plural(n: number, one: string) {
  return `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;
}

export function PoolDangerZone({ poolId, name, counts, system }: { poolId: string; name: string; counts: Counts; system: boolean }) {
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  const [busy, setBusy] = useState(false);
  const { run, pending } = useAdminAction();
  const router = useRouter();
  const toast = useToast();
  return (
    <>
      <Card>
        <CardHeader title="Export and keys" />
        <CardBody className="space-y-4">
          <Row title="Export" text="Download the pool as a config file (JSON): settings, groups, clients, resource servers and users, without secrets or passwords. Import it here or use it as GATEHOUSE_CONFIG.">
            <ButtonLink native variant="secondary" href={`/api/admin/pools/${poolId}/export`} download={`${poolId}.json`}>Export</ButtonLink>
          </Row>
          <Row title="Rotate signing key" text="Tokens are signed with a new key from now on. The old key stays in the JWKS until every token it signed has expired, so nobody is signed out.">
            <Button variant="secondary" loading={pending === "rotate"} onClick={() => setConfirm("rotate")}>Rotate key</Button>
          </Row>
        </CardBody>
      </Card>
      {system ? null : (
        <Card className="border-red-200">
          <CardHeader title="Danger zone" />
          <CardBody>
            <Row title="Delete this pool" text={`Deletes ${plural(counts.users, "user")}, ${plural(counts.clients, "app client")}, ${plural(counts.groups, "group")} and ${plural(counts.resourceServers, "resource server")}, its keys and every session. Apps using it stop working.`}>
              <Button variant="danger" onClick={() => setConfirm("delete")}>Delete pool</Button>
            </Row>
          </CardBody>
        </Card>
      )}
      <ConfirmDialog
        open={confirm === "rotate"}
        title="Rotate the signing key?"
        description="New tokens are signed with a new key. Apps that cache the JWKS pick it up when they see its key id."
        confirmLabel="Rotate key"
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          setConfirm(null);
          await run("rotate", () => adminApi<{ kid: string }>("POST", `/pools/${poolId}/signing-keys/rotate`), (r) => `New signing key ${r.kid}`);
        }}
      />
      <ConfirmDialog
        open={confirm === "delete"}
        tone="danger"
        busy={busy}
        title={`Delete ${name}?`}
        description={
          <>
            This deletes <strong>{plural(counts.users, "user")}</strong>, <strong>{plural(counts.clients, "app client")}</strong>, {plural(counts.groups, "group")} and {plural(counts.resourceServers, "resource server")}. It cannot be undone.
          </>
        }
        confirmText={poolId}
        confirmLabel="Delete pool"
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          setBusy(true);
          try {
            await adminApi("DELETE", `/pools/${poolId}`);
            toast.success(`Deleted ${name}`);
            router.push("/admin");
          } catch (error) {
            toast.error((error as Error).message);
            setBusy(false);
            setConfirm(null);
          }
        }}
      />
    </>
  );
}

function Row({ title, text, children }: { title: string; text: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="max-w-2xl">
        <h3 className="font-medium text-zinc-900">{title}</h3>
        <p className="mt-0.5 text-zinc-600">{text}</p>
      </div>
      <div className="shrink-0">{children}</div>
    </div>
  );
}
