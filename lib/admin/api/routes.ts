// Every admin API endpoint: path, schemas and the one lib/ function it calls.
import { z } from "zod";
import { listAuditEvents, AuditQuerySchema } from "../../audit/audit.ts";
import { listPoolOutbox } from "../../messaging/sender.ts";
import { getPool } from "../../pools/pool.ts";
import { rotateSigningKey } from "../../tokens/keys.ts";
import { CreateApiKeySchema, createApiKey, listApiKeys, revokeApiKey } from "../api-keys.ts";
import { CreateClientSchema, UpdateClientSchema, createClient, deleteClient, getClient, listClients, rotateClientSecret, updateClient } from "../clients.ts";
import { exportPool, importPool } from "../export-pool.ts";
import { CreateGroupSchema, UpdateGroupSchema, addGroupMember, createGroup, deleteGroup, getGroup, listGroupMembers, listGroups, removeGroupMember, updateGroup } from "../groups.ts";
import { CreatePoolSchema, UpdatePoolSchema, createPool, deletePool, getPoolSummary, listPools, updatePool } from "../pools.ts";
import { createResourceServer, deleteResourceServer, getResourceServer, listResourceServers, updateResourceServer, UpdateResourceServerSchema } from "../resource-servers.ts";
import { ResourceServerSchema } from "../../pools/config-schema.ts";
import { SYSTEM_POOL_ID } from "../system-pool.ts";
import { assertNotLastAdmin } from "../users/assert-not-last-admin.ts";
import { createUser } from "../users/create-user.ts";
import { CreateUserBodySchema, SetGroupsBodySchema, SetPasswordBodySchema, UpdateAttributesBodySchema, UserKeySchema } from "../users/user-bodies.ts";
import { deleteUser, findUserRow, getUser, setUserEnabled, setUserGroups, setUserPassword, signOutEverywhere, updateUserAttributes } from "../users/manage-user.ts";
import { listUserSessions } from "../users/list-user-sessions.ts";
import { clearUserRecoveryCodes, getUserRecoveryCodes } from "../users/user-recovery-codes.ts";
import { deleteUserPasskey, forgetUserDevice, getUserMfa, listUserDevices, listUserPasskeys, resetUserMfa, setUserMfaPreference } from "../users/user-factors.ts";
import { revokeUserSession } from "../users/revoke-user-session.ts";
import { searchUsers, UserSearchSchema } from "../users/search-users.ts";
import { ASSET_LIMITS, ASSET_TYPES, uploadBrandingAsset } from "../../branding/assets.ts";
import { discardBrandingDraft, getBrandingState, publishBranding, saveBrandingDraft } from "../../branding/branding.ts";
import { BrandingSchema } from "../../branding/schema.ts";
import { TRIGGER_NAMES, TOKEN_GENERATION_VERSIONS, TriggersUpdateSchema } from "../../triggers/config.ts";
import { listTriggerDeliveries } from "../../triggers/deliveries.ts";
import { getTriggers, saveTriggers, sendTestEvent } from "../triggers.ts";
import { IdentityProvidersUpdateSchema, IdentityProviderUpdateSchema, PROVIDER_TYPES } from "../../federation/config.ts";
import { linkProviderForUser, listIdentities, unlinkIdentity } from "../../federation/identities.ts";
import { deleteIdentityProvider, getIdentityProvider, listIdentityProviders, putIdentityProvider, saveIdentityProviders } from "../identity-providers.ts";
import { AppError } from "../../errors.ts";
import { CreateIdentityPoolSchema, UpdateIdentityPoolSchema, createIdentityPool, deleteIdentityPool, deletePoolIdentity, getIdentityPoolView, listIdentityPoolViews, listPoolIdentities, updateIdentityPool } from "../identity-pools.ts";
import { AuthorizerBodySchema, createAuthorizer, deleteAuthorizer, getAuthorizer, listAuthorizers, updateAuthorizer } from "../authorizers.ts";
import { route, type Route } from "./router.ts";
import { userImportRoutes } from "./user-import-routes.ts";
import {
  ApiKeyOut, ApiKeyWithSecretsOut, AuthorizerOut, IdentityOut, IdentityPoolOut, AuditEventOut, ClientOut, ClientWithSecretOut, GroupOut, Ok, OutboxMessageOut, PoolOut, ResourceServerOut, UserDetailOut, UserPageOut, UserSessionOut, UserSummaryOut,
  DeviceOut, MfaPreferenceIn, MfaResetOut, PasskeyOut, UserMfaOut,
} from "./schemas.ts";

const PoolParams = z.object({ poolId: z.string().min(1).max(64) });
const UserParams = PoolParams.extend({ username: UserKeySchema });
const GroupParams = PoolParams.extend({ group: z.string().min(1).max(128) });
const ClientParams = PoolParams.extend({ clientId: z.string().min(1).max(128) });
const ResourceServerParams = PoolParams.extend({ identifier: z.string().min(1).max(256) });
const Page = z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });
const BrandingTarget = z.object({ clientId: z.string().min(1).max(128).optional() });
const BrandingStateOut = z.object({ poolId: z.string(), clientId: z.string().nullable(), draft: BrandingSchema, published: BrandingSchema, hasDraft: z.boolean(), inherited: BrandingSchema.nullable() });
const ContrastOut = z.array(z.object({ pair: z.string(), foreground: z.string(), background: z.string(), ratio: z.number(), required: z.number() }));
const DraftCheckOut = z.object({ cssWarnings: z.array(z.string()), contrast: ContrastOut, darkContrast: ContrastOut });
const TriggerName = z.enum(TRIGGER_NAMES);
const TriggerViewOut = z.object({
  url: z.string().optional(), hasSecret: z.boolean().optional().describe("A webhook's signing secret is set (it is never shown)"),
  lambdaArn: z.string().optional(), endpoint: z.string().optional(), version: z.enum(TOKEN_GENERATION_VERSIONS).optional(),
});
const TriggersOut = z.object({ triggers: z.object(Object.fromEntries(TRIGGER_NAMES.map((name) => [name, TriggerViewOut.optional()]))) });
const TriggerDeliveryOut = z.object({
  id: z.string(), trigger: z.string(), triggerSource: z.string(), ok: z.boolean(), status: z.number().nullable().describe("HTTP (or Lambda) status of the last try; null when nothing answered"),
  durationMs: z.number(), tries: z.number(), error: z.string().nullable(), createdAt: z.string().describe("ISO 8601 date-time"),
});
const TestEventOut = z.object({
  ok: z.boolean(), durationMs: z.number(), triggerSource: z.string(),
  response: z.unknown().optional().describe("The handler's `response`"), error: z.string().optional().describe("Cognito's UserLambdaValidationException text"),
});
const IdentityProviderParams = PoolParams.extend({ name: z.string().min(1).max(32) });
const IdentityProviderOut = z.object({
  name: z.string(), type: z.enum(PROVIDER_TYPES),
  details: z.record(z.string(), z.string()).describe("Cognito's ProviderDetails without the secrets (client_secret, private_key)"),
  secretsSet: z.array(z.string()).describe("Which secret details are stored (they are never shown)"),
  attributeMapping: z.record(z.string(), z.string()), idpIdentifiers: z.array(z.string()),
  createdAt: z.string().describe("ISO 8601 date-time (the pool's: providers are stored on the pool)"),
  updatedAt: z.string().describe("ISO 8601 date-time (the pool's last change)"),
}).meta({ id: "IdentityProvider" });
const IdentityPoolParams = z.object({ identityPoolId: z.string().min(1).max(64) });
const AuthorizerParams = z.object({ name: z.string().min(1).max(64) });
const IdentitiesOut = z.object({
  identities: z.array(z.object({
    userId: z.string().describe("The user's id at the provider"), providerName: z.string(), providerType: z.enum(PROVIDER_TYPES).nullable(),
    issuer: z.string().nullable(), primary: z.boolean(), dateCreated: z.number().describe("Epoch milliseconds"),
  })).describe("As Cognito's identities attribute"),
});

export const routes: Route[] = [
  // ---- pools
  route({
    method: "GET", path: "/pools", operationId: "listPools", tag: "User pools", summary: "List user pools",
    query: z.object({ includeSystem: z.enum(["true", "false"]).transform((v) => v === "true").default(false) }),
    response: z.object({ pools: z.array(PoolOut) }),
    handler: async ({ rt, query }) => ({ pools: await listPools(rt.db, { includeSystem: query.includeSystem }) }),
  }),
  route({
    method: "POST", path: "/pools", operationId: "createPool", tag: "User pools", summary: "Create a user pool", status: 201,
    body: CreatePoolSchema, response: PoolOut,
    handler: async ({ rt, body, audit }) => createPool(rt, body, { audit }),
    audit: () => ({}),
  }),
  route({
    method: "POST", path: "/pools/import", operationId: "importPool", tag: "User pools", summary: "Create or update a pool from an exported document (the GATEHOUSE_CONFIG pool format)",
    body: z.record(z.string(), z.unknown()),
    response: z.object({ poolId: z.string(), generatedSecrets: z.array(z.object({ poolId: z.string(), clientId: z.string(), clientSecret: z.string() })) }),
    handler: async ({ rt, body, audit }) => importPool(rt, body, { audit }),
    audit: ({ body }) => {
      const id = (body as { id?: unknown }).id; // a pool id string once the import has succeeded
      return { target: typeof id === "string" ? id : "", details: {} };
    },
  }),
  route({
    method: "GET", path: "/pools/{poolId}", operationId: "getPool", tag: "User pools", summary: "Get a user pool with the counts of what it holds",
    params: PoolParams, response: PoolOut,
    handler: async ({ rt, params }) => getPoolSummary(rt.db, params.poolId),
  }),
  route({
    method: "PATCH", path: "/pools/{poolId}", operationId: "updatePool", tag: "User pools", summary: "Change a pool's settings",
    params: PoolParams, body: UpdatePoolSchema, response: PoolOut,
    handler: async ({ rt, params, body, audit }) => updatePool(rt, params.poolId, body, { audit }),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}", operationId: "deletePool", tag: "User pools", summary: "Delete a pool with its users, groups, clients and keys", status: 204,
    params: PoolParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deletePool(rt, params.poolId, { audit });
      return null;
    },
  }),
  route({
    method: "GET", path: "/pools/{poolId}/export", operationId: "exportPool", tag: "User pools", summary: "Export a pool as a GATEHOUSE_CONFIG pool document (no secrets or passwords)",
    params: PoolParams, query: z.object({ users: z.enum(["true", "false"]).transform((v) => v === "true").default(true) }),
    response: z.record(z.string(), z.unknown()),
    handler: async ({ rt, params, query }) => exportPool(rt.db, params.poolId, { users: query.users }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/signing-keys/rotate", operationId: "rotateSigningKey", tag: "User pools", summary: "Rotate the pool's token signing key (the old key stays published until its tokens expire)",
    params: PoolParams, response: z.object({ kid: z.string() }),
    handler: async ({ rt, params, audit }) => {
      await getPool(rt.db, params.poolId);
      const kid = await rotateSigningKey(rt.db, rt.secrets, params.poolId, { audit });
      await rt.providers.invalidate(params.poolId);
      return { kid };
    },
  }),

  // ---- users
  route({
    method: "GET", path: "/pools/{poolId}/users", operationId: "listUsers", tag: "Users", summary: "Search, filter, sort and page through users",
    params: PoolParams, query: UserSearchSchema, response: UserPageOut,
    handler: async ({ rt, params, query }) => {
      return searchUsers(rt.db, await getPool(rt.db, params.poolId), query);
    },
  }),
  route({
    method: "POST", path: "/pools/{poolId}/users", operationId: "createUser", tag: "Users", summary: "Create a user with a temporary password (generated when not given), optionally sending an invitation; or, with passwordHash, a CONFIRMED user who signs in with the password they had elsewhere", status: 201,
    params: PoolParams,
    body: CreateUserBodySchema,
    response: z.object({ user: UserDetailOut, temporaryPassword: z.string().nullable().describe("Shown only in this response"), invitationSentTo: z.string().nullable() }),
    handler: async ({ rt, params, body, audit }) => {
      const pool = await getPool(rt.db, params.poolId);
      const created = await createUser(rt, {
        pool, username: body.username, attributes: body.attributes, groups: body.groups, sendInvitation: body.sendInvitation,
        password: body.temporaryPassword ? { value: body.temporaryPassword, permanent: false } : undefined, passwordHash: body.passwordHash,
        signInUrl: signInUrl(rt.env.publicUrl, pool.id), audit,
      });
      return { user: await getUser(rt.db, pool.id, created.user.username), temporaryPassword: created.temporaryPassword, invitationSentTo: created.invitationSentTo };
    },
    audit: ({ body }) => ({ target: (body as { username?: string }).username ?? (body as { attributes: Record<string, string> }).attributes.email ?? null, details: { request: { ...(body as object), temporaryPassword: undefined, passwordHash: undefined } } }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/users/{username}", operationId: "getUser", tag: "Users", summary: "Get a user by username or sub",
    params: UserParams, response: UserDetailOut,
    handler: async ({ rt, params }) => getUser(rt.db, params.poolId, params.username),
  }),
  route({
    method: "PATCH", path: "/pools/{poolId}/users/{username}", operationId: "updateUserAttributes", tag: "Users", summary: "Set attributes (an empty string removes one)",
    params: UserParams, body: UpdateAttributesBodySchema, response: UserDetailOut,
    handler: async ({ rt, params, body, audit }) => updateUserAttributes(rt.db, { pool: await getPool(rt.db, params.poolId), username: params.username, attributes: body.attributes, audit }),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/users/{username}", operationId: "deleteUser", tag: "Users", summary: "Delete a user and end their sessions", status: 204,
    params: UserParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await assertNotLastAdmin(rt.db, params);
      await deleteUser(rt.db, { ...params, audit });
      return null;
    },
  }),
  route({
    method: "POST", path: "/pools/{poolId}/users/{username}/disable", operationId: "disableUser", tag: "Users", summary: "Disable a user (they cannot sign in; their sessions end)",
    params: UserParams, response: UserDetailOut,
    handler: async ({ rt, params, audit }) => {
      await assertNotLastAdmin(rt.db, params);
      return setUserEnabled(rt.db, { ...params, enabled: false, audit });
    },
  }),
  route({
    method: "POST", path: "/pools/{poolId}/users/{username}/enable", operationId: "enableUser", tag: "Users", summary: "Enable a disabled user",
    params: UserParams, response: UserDetailOut,
    handler: async ({ rt, params, audit }) => setUserEnabled(rt.db, { ...params, enabled: true, audit }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/users/{username}/password", operationId: "setUserPassword", tag: "Users",
    summary: "Reset a password: a temporary one (generated when not given, changed at next sign-in, optionally sent) or a permanent one. Ends the user's sessions.",
    params: UserParams,
    body: SetPasswordBodySchema,
    response: z.object({ user: UserDetailOut, temporaryPassword: z.string().nullable(), sentTo: z.string().nullable() }),
    handler: async ({ rt, params, body, audit }) => setUserPassword(rt, { pool: await getPool(rt.db, params.poolId), username: params.username, ...body, signInUrl: signInUrl(rt.env.publicUrl, params.poolId), audit }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/users/{username}/sessions", operationId: "listUserSessions", tag: "Users", summary: "Where the user is signed in: their live sessions, apps and refresh tokens",
    params: UserParams, response: z.object({ sessions: z.array(UserSessionOut), refreshTokens: z.number().describe("Every usable refresh token, including those of ended sessions") }),
    handler: async ({ rt, params }) => listUserSessions(rt.db, params),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/users/{username}/sessions/{sessionId}", operationId: "revokeUserSession", tag: "Users", summary: "Sign the user out of one session: it ends, with its grants and their tokens",
    params: UserParams.extend({ sessionId: z.string().min(1).max(128) }), response: z.object({ revoked: z.number() }),
    handler: async ({ rt, params, audit }) => revokeUserSession(rt.db, { ...params, audit }),
    audit: ({ params }) => ({ target: params.username, details: { sessionId: params.sessionId } }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/users/{username}/sign-out", operationId: "signOutUser", tag: "Users", summary: "Sign a user out everywhere: revoke their sessions and refresh tokens",
    params: UserParams, response: z.object({ revoked: z.number() }),
    handler: async ({ rt, params, audit }) => signOutEverywhere(rt.db, { ...params, audit }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/users/{username}/mfa", operationId: "getUserMfa", tag: "Users",
    summary: "The user's second factors: which are on (authenticator app, SMS, email) and preferred, recovery codes left, how many passkeys and devices",
    params: UserParams, response: UserMfaOut,
    handler: async ({ rt, params }) => getUserMfa(rt.db, { pool: await getPool(rt.db, params.poolId), username: params.username }),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/users/{username}/mfa", operationId: "setUserMfaPreference", tag: "Users",
    summary: "Turn factors on or off and set the preferred one (Cognito's AdminSetUserMFAPreference, with its rules: a factor needs a verified authenticator, phone or email; a required MFA keeps one factor)",
    params: UserParams, body: MfaPreferenceIn, response: UserMfaOut,
    handler: async ({ rt, params, body, audit }) => setUserMfaPreference(rt.db, { pool: await getPool(rt.db, params.poolId), username: params.username, changes: body, audit }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/users/{username}/mfa/reset", operationId: "resetUserMfa", tag: "Users",
    summary: "Leave the user no second factor: remove the authenticator app, turn SMS and email codes off, clear the preference, delete the recovery codes and forget every device, at once. Passkeys stay.",
    params: UserParams, response: MfaResetOut,
    handler: async ({ rt, params, audit }) => resetUserMfa(rt.db, { ...params, audit }),
    audit: ({ params, result }) => ({ target: params.username, details: { removed: (result as { removed: unknown }).removed } }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/users/{username}/passkeys", operationId: "listUserPasskeys", tag: "Users", summary: "The user's passkeys (never their public keys)",
    params: UserParams, response: z.object({ passkeys: z.array(PasskeyOut) }),
    handler: async ({ rt, params }) => listUserPasskeys(rt.db, params),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/users/{username}/passkeys/{credentialId}", operationId: "deletePasskey", tag: "Users",
    summary: "Delete one of the user's passkeys (its credential id base64url, as listed); answers the passkeys left",
    params: UserParams.extend({ credentialId: z.string().min(1).max(1024) }), response: z.object({ passkeys: z.array(PasskeyOut) }),
    handler: async ({ rt, params, audit }) => deleteUserPasskey(rt.db, { ...params, audit }),
    audit: ({ params }) => ({ target: params.username, details: { credentialId: params.credentialId } }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/users/{username}/devices", operationId: "listUserDevices", tag: "Users", summary: "The user's confirmed devices, newest first (as AdminListDevices)",
    params: UserParams, response: z.object({ devices: z.array(DeviceOut) }),
    handler: async ({ rt, params }) => listUserDevices(rt.db, params),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/users/{username}/devices/{deviceKey}", operationId: "forgetDevice", tag: "Users",
    summary: "Forget one of the user's devices (as AdminForgetDevice): it no longer skips MFA; answers the devices left",
    params: UserParams.extend({ deviceKey: z.string().min(1).max(55) }), response: z.object({ devices: z.array(DeviceOut) }),
    handler: async ({ rt, params, audit }) => forgetUserDevice(rt.db, { ...params, audit }),
    audit: ({ params }) => ({ target: params.username, details: { deviceKey: params.deviceKey } }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/users/{username}/recovery-codes", operationId: "getUserRecoveryCodes", tag: "Users",
    summary: "How many of the user's recovery codes are left (Gatehouse's own; the codes themselves are stored hashed)",
    params: UserParams, response: z.object({ remaining: z.number() }),
    handler: async ({ rt, params }) => getUserRecoveryCodes(rt.db, params),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/users/{username}/recovery-codes", operationId: "clearUserRecoveryCodes", tag: "Users",
    summary: "Remove the user's recovery codes: none of them signs in any more",
    params: UserParams, response: z.object({ removed: z.number() }),
    handler: async ({ rt, params, audit }) => clearUserRecoveryCodes(rt.db, { ...params, audit }),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/users/{username}/groups", operationId: "setUserGroups", tag: "Users", summary: "Replace the user's group memberships",
    params: UserParams, body: SetGroupsBodySchema, response: UserDetailOut,
    handler: async ({ rt, params, body, audit }) => {
      if (!body.groups.includes("admins")) await assertNotLastAdmin(rt.db, params);
      return setUserGroups(rt.db, { ...params, groups: body.groups, audit });
    },
  }),

  // ---- groups
  route({
    method: "GET", path: "/pools/{poolId}/groups", operationId: "listGroups", tag: "Groups", summary: "List groups",
    params: PoolParams, response: z.object({ groups: z.array(GroupOut) }),
    handler: async ({ rt, params }) => ({ groups: await listGroups(rt.db, (await getPool(rt.db, params.poolId)).id) }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/groups", operationId: "createGroup", tag: "Groups", summary: "Create a group", status: 201,
    params: PoolParams, body: CreateGroupSchema, response: GroupOut,
    handler: async ({ rt, params, body, audit }) => createGroup(rt.db, (await getPool(rt.db, params.poolId)).id, body, { audit }),
    audit: ({ body }) => ({ target: (body as { name: string }).name }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/groups/{group}", operationId: "getGroup", tag: "Groups", summary: "Get a group",
    params: GroupParams, response: GroupOut,
    handler: async ({ rt, params }) => getGroup(rt.db, params.poolId, params.group),
  }),
  route({
    method: "PATCH", path: "/pools/{poolId}/groups/{group}", operationId: "updateGroup", tag: "Groups", summary: "Change a group's precedence, role or description",
    params: GroupParams, body: UpdateGroupSchema, response: GroupOut,
    handler: async ({ rt, params, body, audit }) => updateGroup(rt.db, params.poolId, params.group, body, { audit }),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/groups/{group}", operationId: "deleteGroup", tag: "Groups", summary: "Delete a group (its members stay, without it)", status: 204,
    params: GroupParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deleteGroup(rt.db, { poolId: params.poolId, name: params.group, system: params.poolId === SYSTEM_POOL_ID, audit });
      return null;
    },
  }),
  route({
    method: "GET", path: "/pools/{poolId}/groups/{group}/members", operationId: "listGroupMembers", tag: "Groups", summary: "List a group's members",
    params: GroupParams, query: Page, response: z.object({ users: z.array(UserSummaryOut), nextCursor: z.string().nullable() }),
    handler: async ({ rt, params, query }) => listGroupMembers(rt.db, await getPool(rt.db, params.poolId), params.group, query),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/groups/{group}/members/{username}", operationId: "addGroupMember", tag: "Groups", summary: "Add a user to a group",
    params: GroupParams.extend({ username: z.string().min(1).max(256) }), response: Ok,
    handler: async ({ rt, params, audit }) => {
      const user = await findUserRow(rt.db, params.poolId, params.username);
      await addGroupMember(rt.db, { poolId: params.poolId, group: params.group, userId: user.id, audit });
      return { ok: true as const };
    },
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/groups/{group}/members/{username}", operationId: "removeGroupMember", tag: "Groups", summary: "Remove a user from a group",
    params: GroupParams.extend({ username: z.string().min(1).max(256) }), response: Ok,
    handler: async ({ rt, params, audit }) => {
      const user = await findUserRow(rt.db, params.poolId, params.username);
      await removeGroupMember(rt.db, { poolId: params.poolId, group: params.group, userId: user.id, system: params.poolId === SYSTEM_POOL_ID, audit });
      return { ok: true as const };
    },
  }),

  // ---- app clients
  route({
    method: "GET", path: "/pools/{poolId}/clients", operationId: "listClients", tag: "App clients", summary: "List app clients",
    params: PoolParams, response: z.object({ clients: z.array(ClientOut) }),
    handler: async ({ rt, params }) => ({ clients: await listClients(rt.db, (await getPool(rt.db, params.poolId)).id) }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/clients", operationId: "createClient", tag: "App clients", summary: "Create an app client; a generated secret is returned only here", status: 201,
    params: PoolParams, body: CreateClientSchema, response: ClientWithSecretOut,
    handler: async ({ rt, params, body, audit }) => createClient(rt, (await getPool(rt.db, params.poolId)).id, body, { audit }),
    audit: ({ body }) => ({ target: (body as { name: string }).name }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/clients/{clientId}", operationId: "getClient", tag: "App clients", summary: "Get an app client",
    params: ClientParams, response: ClientOut,
    handler: async ({ rt, params }) => getClient(rt.db, params.poolId, params.clientId),
  }),
  route({
    method: "PATCH", path: "/pools/{poolId}/clients/{clientId}", operationId: "updateClient", tag: "App clients", summary: "Change an app client's settings",
    params: ClientParams, body: UpdateClientSchema, response: ClientOut,
    handler: async ({ rt, params, body, audit }) => updateClient(rt, params.poolId, params.clientId, body, { audit }),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/clients/{clientId}", operationId: "deleteClient", tag: "App clients", summary: "Delete an app client and its tokens", status: 204,
    params: ClientParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deleteClient(rt, params.poolId, params.clientId, { audit });
      return null;
    },
  }),
  route({
    method: "POST", path: "/pools/{poolId}/clients/{clientId}/secret", operationId: "rotateClientSecret", tag: "App clients", summary: "Replace the client secret; the new one is returned only here",
    params: ClientParams, response: z.object({ client: ClientOut, clientSecret: z.string() }),
    handler: async ({ rt, params, audit }) => rotateClientSecret(rt, params.poolId, params.clientId, { audit }),
  }),

  // ---- resource servers
  route({
    method: "GET", path: "/pools/{poolId}/resource-servers", operationId: "listResourceServers", tag: "Resource servers", summary: "List resource servers and their scopes",
    params: PoolParams, response: z.object({ resourceServers: z.array(ResourceServerOut) }),
    handler: async ({ rt, params }) => ({ resourceServers: await listResourceServers(rt.db, (await getPool(rt.db, params.poolId)).id) }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/resource-servers", operationId: "createResourceServer", tag: "Resource servers", summary: "Create a resource server", status: 201,
    params: PoolParams, body: ResourceServerSchema, response: ResourceServerOut,
    handler: async ({ rt, params, body, audit }) => createResourceServer(rt, (await getPool(rt.db, params.poolId)).id, body, { audit }),
    audit: ({ body }) => ({ target: (body as { identifier: string }).identifier }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/resource-servers/{identifier}", operationId: "getResourceServer", tag: "Resource servers", summary: "Get a resource server (identifier URL-encoded)",
    params: ResourceServerParams, response: ResourceServerOut,
    handler: async ({ rt, params }) => getResourceServer(rt.db, params.poolId, params.identifier),
  }),
  route({
    method: "PATCH", path: "/pools/{poolId}/resource-servers/{identifier}", operationId: "updateResourceServer", tag: "Resource servers", summary: "Change a resource server's name or scopes",
    params: ResourceServerParams, body: UpdateResourceServerSchema, response: ResourceServerOut,
    handler: async ({ rt, params, body, audit }) => updateResourceServer(rt, params.poolId, params.identifier, body, { audit }),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/resource-servers/{identifier}", operationId: "deleteResourceServer", tag: "Resource servers", summary: "Delete a resource server", status: 204,
    params: ResourceServerParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deleteResourceServer(rt, params.poolId, params.identifier, { audit });
      return null;
    },
  }),

  // ---- branding (the pool's, or with ?clientId= one client's overrides)
  route({
    method: "GET", path: "/pools/{poolId}/branding", operationId: "getBranding", tag: "Branding", summary: "The draft and published branding of the pool or of one client",
    params: PoolParams, query: BrandingTarget, response: BrandingStateOut,
    handler: async ({ rt, params, query }) => getBrandingState(rt.db, params.poolId, query.clientId ?? null),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/branding/draft", operationId: "saveBrandingDraft", tag: "Branding", summary: "Save a draft (shown in previews, not to users); returns CSS and contrast warnings",
    params: PoolParams, query: BrandingTarget, body: BrandingSchema, response: DraftCheckOut,
    handler: async ({ rt, params, query, body, audit }) => saveBrandingDraft(rt.db, { poolId: params.poolId, clientId: query.clientId ?? null, branding: body, audit }),
    audit: ({ query }) => ({ target: (query as { clientId?: string }).clientId ?? null, details: {} }),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/branding/draft", operationId: "discardBrandingDraft", tag: "Branding", summary: "Discard the draft",
    params: PoolParams, query: BrandingTarget, response: BrandingStateOut,
    handler: async ({ rt, params, query, audit }) => discardBrandingDraft(rt.db, { poolId: params.poolId, clientId: query.clientId ?? null, audit }),
    audit: ({ query }) => ({ target: (query as { clientId?: string }).clientId ?? null, details: {} }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/branding/publish", operationId: "publishBranding", tag: "Branding", summary: "Publish the draft: new page loads on every instance use it",
    params: PoolParams, query: BrandingTarget, response: BrandingStateOut,
    handler: async ({ rt, params, query, audit }) => publishBranding(rt, { poolId: params.poolId, clientId: query.clientId ?? null, audit }),
    audit: ({ query }) => ({ target: (query as { clientId?: string }).clientId ?? null, details: {} }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/branding/assets", operationId: "uploadBrandingAsset", tag: "Branding", summary: "Upload a logo or favicon (PNG, JPEG, GIF, WebP, SVG or ICO; at most 512 KB) as the request body", status: 201,
    params: PoolParams, rawBody: { contentTypes: ASSET_TYPES, maxBytes: ASSET_LIMITS.maxBytes },
    response: z.object({ id: z.string(), url: z.string(), contentType: z.string(), size: z.number() }),
    handler: async ({ rt, params, body, audit }) => {
      const upload = body as unknown as { contentType: string; bytes: Uint8Array };
      return uploadBrandingAsset(rt.db, { poolId: params.poolId, ...upload, audit });
    },
  }),

  // ---- triggers (Cognito's LambdaConfig)
  route({
    method: "GET", path: "/pools/{poolId}/triggers", operationId: "getTriggers", tag: "Triggers", summary: "The pool's triggers (webhook URLs or Lambda ARNs; never their secrets)",
    params: PoolParams, response: TriggersOut,
    handler: async ({ rt, params }) => getTriggers(rt.db, params.poolId),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/triggers", operationId: "setTriggers", tag: "Triggers",
    summary: "Replace the pool's triggers. A webhook given without `secret` keeps its stored secret when its url is unchanged.",
    params: PoolParams, body: TriggersUpdateSchema, response: TriggersOut,
    handler: async ({ rt, params, body, audit }) => saveTriggers(rt, params.poolId, body, { audit }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/triggers/deliveries", operationId: "listTriggerDeliveries", tag: "Triggers", summary: "The last 20 deliveries, newest first (of one trigger with ?trigger=); kept 7 days",
    params: PoolParams, query: z.object({ trigger: TriggerName.optional() }), response: z.object({ deliveries: z.array(TriggerDeliveryOut) }),
    handler: async ({ rt, params, query }) => ({ deliveries: await listTriggerDeliveries(rt.db, { poolId: (await getPool(rt.db, params.poolId)).id, ...(query.trigger ? { trigger: query.trigger } : {}) }) }),
  }),
  route({
    method: "POST", path: "/pools/{poolId}/triggers/{trigger}/test", operationId: "sendTriggerTestEvent", tag: "Triggers",
    summary: "Send the trigger a sample event of its first source (e.g. PreSignUp_SignUp), with the usual signature, timeout and retries; recorded as a delivery",
    params: PoolParams.extend({ trigger: TriggerName }), response: TestEventOut,
    handler: async ({ rt, params }) => sendTestEvent(rt, params.poolId, params.trigger),
    audit: ({ params }) => ({ target: params.trigger, details: {} }),
  }),

  // ---- identity providers (federation)
  route({
    method: "GET", path: "/pools/{poolId}/identity-providers", operationId: "listIdentityProviders", tag: "Identity providers",
    summary: "The pool's identity providers (Google, Facebook, Apple, OIDC, SAML); never their secrets, only which are set",
    params: PoolParams, response: z.object({ identityProviders: z.array(IdentityProviderOut) }),
    handler: async ({ rt, params }) => listIdentityProviders(rt, params.poolId),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/identity-providers", operationId: "setIdentityProviders", tag: "Identity providers",
    summary: "Replace the pool's identity providers. One given without its secret keeps the stored secret of the same name and type; app clients lose the providers that are gone.",
    params: PoolParams, body: IdentityProvidersUpdateSchema, response: z.object({ identityProviders: z.array(IdentityProviderOut) }),
    handler: async ({ rt, params, body, audit }) => saveIdentityProviders(rt, params.poolId, body, { audit }),
    audit: () => ({ target: null }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/identity-providers/{name}", operationId: "getIdentityProvider", tag: "Identity providers", summary: "One identity provider (never its secrets)",
    params: IdentityProviderParams, response: IdentityProviderOut,
    handler: async ({ rt, params }) => getIdentityProvider(rt, params.poolId, params.name),
  }),
  route({
    method: "PUT", path: "/pools/{poolId}/identity-providers/{name}", operationId: "putIdentityProvider", tag: "Identity providers",
    summary: "Create the identity provider, or replace it (without its secret it keeps the stored one). The body's name is the path's.",
    params: IdentityProviderParams, body: IdentityProviderUpdateSchema, response: IdentityProviderOut,
    handler: async ({ rt, params, body, audit }) => {
      if (body.name !== params.name) throw new AppError("InvalidParameterException", `The body names ${body.name} but the path ${params.name}.`, { field: "name" });
      return putIdentityProvider(rt, params.poolId, body, { audit });
    },
    audit: ({ params }) => ({ target: params.name }),
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/identity-providers/{name}", operationId: "deleteIdentityProvider", tag: "Identity providers",
    summary: "Delete an identity provider; app clients stop offering it (its users and links stay)", status: 204,
    params: IdentityProviderParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deleteIdentityProvider(rt, params.poolId, params.name, { audit });
      return null;
    },
    audit: ({ params }) => ({ target: params.name, details: {} }),
  }),
  route({
    method: "GET", path: "/pools/{poolId}/users/{username}/identities", operationId: "listUserIdentities", tag: "Users", summary: "The identities at identity providers linked to the user (Cognito's identities attribute)",
    params: UserParams, response: IdentitiesOut,
    handler: async ({ rt, params }) => {
      const pool = await getPool(rt.db, params.poolId);
      const user = await findUserRow(rt.db, pool.id, params.username);
      return { identities: await listIdentities(rt.db, { userId: user.id, pool }) };
    },
  }),
  route({
    method: "POST", path: "/pools/{poolId}/users/{username}/identities", operationId: "linkUserIdentity", tag: "Users",
    summary: "Link the user to an identity at one of the pool's providers (Cognito's AdminLinkProviderForUser): signing in there signs in as this user",
    params: UserParams, body: z.strictObject({ providerName: z.string().min(1).max(32), providerUserId: z.string().trim().min(1).max(2048) }), response: IdentitiesOut,
    handler: async ({ rt, params, body, audit }) => {
      const pool = await getPool(rt.db, params.poolId);
      const user = await findUserRow(rt.db, pool.id, params.username);
      return { identities: await linkProviderForUser(rt.db, { pool, userId: user.id, ...body, audit }) };
    },
  }),
  route({
    method: "DELETE", path: "/pools/{poolId}/users/{username}/identities/{providerName}/{providerUserId}", operationId: "unlinkUserIdentity", tag: "Users",
    summary: "Unlink an identity from the user (its next sign-in makes a new user); ids URL-encoded",
    params: UserParams.extend({ providerName: z.string().min(1).max(32), providerUserId: z.string().min(1).max(2048) }), response: IdentitiesOut,
    handler: async ({ rt, params, audit }) => {
      const pool = await getPool(rt.db, params.poolId);
      const user = await findUserRow(rt.db, pool.id, params.username);
      return { identities: await unlinkIdentity(rt.db, { pool, userId: user.id, providerName: params.providerName, providerUserId: params.providerUserId, audit }) };
    },
    audit: ({ params }) => ({ target: params.username, details: { providerName: params.providerName, providerUserId: params.providerUserId } }),
  }),

  // ---- identity pools (deployment-wide, as API keys)
  route({
    method: "GET", path: "/identity-pools", operationId: "listIdentityPools", tag: "Identity pools", summary: "List identity pools",
    response: z.object({ identityPools: z.array(IdentityPoolOut) }),
    handler: async ({ rt }) => ({ identityPools: await listIdentityPoolViews(rt.db) }),
  }),
  route({
    method: "POST", path: "/identity-pools", operationId: "createIdentityPool", tag: "Identity pools",
    summary: "Create an identity pool; its id is generated as {region}:{uuid} (region `local` unless given). Each provider must be an app client of an existing user pool.", status: 201,
    body: CreateIdentityPoolSchema, response: IdentityPoolOut,
    handler: async ({ rt, body, audit }) => createIdentityPool(rt.db, body, { audit }),
    audit: ({ result }) => ({ target: (result as { id: string }).id }),
  }),
  route({
    method: "GET", path: "/identity-pools/{identityPoolId}", operationId: "getIdentityPool", tag: "Identity pools", summary: "Get an identity pool",
    params: IdentityPoolParams, response: IdentityPoolOut,
    handler: async ({ rt, params }) => getIdentityPoolView(rt.db, params.identityPoolId),
  }),
  route({
    method: "PUT", path: "/identity-pools/{identityPoolId}", operationId: "updateIdentityPool", tag: "Identity pools", summary: "Replace an identity pool's settings (its identities stay)",
    params: IdentityPoolParams, body: UpdateIdentityPoolSchema, response: IdentityPoolOut,
    handler: async ({ rt, params, body, audit }) => updateIdentityPool(rt.db, params.identityPoolId, body, { audit }),
    audit: ({ params }) => ({ target: params.identityPoolId }),
  }),
  route({
    method: "DELETE", path: "/identity-pools/{identityPoolId}", operationId: "deleteIdentityPool", tag: "Identity pools",
    summary: "Delete an identity pool with its identities (refused while an authorizer accepts its credentials)", status: 204,
    params: IdentityPoolParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deleteIdentityPool(rt.db, params.identityPoolId, { audit });
      return null;
    },
    audit: ({ params }) => ({ target: params.identityPoolId, details: {} }),
  }),
  route({
    method: "GET", path: "/identity-pools/{identityPoolId}/identities", operationId: "listIdentityPoolIdentities", tag: "Identity pools", summary: "Page through the identity pool's identities",
    params: IdentityPoolParams, query: Page, response: z.object({ identities: z.array(IdentityOut), nextCursor: z.string().nullable() }),
    handler: async ({ rt, params, query }) => listPoolIdentities(rt.db, { identityPoolId: params.identityPoolId, ...query }),
  }),
  route({
    method: "DELETE", path: "/identity-pools/{identityPoolId}/identities/{identityId}", operationId: "deleteIdentityPoolIdentity", tag: "Identity pools",
    summary: "Delete an identity and its logins (its next GetId makes a new one)", status: 204,
    params: IdentityPoolParams.extend({ identityId: z.string().min(1).max(64) }), response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deletePoolIdentity(rt.db, { ...params, audit });
      return null;
    },
    audit: ({ params }) => ({ target: params.identityPoolId, details: { identityId: params.identityId } }),
  }),

  // ---- authorizers (deployment-wide)
  route({
    method: "GET", path: "/authorizers", operationId: "listAuthorizers", tag: "Authorizers", summary: "List authorizers",
    response: z.object({ authorizers: z.array(AuthorizerOut) }),
    handler: async ({ rt }) => ({ authorizers: await listAuthorizers(rt.db) }),
  }),
  route({
    method: "POST", path: "/authorizers", operationId: "createAuthorizer", tag: "Authorizers",
    summary: "Create an authorizer; the user pools, app clients and identity pools it names must exist. It answers at {PUBLIC_URL}/authorizers/{name}.", status: 201,
    body: AuthorizerBodySchema, response: AuthorizerOut,
    handler: async ({ rt, body, audit }) => createAuthorizer(rt, body, { audit }),
    audit: ({ body }) => ({ target: (body as { name: string }).name }),
  }),
  route({
    method: "GET", path: "/authorizers/{name}", operationId: "getAuthorizer", tag: "Authorizers", summary: "Get an authorizer",
    params: AuthorizerParams, response: AuthorizerOut,
    handler: async ({ rt, params }) => getAuthorizer(rt.db, params.name),
  }),
  route({
    method: "PUT", path: "/authorizers/{name}", operationId: "updateAuthorizer", tag: "Authorizers", summary: "Replace an authorizer's settings (the body's name is the path's); cached answers are dropped",
    params: AuthorizerParams, body: AuthorizerBodySchema, response: AuthorizerOut,
    handler: async ({ rt, params, body, audit }) => updateAuthorizer(rt, params.name, body, { audit }),
    audit: ({ params }) => ({ target: params.name }),
  }),
  route({
    method: "DELETE", path: "/authorizers/{name}", operationId: "deleteAuthorizer", tag: "Authorizers", summary: "Delete an authorizer: its endpoint answers 404 from then on", status: 204,
    params: AuthorizerParams, response: z.null(),
    handler: async ({ rt, params, audit }) => {
      await deleteAuthorizer(rt, params.name, { audit });
      return null;
    },
    audit: ({ params }) => ({ target: params.name, details: {} }),
  }),

  // ---- outbox, audit, keys
  route({
    method: "GET", path: "/pools/{poolId}/outbox", operationId: "listOutbox", tag: "Outbox", summary: "Messages the pool sent (installs without SMTP_URL keep them here)",
    params: PoolParams, query: Page, response: z.object({ messages: z.array(OutboxMessageOut), nextCursor: z.string().nullable() }),
    handler: async ({ rt, params, query }) => listPoolOutbox(rt.db, (await getPool(rt.db, params.poolId)).id, query),
  }),
  route({
    method: "GET", path: "/audit-events", operationId: "listAuditEvents", tag: "Audit log", summary: "Sign-ins, failures, lockouts and admin changes, newest first",
    query: AuditQuerySchema, response: z.object({ events: z.array(AuditEventOut), nextCursor: z.string().nullable() }),
    handler: async ({ rt, query }) => listAuditEvents(rt.db, query),
  }),
  route({
    method: "GET", path: "/api-keys", operationId: "listApiKeys", tag: "API keys", summary: "List API keys (never the keys themselves)",
    response: z.object({ apiKeys: z.array(ApiKeyOut) }),
    handler: async ({ rt }) => ({ apiKeys: await listApiKeys(rt.db) }),
  }),
  route({
    method: "POST", path: "/api-keys", operationId: "createApiKey", tag: "API keys", summary: "Create an API key; the key and its AWS secret access key are returned only here", status: 201,
    body: CreateApiKeySchema, response: ApiKeyWithSecretsOut,
    handler: async ({ rt, body, caller, audit }) => createApiKey(rt, { name: body.name, createdBy: caller.name, audit }),
    audit: ({ body }) => ({ target: (body as { name: string }).name }),
  }),
  route({
    method: "DELETE", path: "/api-keys/{id}", operationId: "revokeApiKey", tag: "API keys", summary: "Revoke an API key (it stops working at once)",
    params: z.object({ id: z.string().min(1).max(64) }), response: ApiKeyOut,
    handler: async ({ rt, params, audit }) => revokeApiKey(rt.db, params.id, { audit }),
  }),
  route({
    method: "GET", path: "/me", operationId: "getCaller", tag: "API keys", summary: "Who the API sees: the admin or the API key",
    response: z.object({ type: z.enum(["admin", "api-key"]), id: z.string(), name: z.string() }),
    handler: async ({ caller }) => caller,
  }),
  ...userImportRoutes,
];

function signInUrl(publicUrl: string, poolId: string): string | null {
  return poolId === SYSTEM_POOL_ID ? `${publicUrl}/admin` : null;
}
