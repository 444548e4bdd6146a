// The admin API names each invalid input as an issue with its path as data (`body.roles.authenticated`,
// zod's issues and the reference checks alike). Console forms put each message under the control at
// that path; what names no control goes to the form's alert.
import { AdminApiError } from "@/components/admin/use-admin-api.ts";

export type FieldErrors = Record<string, string>;

/** "must be an IAM role ARN" → "Must be an IAM role ARN": the control shows where. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Each body issue under its path without `body.` (the first message per path); everything else in `rest`. */
export function fieldErrorsOf(error: unknown): { fields: FieldErrors; rest: string | null } {
  if (!(error instanceof AdminApiError)) return { fields: {}, rest: error instanceof Error ? error.message : "Something went wrong." };
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const issue of error.issues) {
    if (issue.path === "body" || issue.path.startsWith("body.")) fields[issue.path.slice(5) || "form"] ??= sentence(issue.message);
    else rest.push(`${issue.path}: ${issue.message}`);
  }
  // An error about one named field without issues (a rule checked in lib/, e.g. a name taken).
  if (!error.issues.length && error.field) return { fields: { [error.field]: sentence(error.message) }, rest: null };
  if (!error.issues.length) rest.push(error.message);
  return { fields, rest: rest.length ? rest.join(" ") : null };
}

/** The first message at `path` or below it (a list's rows report their own paths). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
}
