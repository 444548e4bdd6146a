import Link from "next/link";
import { Users } from "lucide-react";
import { CreateGroupButton } from "@/components/admin/groups/create-group-button.tsx";
import { GroupRowActions } from "@/components/admin/groups/group-row-actions.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { focusRing } from "@/components/ui/cx.ts";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table.tsx";
import { listGroups } from "@/lib/admin/groups.ts";
import { ADMINS_GROUP, SYSTEM_POOL_ID } from "@/lib/admin/system-pool.ts";
import { requireAdmin } from "../../../../require-admin.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Groups" };

export default async function GroupsPage({ params }: { params: Promise<{ poolId: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId } = await params;
  const groups = await listGroups(rt.db, poolId);
  const system = poolId === SYSTEM_POOL_ID;

  return (
    <div className="space-y-6">
      <Card className="overflow-hidden">
        <CardHeader
          title="Groups"
          description={
            <>
              Sort users into groups such as <span className="font-medium text-zinc-700">admins</span> or{" "}
              <span className="font-medium text-zinc-700">beta-testers</span>. Apps read them from the{" "}
              <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">cognito:groups</code> claim.
            </>
          }
          actions={groups.length > 0 ? <CreateGroupButton poolId={poolId} /> : null}
        />
        <CardBody flush>
          {groups.length === 0 ? (
            <EmptyState
              icon={<Users aria-hidden="true" />}
              title="No groups yet"
              description={
                <>
                  Groups collect users who share a role. A user&apos;s groups appear in their ID and access tokens as{" "}
                  <code className="font-mono text-xs text-zinc-700">cognito:groups</code>, ordered by precedence, and the group with the
                  lowest precedence picks the IAM role.
                </>
              }
              action={<CreateGroupButton poolId={poolId} />}
            />
          ) : (
            <Table label="Groups" containerClassName="relative">
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th align="right">Precedence</Th>
                  <Th>IAM role ARN</Th>
                  <Th>Description</Th>
                  <Th align="right">Members</Th>
                  <Th align="right">
                    <span className="sr-only">Actions</span>
                  </Th>
                </Tr>
              </THead>
              <TBody>
                {groups.map((group) => (
                  <Tr key={group.name}>
                    <Td className="font-medium text-zinc-900">{group.name}</Td>
                    <Td align="right" className="tabular-nums">
                      {group.precedence ?? <NotSet label="No precedence" />}
                    </Td>
                    <Td>
                      {group.roleArn ? (
                        <span className="inline-flex items-center gap-1">
                          <span className="block max-w-48 truncate font-mono text-xs text-zinc-700 sm:max-w-64" title={group.roleArn}>
                            {group.roleArn}
                          </span>
                          <CopyButton value={group.roleArn} label={`Copy the IAM role ARN of ${group.name}`} />
                        </span>
                      ) : (
                        <NotSet label="No IAM role" />
                      )}
                    </Td>
                    <Td wrap className="max-w-md text-zinc-600">
                      {group.description ? <span className="line-clamp-2" title={group.description}>{group.description}</span> : <NotSet label="No description" />}
                    </Td>
                    <Td align="right" className="tabular-nums">
                      {group.members > 0 ? (
                        <Link
                          href={`/admin/pools/${encodeURIComponent(poolId)}/users?group=${encodeURIComponent(group.name)}`}
                          title={`Show the members of ${group.name} in Users`}
                          className={`rounded-sm font-medium text-indigo-600 underline-offset-2 hover:text-indigo-500 hover:underline ${focusRing}`}
                        >
                          {group.members}
                          <span className="sr-only"> {group.members === 1 ? "member" : "members"}, show in Users</span>
                        </Link>
                      ) : (
                        <>
                          0<span className="sr-only"> members</span>
                        </>
                      )}
                    </Td>
                    <Td align="right" className="py-2">
                      <GroupRowActions
                        poolId={poolId}
                        group={{ name: group.name, precedence: group.precedence, description: group.description, roleArn: group.roleArn, members: group.members }}
                        protectedGroup={system && group.name === ADMINS_GROUP}
                      />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </CardBody>
      </Card>
    </div>
  );
}

function NotSet({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-zinc-400">
        —
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
}
