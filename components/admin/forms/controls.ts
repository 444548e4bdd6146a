// How a text control's value meets an API schema: trimmed, and (for optional settings) blank as
// null. The console's forms wrap the API's own field schemas with these instead of restating them.
import { z } from "zod";

function trim(value: unknown): unknown {
  return typeof value === "string" ? value.trim() : value;
}

function blankAsNull(value: unknown): unknown {
  const given = trim(value);
  return given === "" ? null : given;
}

/** The control's text, trimmed, checked by `schema`. */
export function trimmed<T extends z.ZodType>(schema: T) {
  return z.preprocess(trim, schema);
}

/** The control's text, trimmed; left empty it is null (an optional setting not given). */
export function optionalText<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankAsNull, schema);
}

/** A whole number typed as digits; left empty it is null. Anything else stays text and fails `schema`. */
export function optionalWholeNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    const given = blankAsNull(value);
    return typeof given === "string" && /^\d+$/.test(given) ? Number(given) : given;
  }, schema);
}
