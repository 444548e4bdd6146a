// Authorizers in the database: the name and type as columns, every other setting in `settings`
// (validated by AuthorizerSchema on the way in and on the way out).
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { AuthorizerSchema, type AuthorizerConfig } from "./config.ts";

type Row = { name: string; type: string; settings: unknown };

const toAuthorizer = (row: Row): AuthorizerConfig => AuthorizerSchema.parse({ ...(row.settings as object), name: row.name, type: row.type });

export async function findAuthorizer(db: Db, name: string): Promise<AuthorizerConfig | null> {
  const row = await db.authorizer.findUnique({ where: { name } });
  return row ? toAuthorizer(row) : null;
}

export async function listAuthorizers(db: Db): Promise<AuthorizerConfig[]> {
  return (await db.authorizer.findMany({ orderBy: { name: "asc" } })).map(toAuthorizer);
}

/** Creates or replaces an authorizer. */
export async function putAuthorizer(db: Tx, authorizer: AuthorizerConfig): Promise<AuthorizerConfig> {
  const { name, type, ...settings } = authorizer;
  return toAuthorizer(await db.authorizer.upsert({ where: { name }, create: { name, type, settings }, update: { type, settings } }));
}

export async function deleteAuthorizer(db: Tx, name: string): Promise<void> {
  const { count } = await db.authorizer.deleteMany({ where: { name } });
  if (!count) throw new AppError("ResourceNotFoundException", `Authorizer ${name} does not exist.`);
}
