// What the cards and dialogs of a user's page share: the user an action applies to, its API path,
// an attribute's label, and the alert for an error that names no control.
import type { ReactNode } from "react";
import { enc } from "@/components/admin/use-admin-api.ts";
import { ATTRIBUTE_LABELS, isStandardAttribute } from "@/lib/pools/attributes.ts";

/** The user an action applies to: the API path segment and the name people recognise them by. */
export type UserRef = { poolId: string; username: string; displayName: string };

export function userPath({ poolId, username }: UserRef): string {
  return `/pools/${enc(poolId)}/users/${enc(username)}`;
}

export function labelOf(name: string): string {
  return isStandardAttribute(name) ? ATTRIBUTE_LABELS[name] : name;
}

/** An attribute's label, with its claim name beside it when it is a standard one. */
export function AttributeLabel({ name }: { name: string }) {
  return (
    <>
      {labelOf(name)}
      {isStandardAttribute(name) ? (
        <code aria-hidden="true" className="ml-1.5 font-mono text-xs font-normal text-zinc-500">
          {name}
        </code>
      ) : null}
    </>
  );
}

export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 wrap-anywhere text-red-800">
      {children}
    </p>
  );
}
