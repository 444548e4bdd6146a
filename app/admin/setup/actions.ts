"use server";
// The first-run set-up's form action. Server actions carry Next's own Origin check (CSRF).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { LOCAL_REQUEST_HEADER, setupAllowed } from "@/lib/admin/setup-access.ts";
import { createFirstAdmin } from "@/lib/admin/system-pool.ts";
import { isAppError } from "@/lib/errors.ts";
import { getRuntime } from "@/lib/runtime.ts";

export type SetupState = { error?: string; field?: string; email?: string };

const SetupSchema = z
  .object({
    email: z.email("Enter a valid email address."),
    password: z.string().min(1, "Choose a password."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "The passwords do not match.", path: ["confirm"] });

export async function createFirstAdminAction(_state: SetupState, form: FormData): Promise<SetupState> {
  // The page checked this too, but a server action can be called without loading the page.
  const request = await headers();
  // A file where text is expected counts as empty.
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const allowed = setupAllowed(getRuntime().secrets, { local: request.get(LOCAL_REQUEST_HEADER), token: text("token") });
  if (!allowed) return { error: "Set-up is locked: open the set-up link from Gatehouse's log." };
  const input = { email: text("email").trim(), password: text("password"), confirm: text("confirm") };
  const parsed = SetupSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: issue.message, field: String(issue.path[0]), email: input.email };
  }
  try {
    await createFirstAdmin(getRuntime(), {
      email: parsed.data.email, password: parsed.data.password, via: "setup-page",
      ip: request.get("x-gatehouse-client-ip"), userAgent: request.get("user-agent"),
    });
  } catch (error) {
    if (isAppError(error)) return { error: error.message, field: error.field ?? (error.code === "ForbiddenException" ? undefined : "password"), email: input.email };
    throw error;
  }
  redirect("/admin/sign-in?setup=done");
}
