"use client";
// What the console's "saved whole" forms share (identity pools, authorizers): the values and
// whether they changed, the name that must be given, one save (POST to create, PUT to replace),
// and the API's messages under the fields they name, with one alert and one toast for the rest.
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { fieldErrorsOf, type FieldErrors } from "@/components/admin/forms/api-errors.ts";
import { useToast } from "@/components/ui/toast.tsx";

export type WholeFormOptions<V> = {
  initial: () => V;
  /** What is saved, in words: "authorizer", "identity pool". */
  noun: string;
  /** The name field's id (focused when the name is missing) and the name in the values. */
  name: { id: string; of: (values: V) => string };
  /** Saves; answers where a created thing now lives (its page, and its name for the toast), or null after an update. */
  save: (values: V) => Promise<{ href: string; name: string } | null>;
};

export function useWholeForm<V>(options: WholeFormOptions<V>, deps: unknown[]) {
  const router = useRouter();
  const toast = useToast();
  // The initial values change only with the thing edited (deps), not with the options object.
  const initial = useMemo(options.initial, deps);
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const update = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));
  const noun = options.noun.charAt(0).toUpperCase() + options.noun.slice(1);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    if (!options.name.of(values).trim()) {
      setErrors({ name: "Enter a name." });
      document.getElementById(options.name.id)?.focus();
      return;
    }
    setBusy(true);
    let leaving = false;
    try {
      const created = await options.save(values);
      if (created) {
        toast.success(`${noun} ${created.name} created.`);
        // Stay busy until the new page replaces this one, so it cannot be created twice.
        leaving = true;
        router.push(created.href);
      } else {
        setErrors({});
        toast.success("Changes saved.");
      }
      router.refresh();
    } catch (error) {
      const { fields, rest } = fieldErrorsOf(error);
      setErrors(fields);
      const count = Object.keys(fields).length;
      setFormError(rest ?? (count ? `Check the ${count === 1 ? "field" : `${count} fields`} marked below.` : null));
      toast.error(count ? `The ${options.noun} was not saved: check the marked fields.` : (rest ?? `The ${options.noun} was not saved.`));
    } finally {
      if (!leaving) setBusy(false);
    }
  };

  const discard = () => {
    setValues(initial);
    setErrors({});
    setFormError(null);
  };

  return { values, setValues, update, errors, formError, busy, dirty, submit, discard };
}
