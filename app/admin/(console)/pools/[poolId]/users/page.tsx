// The Users tab: search, filter, sort and page through one pool's users. The filter bar is a GET
// form, so every search is a shareable URL and works without JavaScript; the table is rendered here
// on the server and only the "Create user" dialog runs in the browser.
import Form from "next/form";
import Link from "next/link";
import { Search, TriangleAlert, Users } from "lucide-react";
import { Avatar } from "@/components/admin/users/avatar.tsx";
import { ChevronLeftIcon } from "@/components/ui/icons.tsx";
import { notFound } from "next/navigation";
import { CreateUserDialog } from "@/components/admin/users/create-user-dialog.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Button, ButtonLink } from "@/components/ui/button.tsx";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Field, Input, Select } from "@/components/ui/field.tsx";
import { Table, TBody, Td, Th, THead, Tr, type SortDirection } from "@/components/ui/table.tsx";
import { listGroups } from "@/lib/admin/groups.ts";
import type { UserSearch, UserSummary } from "@/lib/admin/users/search-users.ts";
import { searchUsersFromParams, userIdentity, type RawSearchParams, type UserIdentity } from "@/lib/admin/users/search-users-from-params.ts";
import { isAppError } from "@/lib/errors.ts";
import { passwordRules } from "@/lib/pools/password-policy.ts";
import { getPool } from "@/lib/pools/pool.ts";
import { requireAdmin } from "../../../../require-admin.ts";
import { consoleUserKey } from "@/lib/users/username-rules.ts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users" };

type Params = Record<string, string>;

export default async function UsersPage({ params, searchParams }: { params: Promise<{ poolId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { rt } = await requireAdmin();
  const [{ poolId }, raw] = await Promise.all([params, searchParams]);
  const db = rt.db;
  const [pool, groups] = await Promise.all([
    getPool(db, poolId).catch((error: unknown) => {
      if (isAppError(error) && error.code === "ResourceNotFoundException") notFound();
      throw error;
    }),
    listGroups(db, poolId),
  ]);

  const identity = userIdentity(pool);
  const base = `/admin/pools/${encodeURIComponent(pool.id)}/users`;

  const { search, page, params: input, notices } = await searchUsersFromParams(db, pool, raw);

  const filtered = Boolean(search.q || search.status || search.enabled !== undefined || search.group);
  const hrefWith = (changes: Params, drop: string[] = []) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...input, ...changes })) if (!drop.includes(key) && value) query.set(key, value);
    const text = query.toString();
    return text ? `${base}?${text}` : base;
  };
  const sortHeader = (column: UserSearch["sort"]): { href: string; direction: SortDirection } => {
    const current = search.sort === column;
    const order = current ? (search.order === "asc" ? "desc" : "asc") : column === "createdAt" ? "desc" : "asc";
    return { href: hrefWith({ sort: column, order }, ["cursor"]), direction: current ? search.order : null };
  };
  const groupNames = groups.map((g) => g.name);
  const createDialog = (
    <CreateUserDialog
      poolId={pool.id}
      usernameIsChosen={identity === "username"}
      requiredAttributes={pool.requiredAttributes}
      immutableAttributes={pool.customAttributes.filter((a) => !a.mutable).map((a) => `custom:${a.name}`)}
      groups={groupNames}
      passwordRules={passwordRules(pool.passwordPolicy).map((rule) => rule.label)}
    />
  );
  const poolIsEmpty = page.total === 0 && !filtered && !search.cursor;
  const importLink = <ButtonLink href={`${base}/import`} variant="secondary">Import users</ButtonLink>;
  const showEmail = identity !== "email";
  const showPhone = identity !== "phone";

  return (
    <div className="space-y-6">
      {notices.length > 0 ? (
        <Card>
          <div className="flex gap-3 px-4 py-4 sm:px-6">
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-500" />
            <div className="min-w-0 text-sm">
              <h2 className="font-medium text-zinc-900">Part of this search could not be used</h2>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 wrap-anywhere text-zinc-600">
                {notices.map((notice, index) => (
                  <li key={index}>{notice}</li>
                ))}
              </ul>
              <p className="mt-1 text-zinc-600">The results below ignore it and use the defaults instead.</p>
            </div>
          </div>
        </Card>
      ) : null}

      <Card>
        <CardHeader
          title="Users"
          description={
            identity === "username"
              ? "People who sign in to this pool with a username. Search, filter and open a user to manage them."
              : `People who sign in to this pool with their ${identity === "email" ? "email address" : "phone number"}. Search, filter and open a user to manage them.`
          }
          actions={poolIsEmpty ? null : <div className="flex flex-wrap gap-2">{importLink}{createDialog}</div>}
        />

        {poolIsEmpty ? null : (
          <div className="border-b border-zinc-200 bg-zinc-50/60 px-4 py-4 sm:px-6">
            <Form action={base} role="search" aria-label="User filters" className="grid grid-cols-2 gap-3 lg:grid-cols-12">
              <Field id="users-q" label="Search users" className="col-span-2 lg:col-span-6">
                {(p) => (
                  <div className="relative">
                    <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
                    <Input
                      {...p}
                      type="search"
                      name="q"
                      defaultValue={search.q ?? ""}
                      placeholder="Username, email, phone or sub"
                      autoComplete="off"
                      autoCapitalize="none"
                      spellCheck={false}
                      maxLength={256}
                      className="pl-9"
                    />
                  </div>
                )}
              </Field>
              <Field id="users-field" label="Search in" className="lg:col-span-3">
                {(p) => (
                  <Select {...p} name="field" defaultValue={search.field}>
                    <option value="any">All fields</option>
                    {identity === "username" || search.field === "username" ? <option value="username">Username</option> : null}
                    <option value="email">Email</option>
                    <option value="phone_number">Phone number</option>
                    <option value="sub">Sub (user ID)</option>
                  </Select>
                )}
              </Field>
              <Field id="users-match" label="Match" className="lg:col-span-3">
                {(p) => (
                  <Select {...p} name="match" defaultValue={search.match}>
                    <option value="prefix">Starts with</option>
                    <option value="exact">Exact</option>
                  </Select>
                )}
              </Field>
              <Field id="users-status" label="Status" className="lg:col-span-3">
                {(p) => (
                  <Select {...p} name="status" defaultValue={search.status ?? ""}>
                    <option value="">Any status</option>
                    <option value="CONFIRMED">Confirmed</option>
                    <option value="UNCONFIRMED">Unconfirmed</option>
                    <option value="FORCE_CHANGE_PASSWORD">Must change password</option>
                    <option value="RESET_REQUIRED">Password reset required</option>
                  </Select>
                )}
              </Field>
              <Field id="users-enabled" label="Enabled" className="lg:col-span-3">
                {(p) => (
                  <Select {...p} name="enabled" defaultValue={search.enabled === undefined ? "" : String(search.enabled)}>
                    <option value="">Any</option>
                    <option value="true">Enabled</option>
                    <option value="false">Disabled</option>
                  </Select>
                )}
              </Field>
              <Field id="users-group" label="Group" className="lg:col-span-3">
                {(p) => (
                  <Select {...p} name="group" defaultValue={search.group ?? ""}>
                    <option value="">Any group</option>
                    {groupNames.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              {/* A new search keeps the sort and page size, and starts again at the first page. */}
              <input type="hidden" name="sort" value={search.sort} />
              <input type="hidden" name="order" value={search.order} />
              {input.limit ? <input type="hidden" name="limit" value={String(search.limit)} /> : null}
              <div className="col-span-2 flex items-end gap-2 lg:col-span-3">
                <Button type="submit" className="flex-1 sm:flex-none">
                  Search
                </Button>
                {filtered ? (
                  <ButtonLink href={hrefWith({}, ["q", "field", "match", "status", "enabled", "group", "cursor"])} variant="ghost">
                    Clear
                  </ButtonLink>
                ) : null}
              </div>
            </Form>
          </div>
        )}

        <CardBody flush>
          {poolIsEmpty ? (
            <EmptyState
              icon={<Users aria-hidden="true" />}
              title="No users yet"
              description={
                identity === "username"
                  ? "Create a user with a temporary password, or let people sign up on the hosted pages if self sign-up is on."
                  : "Create a user by email or phone with a temporary password, or let people sign up on the hosted pages if self sign-up is on."
              }
              action={<div className="flex flex-wrap justify-center gap-2">{createDialog}{importLink}</div>}
            />
          ) : page.users.length === 0 ? (
            <EmptyState
              icon={<Search aria-hidden="true" />}
              title="No users match"
              description={
                search.q ? (
                  <>
                    Nothing matches <span className="font-medium break-all text-zinc-700">“{search.q}”</span> with these filters. Check the
                    spelling, try “Starts with” or another field, or clear the search.
                  </>
                ) : (
                  "No user has all of these filters. Loosen them or clear the search."
                )
              }
              action={
                <ButtonLink href={hrefWith({}, ["q", "field", "match", "status", "enabled", "group", "cursor"])} variant="secondary">
                  Clear search
                </ButtonLink>
              }
            />
          ) : (
            <Table label="Users">
              <THead>
                <Tr>
                  <Th sort={identity === "phone" ? undefined : sortHeader(identity === "email" ? "email" : "username")}>User</Th>
                  {showEmail ? <Th sort={sortHeader("email")}>Email</Th> : null}
                  {showPhone ? <Th>Phone</Th> : null}
                  <Th>Status</Th>
                  <Th>MFA</Th>
                  <Th sort={sortHeader("createdAt")}>Created</Th>
                </Tr>
              </THead>
              <TBody>
                {page.users.map((user) => (
                  <UserRow key={user.sub} user={user} identity={identity} href={`${base}/${encodeURIComponent(consoleUserKey(user))}`} showEmail={showEmail} showPhone={showPhone} />
                ))}
              </TBody>
            </Table>
          )}
        </CardBody>

        {poolIsEmpty || page.users.length === 0 ? null : (
          <CardFooter className="justify-between">
            <p className="text-sm text-zinc-600 tabular-nums">
              <span className="font-medium text-zinc-900">{page.total.toLocaleString("en-US")}</span> {page.total === 1 ? "user" : "users"}
              {filtered ? (page.total === 1 ? " matches" : " match") : null}
            </p>
            <nav aria-label="Pages of users" className="flex items-center gap-2">
              <PageLink href={page.prevCursor ? hrefWith({ cursor: page.prevCursor }) : null} direction="prev" />
              <PageLink href={page.nextCursor ? hrefWith({ cursor: page.nextCursor }) : null} direction="next" />
            </nav>
          </CardFooter>
        )}
      </Card>
    </div>
  );
}

/** What a person recognises a user by: the chosen username, else their email or phone. */
function displayName(user: UserSummary, identity: UserIdentity): string {
  if (identity === "username") return user.username;
  if (identity === "email") return user.email ?? user.phoneNumber ?? user.username;
  return user.phoneNumber ?? user.email ?? user.username;
}

function UserRow({ user, identity, href, showEmail, showPhone }: { user: UserSummary; identity: UserIdentity; href: string; showEmail: boolean; showPhone: boolean }) {
  const name = displayName(user, identity);
  const nameIsEmail = identity !== "username" && name === user.email;
  const nameIsPhone = identity !== "username" && name === user.phoneNumber;
  return (
    // The name link stretches over the whole row, so any part of it opens the user.
    <Tr className="relative">
      <Td>
        <div className="flex items-center gap-3">
          <Avatar name={name} muted={!user.enabled} />
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <Link
                href={href}
                className="rounded-sm font-medium text-zinc-900 after:absolute after:inset-0 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              >
                {name}
              </Link>
              {nameIsEmail ? <VerifiedBadge verified={user.emailVerified} /> : nameIsPhone ? <VerifiedBadge verified={user.phoneVerified} /> : null}
            </div>
            <div className="font-mono text-xs text-zinc-500">
              <span className="sr-only">Sub </span>
              {user.sub}
            </div>
          </div>
        </div>
      </Td>
      {showEmail ? (
        <Td>
          {user.email ? (
            <span className="inline-flex items-center gap-2">
              <span>{user.email}</span>
              <VerifiedBadge verified={user.emailVerified} />
            </span>
          ) : (
            <NotSet label="No email" />
          )}
        </Td>
      ) : null}
      {showPhone ? (
        <Td>
          {user.phoneNumber ? (
            <span className="inline-flex items-center gap-2">
              <span className="tabular-nums">{user.phoneNumber}</span>
              <VerifiedBadge verified={user.phoneVerified} />
            </span>
          ) : (
            <NotSet label="No phone number" />
          )}
        </Td>
      ) : null}
      <Td>
        <span className="inline-flex items-center gap-1.5">
          {!user.enabled ? (
            <Badge tone="danger" dot>
              Disabled
            </Badge>
          ) : null}
          <StatusBadge status={user.status} />
          {user.temporaryPasswordExpiresAt && new Date(user.temporaryPasswordExpiresAt) <= new Date() ? <Badge tone="warning">Password expired</Badge> : null}
        </span>
      </Td>
      <Td>
        {user.mfa.length > 0 ? (
          <span className="flex flex-wrap gap-1">
            {user.mfa.map((factor) => <Badge key={factor} tone="info">{FACTOR_LABEL[factor] ?? factor}</Badge>)}
          </span>
        ) : (
          <span className="text-zinc-500">None</span>
        )}
      </Td>
      <Td className="tabular-nums text-zinc-600">
        <time dateTime={user.createdAt} title={longDate(user.createdAt)}>
          {shortDate(user.createdAt)}
        </time>
      </Td>
    </Tr>
  );
}

const STATUS: Record<string, { label: string; tone: "success" | "warning" | "info" | "neutral" }> = {
  CONFIRMED: { label: "Confirmed", tone: "success" },
  UNCONFIRMED: { label: "Unconfirmed", tone: "warning" },
  FORCE_CHANGE_PASSWORD: { label: "Must change password", tone: "info" },
  RESET_REQUIRED: { label: "Password reset required", tone: "warning" },
};

function StatusBadge({ status }: { status: string }) {
  const known = STATUS[status] ?? { label: status, tone: "neutral" as const };
  return <Badge tone={known.tone}>{known.label}</Badge>;
}

function VerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? (
    <Badge tone="success" className="px-1.5">
      Verified
    </Badge>
  ) : (
    <Badge tone="neutral" className="px-1.5 text-zinc-500">
      Unverified
    </Badge>
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

function PageLink({ href, direction }: { href: string | null; direction: "prev" | "next" }) {
  const label = direction === "prev" ? "Previous" : "Next";
  const icon = (
    <ChevronLeftIcon className={`size-4 ${direction === "next" ? "rotate-180" : ""}`} />
  );
  const content = direction === "prev" ? <>{icon}{label}</> : <>{label}{icon}</>;
  if (!href) {
    return (
      <Button variant="secondary" size="sm" disabled aria-label={`${label} page`}>
        {content}
      </Button>
    );
  }
  return (
    <ButtonLink href={href} variant="secondary" size="sm" aria-label={`${label} page`} rel={direction}>
      {content}
    </ButtonLink>
  );
}

function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

function longDate(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "full", timeStyle: "short" });
}

/** "jane.doe@example.com" → "JD", "alice" → "A", "+14155550123" → "23". */

const FACTOR_LABEL: Record<string, string> = { SOFTWARE_TOKEN_MFA: "Authenticator app", SMS_MFA: "SMS", EMAIL_OTP: "Email" };
