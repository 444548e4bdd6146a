"use client";
// The console's one form hook. A form checks its values with the same zod schema the admin API
// checks its body with (react-hook-form with its zod resolver), so a rule lives once, in lib/.
// The console may say a rule's failure in its own words (`messages`), and the API's issues land
// under the controls they name, exactly as the form's own checks do; what names no control goes
// to the form's alert.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import {
  get,
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldErrors as HookFieldErrors,
  type FieldValues,
  type Path,
  type Resolver,
} from "react-hook-form";
import type { z } from "zod";
import { fieldErrorsOf, sentence } from "@/components/admin/forms/api-errors.ts";

/** The console's words for a field's failures: one text, or one per zod issue code (`too_small`, `invalid_format`, …). */
export type FieldMessages = Record<string, string | Partial<Record<string, string>>>;

export type ApiFormOptions<S extends z.ZodType<FieldValues, FieldValues>> = {
  /** The API's schema, or one derived from it for the form's controls (text in, numbers out). */
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  messages?: FieldMessages;
  /** Sends the checked values to the admin API; an AdminApiError's issues are shown at their fields. */
  submit: (values: z.output<S>) => Promise<void>;
  /** Called when the form's own checks fail (after each message is worded), e.g. to sum them up in a toast. */
  onInvalid?: (errors: HookFieldErrors<z.input<S>>) => void;
  /** false when the form moves focus itself (to controls react-hook-form does not hold, such as checkbox groups). */
  shouldFocusError?: boolean;
};

function rewordErrors(errors: HookFieldErrors, messages: FieldMessages, prefix = ""): void {
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const error = value as FieldError;
    if (typeof error.type === "string" && typeof error.message === "string") {
      const words = messages[path];
      const chosen = typeof words === "string" ? words : words?.[error.type];
      error.message = chosen ?? sentence(error.message);
    } else rewordErrors(value as HookFieldErrors, messages, path);
  }
}

/** zod's resolver, with each failure said in the console's words (or the schema's, as a sentence). */
function consoleResolver<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, messages: FieldMessages): Resolver<z.input<S>, unknown, z.output<S>> {
  const base = zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
  return async (values, context, options) => {
    const result = await base(values, context, options);
    rewordErrors(result.errors, messages);
    return result;
  };
}

function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  if (typeof (error as FieldError).message === "string") return (error as FieldError).message;
  for (const [key, value] of Object.entries(error)) {
    const message = key === "ref" ? undefined : firstMessage(value);
    if (message) return message;
  }
  return undefined;
}

export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(options: ApiFormOptions<S>) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: consoleResolver(options.schema, options.messages ?? {}),
    defaultValues: options.defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: options.shouldFocusError ?? true,
  });
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await options.submit(values);
    } catch (error) {
      const { fields, rest } = fieldErrorsOf(error);
      const controls = new Set(Object.keys(form.getValues()));
      const elsewhere: string[] = rest ? [rest] : [];
      let focus = true;
      for (const [path, message] of Object.entries(fields)) {
        if (!controls.has(path.split(".")[0]!)) {
          elsewhere.push(message);
          continue;
        }
        form.setError(path as Path<z.input<S>>, { type: "server", message }, { shouldFocus: focus });
        focus = false;
      }
      setFormError(elsewhere.length ? elsewhere.join(" ") : null);
    }
  }, options.onInvalid);

  /** The message under the control at `name`, or the first one below it (a list's items report their own paths). */
  const errorOf = (name: string): string | undefined => firstMessage(get(form.formState.errors, name));

  return { form, register: form.register, onSubmit, formError, setFormError, errorOf, busy: form.formState.isSubmitting };
}
