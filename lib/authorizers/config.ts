// An authorizer's settings, as the config file, the admin API and the console give them: what
// API Gateway's COGNITO_USER_POOLS (or JWT) and AWS_IAM authorizers check, plus rules per path.
import { z } from "zod";
import { PoolIdSchema } from "../pools/pool-id.ts";
import { IdentityPoolIdSchema, RoleArnSchema } from "../identity-pools/config.ts";

export const AUTHORIZER_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * A rule: which requests it covers (methods, and a path that is exact or, ending in `/*`, a
 * prefix: `/orders/*` covers everything below `/orders/`), and what they need. The first rule
 * that covers a request decides; a request no rule covers needs only a valid token (or signature).
 */
const RuleBase = {
  methods: z.array(z.enum(HTTP_METHODS)).min(1).optional(),
  path: z.string().max(1024).regex(/^\/[^?#\s]*$/, "a path starting with /, optionally ending in /* (no query)")
    .refine((p) => !p.slice(0, -1).includes("*"), "* may only end the path, as /*"),
};
export const TokenRuleSchema = z.strictObject({
  ...RuleBase,
  /** Every one is needed (an access token's `scope`). */
  scopes: z.array(z.string().min(1).max(256)).max(50).optional(),
  /** Any one will do (`cognito:groups`). */
  groups: z.array(z.string().min(1).max(128)).max(50).optional(),
});
export const IamRuleSchema = z.strictObject({
  ...RuleBase,
  /** Any one will do: the role the credentials were issued for. */
  roles: z.array(RoleArnSchema).min(1).max(50).optional(),
});
export type TokenRule = z.infer<typeof TokenRuleSchema>;
export type IamRule = z.infer<typeof IamRuleSchema>;

const name = z.string().regex(AUTHORIZER_NAME, "authorizer names are 1-64 letters, digits, _ or -");

export const AuthorizerSchema = z.discriminatedUnion("type", [
  z.strictObject({
    name,
    type: z.literal("COGNITO_USER_POOLS"),
    poolIds: z.array(PoolIdSchema).min(1).max(20),
    /** Which tokens it takes: access tokens (API Gateway's JWT authorizer), ID tokens (its Cognito authorizer) or either. */
    tokenUse: z.enum(["access", "id", "any"]).default("access"),
    /** App clients whose tokens it takes (`client_id` of access tokens, `aud` of ID tokens); none listed: any of the pools'. */
    clientIds: z.array(z.string().min(1).max(128)).max(100).default([]),
    rules: z.array(TokenRuleSchema).max(100).default([]),
  }),
  z.strictObject({
    name,
    type: z.literal("AWS_IAM"),
    identityPoolIds: z.array(IdentityPoolIdSchema).min(1).max(20),
    rules: z.array(IamRuleSchema).max(100).default([]),
  }),
]);
export type AuthorizerConfig = z.infer<typeof AuthorizerSchema>;
export type TokenAuthorizer = Extract<AuthorizerConfig, { type: "COGNITO_USER_POOLS" }>;
export type IamAuthorizer = Extract<AuthorizerConfig, { type: "AWS_IAM" }>;
