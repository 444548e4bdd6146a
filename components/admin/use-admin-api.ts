"use client";
// The console changes things through the admin API (the same endpoints API keys use), then
// refreshes the server-rendered page and says what happened in a toast.
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useToast } from "@/components/ui/toast.tsx";

export type ApiIssue = { path: string; message: string };
export type ApiErrorBody = { error: { code: string; message: string; field?: string; issues?: ApiIssue[] } };

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Each invalid input with its path (`body.roleArn`), as the API sends them. */
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export async function adminApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/admin${path}`, {
    method,
    headers: body !== undefined ? { "content-type": "application/json" } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return null as T;
  const json = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (json as ApiErrorBody | null)?.error;
    throw new AdminApiError(response.status, error?.code ?? "InternalErrorException", error?.message ?? `The request failed (${response.status}).`, error?.field, error?.issues ?? []);
  }
  return json as T;
}

/** Runs one API call with a pending state, a toast for the result and a page refresh. */
export function useAdminAction() {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(key: string, call: () => Promise<T>, success?: string | ((result: T) => string)): Promise<T | undefined> => {
      setPending(key);
      try {
        const result = await call();
        if (success) toast.success(typeof success === "function" ? success(result) : success);
        router.refresh();
        return result;
      } catch (error) {
        toast.error(error instanceof Error ? error.message : "Something went wrong.");
        return undefined;
      } finally {
        setPending(null);
      }
    },
    [router, toast],
  );
  return { run, pending };
}

export function enc(segment: string): string {
  return encodeURIComponent(segment);
}
