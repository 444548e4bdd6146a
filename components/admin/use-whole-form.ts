"use client";
// What the console's "saved whole" forms share (identity pools, authorizers), on the console's form
// hook (useApiForm): the values and whether they changed, the name that must be given, one save
// (POST to create, PUT to replace), and the API's messages under the fields they name. Their
// controls are rows and text that the API's body is built from (toBody), so the API's issues keep
// their body paths (`roles.authenticated`) and the forms read them with errorAt; what names no
// field goes to one alert, with one toast.
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { FieldValues } from "react-hook-form";
import { z } from "zod";
import { fieldErrorsOf, type FieldErrors } from "@/components/admin/forms/api-errors.ts";
import { useApiForm } from "@/components/admin/forms/use-api-form.ts";
import { useToast } from "@/components/ui/toast.tsx";

export type WholeFormOptions<V> = {
  initial: () => V;
  /** What is saved, in words: "authorizer", "identity pool". */
  noun: string;
  /** The name field's id (focused when the name is missing); the name is the values' `name`. */
  nameId: string;
  /** Saves; answers where a created thing now lives (its page, and its name for the toast), or null after an update. */
  save: (values: V) => Promise<{ href: string; name: string } | null>;
};

/** The one check made before sending: a name is given (the API checks the rest, with the pools it refers to). */
const NamedSchema = z.looseObject({ name: z.string().refine((name) => name.trim() !== "") });

export function useWholeForm<V extends FieldValues & { name: string }>(options: WholeFormOptions<V>, deps: unknown[]) {
  const router = useRouter();
  const toast = useToast();
  // The initial values change only with the thing edited (deps), not with the options object.
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo -- the caller names what the initial values depend on (deps)
  const initial = useMemo(options.initial, deps);
  const [apiErrors, setApiErrors] = useState<FieldErrors>({});
  const [leaving, setLeaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const noun = options.noun.charAt(0).toUpperCase() + options.noun.slice(1);

  const { form, onSubmit, errorOf, busy } = useApiForm({
    schema: NamedSchema,
    defaultValues: initial,
    messages: { name: "Enter a name." },
    onInvalid: () => {
      setApiErrors({});
      setAlert(null);
      document.getElementById(options.nameId)?.focus();
    },
    submit: async (checked) => {
      setAlert(null);
      try {
        const created = await options.save(checked as unknown as V);
        if (created) {
          toast.success(`${noun} ${created.name} created.`);
          // Stay busy until the new page replaces this one, so it cannot be created twice.
          setLeaving(true);
          router.push(created.href);
        } else {
          setApiErrors({});
          toast.success("Changes saved.");
        }
        router.refresh();
      } catch (error) {
        const { fields, rest } = fieldErrorsOf(error);
        setApiErrors(fields);
        const count = Object.keys(fields).length;
        setAlert(rest ?? (count ? `Check the ${count === 1 ? "field" : `${count} fields`} marked below.` : null));
        toast.error(count ? `The ${options.noun} was not saved: check the marked fields.` : (rest ?? `The ${options.noun} was not saved.`));
      }
    },
  });

  const values = form.watch() as unknown as V;
  const nameError = errorOf("name");
  const errors: FieldErrors = nameError ? { name: nameError } : apiErrors;
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const update = <K extends keyof V & string>(key: K, value: V[K]) =>
    form.setValue(key, value, { shouldDirty: true });
  const setValues = (next: (values: V) => V) => {
    const changed = next(form.getValues() as unknown as V);
    for (const key of Object.keys(changed) as (keyof V & string)[]) if (changed[key] !== values[key]) update(key, changed[key]);
  };

  const discard = () => {
    form.reset(initial);
    setApiErrors({});
    setAlert(null);
  };

  return { values, setValues, update, errors, formError: alert, busy: busy || leaving, dirty, submit: onSubmit, discard };
}
