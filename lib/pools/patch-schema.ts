// A PATCH body from a create schema: every field optional and, unlike `.partial()` in zod 4,
// without the create defaults, so a field left out stays as it is instead of being reset.
import { z } from "zod";

type Unwrapped<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;

export function patchSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType)).optional()]),
  );
  return z.strictObject(fields as unknown as { [K in keyof Shape]: z.ZodOptional<Unwrapped<Shape[K]>> });
}
