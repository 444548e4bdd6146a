// The admin API names each invalid field as "body.<path>: <message>" (zod's issues and the
// reference checks alike, joined with "; "). The identity pool and authorizer forms put each
// message under the control of that path; what names no field goes to the form's alert.
import { AdminApiError } from "@/components/admin/use-admin-api.ts";

export type FieldErrors = Record<string, string>;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function fieldErrorsOf(error: unknown): { fields: FieldErrors; rest: string | null } {
  if (!(error instanceof AdminApiError)) return { fields: {}, rest: error instanceof Error ? error.message : "Something went wrong." };
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const part of error.message.split("; ")) {
    // Split at the first ": " only: role mapping keys (`local_Demo12345:web`) hold a colon.
    const at = part.indexOf(": ");
    const path = at > 0 ? part.slice(0, at) : "";
    if (path === "body" || path.startsWith("body.")) {
      const key = path.slice(5) || "form";
      fields[key] ??= capital(part.slice(at + 2));
    } else rest.push(part);
  }
  if (!Object.keys(fields).length && error.field && rest.length) return { fields: { [error.field]: capital(rest.join(" ")) }, rest: null };
  return { fields, rest: rest.length ? rest.join(" ") : null };
}

/** The first message at `path` or below it (a list's rows report their own paths). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
}
