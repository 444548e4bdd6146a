// Resource servers and their scopes in Cognito's shapes (ResourceServerType), through
// lib/admin/resource-servers.ts as the admin API's routes.
import { z } from "zod";
import { createResourceServer, getResourceServer, listResourceServers, type ResourceServerView } from "../../admin/resource-servers.ts";
import { ResourceServerSchema } from "../../pools/config-schema.ts";
import { adminOperation, adminPool, NextToken, pageOf, parseAdminInput, UserPoolId } from "./common.ts";

const Identifier = z.string().min(1).max(256).regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+");
const Scope = z.object({
  ScopeName: z.string().min(1).max(256).regex(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/, "Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+"),
  ScopeDescription: z.string().min(1).max(256),
});

function resourceServerType(poolId: string, server: ResourceServerView) {
  return {
    UserPoolId: poolId,
    Identifier: server.identifier,
    Name: server.name,
    Scopes: server.scopes.map((s) => ({ ScopeName: s.name, ScopeDescription: s.description })),
  };
}

export const CreateResourceServer = adminOperation({
  input: z.object({ UserPoolId, Identifier, Name: z.string().min(1).max(256).regex(/^[\w\s+=,.@-]+$/, "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"), Scopes: z.array(Scope).max(100).optional() }),
  audit: { type: "createResourceServer", target: (input) => input.Identifier },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const server = parseAdminInput(
      ResourceServerSchema,
      { identifier: input.Identifier, name: input.Name, scopes: (input.Scopes ?? []).map((s) => ({ name: s.ScopeName, description: s.ScopeDescription })) },
      { identifier: "Identifier", name: "Name", scopes: "Scopes" },
    );
    return { ResourceServer: resourceServerType(pool.id, await createResourceServer(call.rt, pool.id, server)) };
  },
});

export const DescribeResourceServer = adminOperation({
  input: z.object({ UserPoolId, Identifier }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { ResourceServer: resourceServerType(pool.id, await getResourceServer(call.rt.db, pool.id, input.Identifier)) };
  },
});

export const ListResourceServers = adminOperation({
  input: z.object({ UserPoolId, MaxResults: z.number().int().min(1).max(50).optional(), NextToken: NextToken.optional() }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const { page, next } = pageOf(await listResourceServers(call.rt.db, pool.id), (s) => s.identifier, { limit: input.MaxResults ?? 50, token: input.NextToken });
    return { ResourceServers: page.map((s) => resourceServerType(pool.id, s)), ...(next ? { NextToken: next } : {}) };
  },
});
