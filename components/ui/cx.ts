/** Joins class names, skipping falsy parts. Later classes do not override earlier ones, so avoid passing conflicting utilities. */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}

/** The console's keyboard focus ring, shared by buttons, links and other controls. */
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
