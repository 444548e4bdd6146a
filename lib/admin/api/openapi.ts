// The OpenAPI 3.1 document of the admin API, generated from the route table's zod schemas.
import { z } from "zod";
import type { Route } from "./router.ts";
import { ErrorBody } from "./schemas.ts";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parameters(route: Route): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [["path", route.params], ["query", route.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: property });
    }
  }
  return out;
}

export function openApiDocument(routes: Route[], options: { serverUrl: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const error = (description: string) => ({ description, content: { "application/json": { schema: schemaOf(ErrorBody, "output") } } });
  for (const route of routes) {
    const operation: JsonSchema = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: parameters(route),
      responses: {
        [String(route.status ?? 200)]: route.status === 204
          ? { description: "Done" }
          : { description: "Success", content: { "application/json": { schema: schemaOf(route.response, "output") } } },
        400: error("Invalid input: the body names the field and the rule"),
        401: error("No API key or console session, or a revoked key"),
        403: error("Not an admin, or a cross-site request with a session"),
        404: error("No such resource"),
      },
    };
    if (route.body) operation.requestBody = { required: true, content: { "application/json": { schema: schemaOf(route.body, "input") } } };
    if (route.rawBody) operation.requestBody = { required: true, content: Object.fromEntries(route.rawBody.contentTypes.map((t) => [t, { schema: { type: "string", format: "binary" } }])) };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Gatehouse admin API",
      version: options.version,
      description: "Everything the Gatehouse console does. Authenticate with an API key created in the console (`Authorization: Bearer ghk_...`). Lists page by cursor: pass the `nextCursor` of one page as `cursor` for the next.",
    },
    servers: [{ url: options.serverUrl }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from the console (ghk_...)" } } },
    paths,
  };
}
