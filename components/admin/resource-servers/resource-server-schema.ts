// The resource server dialog's schema: ResourceServerSchema (lib/pools/config-schema.ts) behind the
// dialog's controls. A scope row left entirely empty is dropped; each other row is checked where it
// stands, in the console's words.
import { z } from "zod";
import { MAX_SCOPES, ResourceServerSchema, ScopeNameSchema } from "@/lib/pools/config-schema.ts";
import type { FieldMessages } from "@/components/admin/forms/use-api-form.ts";

export { MAX_SCOPES };

export type ScopeRow = { name: string; description: string };
export type ResourceServerValues = { identifier: string; name: string; scopes: ScopeRow[] };

const isEmpty = (row: ScopeRow) => !row.name.trim() && !row.description.trim();

const ScopeList = ResourceServerSchema.shape.scopes.unwrap();

const scopeRows = z
  .array(z.object({ name: z.string(), description: z.string() }))
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (isEmpty(row)) return;
      const scope = row.name.trim();
      const path = [index, "name"];
      if (!scope) ctx.addIssue({ code: "custom", path, message: "Enter a scope name, or remove the row." });
      else if (!ScopeNameSchema.safeParse(scope).success) ctx.addIssue({ code: "custom", path, message: "Use printable characters without spaces, quotes or backslashes." });
      else if (seen.has(scope)) ctx.addIssue({ code: "custom", path, message: `${scope} is listed twice.` });
      seen.add(scope);
    });
  })
  .transform((rows): z.input<typeof ScopeList> => rows.filter((row) => !isEmpty(row)).map((row) => ({ name: row.name.trim(), description: row.description.trim() })))
  .pipe(ScopeList);

/** The identifier is checked only when creating (it cannot change). */
export function resourceServerFormSchema(creating: boolean) {
  return z.object({
    identifier: creating
      ? z.string().trim().pipe(ResourceServerSchema.shape.identifier).refine((value) => !/\s/.test(value), "Identifiers cannot contain spaces.")
      : z.string(),
    name: z.string().trim().pipe(ResourceServerSchema.shape.name),
    scopes: scopeRows,
  });
}

export const RESOURCE_SERVER_MESSAGES: FieldMessages = {
  identifier: { too_small: "Enter an identifier.", too_big: "Use at most 256 characters." },
  name: { too_small: "Enter a name.", too_big: "Use at most 256 characters." },
  scopes: { too_big: `A resource server has at most ${MAX_SCOPES} scopes.` },
};
