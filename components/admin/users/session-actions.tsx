"use client";
// The body of the Sessions card of a user's page: their live sessions, each with Sign out, and
// signing them out everywhere.
import { useState } from "react";
import { adminApi, enc, useAdminAction } from "@/components/admin/use-admin-api.ts";
import { userPath, type UserRef } from "@/components/admin/users/user-ref.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardBody } from "@/components/ui/card.tsx";
import { ConfirmDialog } from "@/components/ui/dialog.tsx";

/** A live session, formatted on the server. */
export type SessionRow = { id: string; apps: string[]; signedIn: string | null; mfa: boolean; refreshTokens: number };

function appsOf(session: SessionRow): string {
  return session.apps.length ? session.apps.join(", ") : "Hosted sign-in";
}

function describeSession(session: SessionRow): string {
  return session.signedIn ? `${appsOf(session)} (signed in ${session.signedIn})` : appsOf(session);
}

/** The body of the Sessions card: each session with Sign out, and Sign out everywhere. */
export function SessionActions({ sessions, refreshTokens, ...user }: UserRef & { sessions: SessionRow[]; refreshTokens: number }) {
  const orphaned = refreshTokens - sessions.reduce((sum, s) => sum + s.refreshTokens, 0);
  const { run, pending } = useAdminAction();
  const [confirming, setConfirming] = useState(false);

  const endSession = (session: SessionRow) =>
    run(`session-${session.id}`, () => adminApi("DELETE", `${userPath(user)}/sessions/${enc(session.id)}`), `Signed out of ${describeSession(session)}`);

  const signOut = async () => {
    await run("sign-out", () => adminApi<{ revoked: number }>("POST", `${userPath(user)}/sign-out`), ({ revoked }) =>
      revoked === 0 ? "There were no sessions to sign out of" : `Signed out of ${revoked} ${revoked === 1 ? "session" : "sessions"}`,
    );
    setConfirming(false);
  };

  return (
    <CardBody>
      {sessions.length ? (
        <ul aria-label="Sessions" className="-mt-1 mb-5 divide-y divide-zinc-100 border-b border-zinc-200">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-3 first:pt-0">
              <div className="min-w-0">
                <p className="font-medium wrap-anywhere text-zinc-900">{appsOf(session)}</p>
                <p className="mt-0.5 text-zinc-500">{session.signedIn ? `Signed in ${session.signedIn}` : "Signed in"}</p>
              </div>
              <div className="flex shrink-0 flex-wrap items-center gap-2">
                {session.mfa ? <Badge tone="success">MFA</Badge> : null}
                <span className="text-zinc-500 tabular-nums">
                  {session.refreshTokens} refresh {session.refreshTokens === 1 ? "token" : "tokens"}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Sign out of ${describeSession(session)}`}
                  loading={pending === `session-${session.id}`}
                  onClick={() => void endSession(session)}
                >
                  Sign out
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-5 border-b border-zinc-200 pb-4 text-zinc-500">Not signed in anywhere right now.</p>
      )}
      {orphaned > 0 ? (
        <p className="-mt-2 mb-5 text-zinc-600">
          {orphaned} more refresh {orphaned === 1 ? "token" : "tokens"} from sessions that have ended still {orphaned === 1 ? "works" : "work"} until{" "}
          {orphaned === 1 ? "it expires" : "they expire"} or the user is signed out everywhere.
        </p>
      ) : null}
      {/* Stacked: the card sits in a narrow column beside the attributes. */}
      <div className="flex flex-col items-start gap-3">
        <p className="text-zinc-600">
          Ends every session of this user and revokes their refresh tokens, in every app. Use it when a device is lost or an account may be
          compromised.
        </p>
        <Button variant="secondary" className="shrink-0" onClick={() => setConfirming(true)} loading={pending === "sign-out"}>
          Sign out everywhere
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        description={
          <>
            <p>
              This revokes every refresh token and ends every session of <span className="font-medium text-zinc-900">{user.displayName}</span>,
              in every app.
            </p>
            <p>Access tokens already issued keep working until they expire. The user can sign in again.</p>
          </>
        }
        confirmLabel="Sign out everywhere"
        tone="danger"
        busy={pending === "sign-out"}
        onConfirm={() => void signOut()}
        onCancel={() => setConfirming(false)}
      />
    </CardBody>
  );
}

