// A pool's group, as the config file, the admin API and the console's group form read it: a module
// without server imports, so the console checks its form with the same rules.
import { z } from "zod";
import { patchSchema } from "./patch-schema.ts";

export const GroupSchema = z.strictObject({
  name: z.string().min(1).max(128),
  precedence: z.number().int().min(0).nullable().default(null),
  description: z.string().max(2048).default(""),
  roleArn: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN").nullable().default(null),
});

export const CreateGroupSchema = GroupSchema;
export const UpdateGroupSchema = patchSchema(GroupSchema.omit({ name: true }).shape);
