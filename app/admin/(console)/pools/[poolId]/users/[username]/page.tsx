// One user of a pool: who they are, their attributes and groups, their sign-in security and
// sessions, and the destructive actions. Rendered on the server; the buttons and forms are the
// client components of components/admin/users/ (user-actions.tsx; the "Sign-in security" card:
// second-factors.tsx, recovery-codes-actions.tsx, user-passkeys.tsx, user-devices.tsx).
import { Avatar } from "@/components/admin/users/avatar.tsx";
import { BackLink } from "@/components/ui/back-link.tsx";
import { notFound } from "next/navigation";
import { LinkedIdentities } from "@/components/admin/users/linked-identities.tsx";
import { RecoveryCodesActions } from "@/components/admin/users/recovery-codes-actions.tsx";
import { SecondFactors } from "@/components/admin/users/second-factors.tsx";
import { UserDevices } from "@/components/admin/users/user-devices.tsx";
import { UserPasskeys } from "@/components/admin/users/user-passkeys.tsx";
import { getUserMfa, listUserDevices, listUserPasskeys } from "@/lib/admin/users/user-factors.ts";
import { AttributesEditor } from "@/components/admin/users/attributes-editor.tsx";
import { DangerZone } from "@/components/admin/users/danger-zone.tsx";
import { GroupsEditor } from "@/components/admin/users/groups-editor.tsx";
import { SecurityActions } from "@/components/admin/users/security-actions.tsx";
import { SessionActions } from "@/components/admin/users/session-actions.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { CopyButton } from "@/components/ui/copy-button.tsx";
import { listGroups } from "@/lib/admin/groups.ts";
import { listUserSessions } from "@/lib/admin/users/list-user-sessions.ts";
import { getUser, type UserDetail } from "@/lib/admin/users/manage-user.ts";
import { isAppError, type ErrorCode } from "@/lib/errors.ts";
import { ATTRIBUTE_LABELS, STANDARD_ATTRIBUTES, isStandardAttribute } from "@/lib/pools/attributes.ts";
import { passwordRules } from "@/lib/pools/password-policy.ts";
import { getPool, usernameIsChosen, type Pool } from "@/lib/pools/pool.ts";
import { requireAdmin } from "../../../../../require-admin.ts";
import { consoleUserKey } from "@/lib/users/username-rules.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "User" };

/** A `.catch` that turns the given "does not exist" error into the 404 page. */
function notFoundOn(code: ErrorCode) {
  return (error: unknown): never => {
    if (isAppError(error) && error.code === code) notFound();
    throw error;
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function UserPage({ params }: { params: Promise<{ poolId: string; username: string }> }) {
  const { rt } = await requireAdmin();
  const { poolId, username: segment } = await params;
  const username = decodeSegment(segment);
  const db = rt.db;
  const [pool, user, groups, { sessions, refreshTokens }] = await Promise.all([
    getPool(db, poolId).catch(notFoundOn("ResourceNotFoundException")),
    getUser(db, poolId, username).catch(notFoundOn("UserNotFoundException")),
    listGroups(db, poolId),
    listUserSessions(db, { poolId, username }).catch(notFoundOn("UserNotFoundException")),
  ]);

  const [factors, { passkeys }, { devices }] = await Promise.all([
    getUserMfa(db, { pool, username }), listUserPasskeys(db, { poolId, username }), listUserDevices(db, { poolId, username }),
  ]);

  const base = `/admin/pools/${encodeURIComponent(pool.id)}`;
  const usersHref = `${base}/users`;
  const name = displayName(pool, user);
  const ref = { poolId: pool.id, username: consoleUserKey(user), displayName: name };
  const status = STATUS[user.status] ?? { label: user.status, tone: "neutral" as const };
  const attributes = attributeRows(user.attributes);
  const expires = user.temporaryPasswordExpiresAt;
  const temporaryPassword = expires ? { expires: dateTime(expires), expired: new Date(expires) <= new Date() } : null;

  return (
    <div className="space-y-6">
      <BackLink href={usersHref}>All users</BackLink>

      <div className="flex min-w-0 items-start gap-4">
        <Avatar name={name} muted={!user.enabled} size="lg" />
        <div className="min-w-0">
          <h2 className="text-lg font-semibold wrap-anywhere text-zinc-900 sm:text-xl">{name}</h2>
          <div className="mt-1.5 flex flex-wrap items-center gap-2">
            {!user.enabled ? (
              <Badge tone="danger" dot>
                Disabled
              </Badge>
            ) : (
              <Badge tone="success" dot>
                Enabled
              </Badge>
            )}
            <Badge tone={status.tone}>{status.label}</Badge>
            {factors.enabled.length > 0 ? <Badge tone="info">MFA on</Badge> : null}
            {user.lockedUntil ? <Badge tone="warning">Locked out</Badge> : null}
            {temporaryPassword?.expired ? <Badge tone="warning">Temporary password expired</Badge> : null}
          </div>
          <div className="mt-2.5 flex flex-wrap items-center gap-x-5 gap-y-1 text-sm text-zinc-500">
            <span className="inline-flex min-w-0 items-center gap-1.5">
              <span>Sub</span>
              <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs break-all text-zinc-700">{user.sub}</code>
              <CopyButton value={user.sub} label="Copy sub" />
            </span>
            <span>
              Created{" "}
              <time dateTime={user.createdAt} title={dateTime(user.createdAt)}>
                {shortDate(user.createdAt)}
              </time>
            </span>
            <span>
              Updated{" "}
              <time dateTime={user.updatedAt} title={dateTime(user.updatedAt)}>
                {shortDate(user.updatedAt)}
              </time>
            </span>
          </div>
        </div>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="min-w-0 space-y-6 lg:col-span-3">
          <Card>
            <CardHeader
              title="Attributes"
              description="Profile data, sent to apps in ID tokens and from userInfo."
              actions={
                <AttributesEditor
                  {...ref}
                  attributes={user.attributes}
                  requiredAttributes={pool.requiredAttributes}
                  customAttributes={pool.customAttributes}
                />
              }
            />
            <CardBody flush className="px-4 py-2 sm:px-6">
              <dl className="divide-y divide-zinc-100">
                {attributes.map((row) => (
                  <div key={row.name} className="grid grid-cols-1 gap-1 py-3 sm:grid-cols-3 sm:gap-4">
                    <dt>
                      <span className="block text-sm font-medium text-zinc-900">{row.label}</span>
                      {row.label.toLowerCase() !== row.name ? <span className="block font-mono text-xs text-zinc-500">{row.name}</span> : null}
                    </dt>
                    <dd className="flex min-w-0 flex-wrap items-center gap-2 text-sm text-zinc-700 sm:col-span-2">
                      <span className={row.name === "sub" ? "font-mono text-xs wrap-anywhere" : "wrap-anywhere"}>{row.value}</span>
                      {row.verified === undefined ? null : row.verified ? (
                        <Badge tone="success">Verified</Badge>
                      ) : (
                        <Badge tone="neutral" className="text-zinc-500">
                          Unverified
                        </Badge>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </CardBody>
          </Card>

          <Card>
            <CardHeader
              title="Groups"
              description={
                <>
                  Listed in the user&apos;s tokens as{" "}
                  <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">cognito:groups</code>.
                </>
              }
            />
            <GroupsEditor
              key={user.groups.join("\n")}
              {...ref}
              groups={groups.map((g) => ({ name: g.name, description: g.description }))}
              selected={user.groups}
              groupsHref={`${base}/groups`}
            />
          </Card>
        </div>

        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Security" description="Password and lockout." />
            <SecurityActions
              {...ref}
              status={user.status}
              failedAttempts={user.failedAttempts}
              lockedUntil={user.lockedUntil ? dateTime(user.lockedUntil) : null}
              temporaryPassword={temporaryPassword}
              deliveryAddress={user.email ?? user.phoneNumber ?? null}
              passwordRules={passwordRules(pool.passwordPolicy).map((rule) => rule.label)}
            />
          </Card>

          <Card>
            <CardHeader title="Sign-in security" description="Second factors, recovery codes, passkeys and remembered devices." />
            <SecondFactors
              {...ref}
              mfa={factors.mfa}
              factors={factors.factors}
              preferred={factors.preferred}
              recoveryCodes={factors.recoveryCodes.remaining}
              devices={devices.length}
              passkeys={passkeys.length}
            />
            <RecoveryCodesActions {...ref} remaining={factors.recoveryCodes.remaining} total={factors.recoveryCodes.total} />
            <UserPasskeys
              {...ref}
              passkeys={passkeys.map((p) => ({ credentialId: p.credentialId, name: p.friendlyName, synced: p.backedUp, created: shortDate(p.createdAt), lastUsed: p.lastUsedAt ? dateTime(p.lastUsedAt) : null }))}
            />
            <UserDevices
              {...ref}
              skipsMfa={pool.skipMfaOnRememberedDevices && pool.mfa !== "OFF"}
              devices={devices.map((d) => ({ deviceKey: d.deviceKey, name: d.name ?? "Unnamed device", remembered: d.remembered, lastSignIn: d.lastAuthenticatedAt ? dateTime(d.lastAuthenticatedAt) : null, lastIp: d.lastIp }))}
            />
          </Card>

          <Card>
            <CardHeader title="Sessions" description="Where the user is signed in." />
            <SessionActions
              {...ref}
              sessions={sessions.map((session) => ({
                id: session.id,
                apps: session.apps.map((app) => app.name ?? app.clientId),
                signedIn: session.signedInAt ? dateTime(session.signedInAt) : null,
                mfa: session.mfa,
                refreshTokens: session.refreshTokens,
              }))}
              refreshTokens={refreshTokens}
            />
          </Card>

          <Card>
            <CardHeader title="Linked identities" description="Accounts at the pool's identity providers that sign in as this user." />
            <LinkedIdentities {...ref} />
          </Card>
        </div>
      </div>

      <Card>
        <CardHeader title={<span className="text-red-700">Danger zone</span>} description="These actions lock the user out or remove them." />
        <DangerZone {...ref} enabled={user.enabled} usersHref={usersHref} />
      </Card>
    </div>
  );
}

/** What a person recognises the user by: the chosen username, else their email or phone. */
function displayName(pool: Pool, user: UserDetail): string {
  if (usernameIsChosen(pool)) return user.username;
  return pool.signInAliases.includes("email") ? (user.email ?? user.phoneNumber ?? user.username) : (user.phoneNumber ?? user.email ?? user.username);
}

type AttributeRow = { name: string; label: string; value: string; verified?: boolean };

/** Every attribute in a stable order: sub, email, phone, the other standard ones, custom ones. */
function attributeRows(attributes: Record<string, string>): AttributeRow[] {
  const names = Object.keys(attributes).filter((name) => name !== "email_verified" && name !== "phone_number_verified");
  const rank = (name: string) => {
    if (name === "sub") return -3;
    if (name === "email") return -2;
    if (name === "phone_number") return -1;
    const standard = (STANDARD_ATTRIBUTES as readonly string[]).indexOf(name);
    return standard >= 0 ? standard : 1000;
  };
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((name) => ({
    name,
    label: name === "sub" ? "Sub" : isStandardAttribute(name) ? ATTRIBUTE_LABELS[name] : name,
    value: attributes[name] ?? "",
    ...(name === "email" ? { verified: attributes.email_verified === "true" } : {}),
    ...(name === "phone_number" ? { verified: attributes.phone_number_verified === "true" } : {}),
  }));
}

const STATUS: Record<string, { label: string; tone: "success" | "warning" | "info" | "neutral" }> = {
  CONFIRMED: { label: "Confirmed", tone: "success" },
  UNCONFIRMED: { label: "Unconfirmed", tone: "warning" },
  FORCE_CHANGE_PASSWORD: { label: "Must change password", tone: "info" },
  RESET_REQUIRED: { label: "Password reset required", tone: "warning" },
};

function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

function dateTime(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
}

/** "jane.doe@example.com" → "JD", "alice" → "A", "+14155550123" → "23". */
