// Developer-authenticated identities, all signed with an admin API key (the back end that vouches
// for its users): GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity,
// MergeDeveloperIdentities and UnlinkDeveloperIdentity.
import { z } from "zod";
import { AppError } from "../../errors.ts";
import type { IdentityPool } from "../config.ts";
import { getOpenIdTokenForDeveloperIdentity } from "../get-credentials.ts";
import { findIdentity, identityOfLogin, mergeIdentities, subjectsOf, unlinkLogins } from "../identities.ts";
import { getIdentityPool } from "../identity-pools.queries.ts";
import { MAX_TOKEN_SECONDS } from "../open-id-token.ts";
import {
  decodeToken, DeveloperProviderName, DeveloperUserIdentifier, encodeToken, IdentityId, IdentityPoolId, Logins, MaxResults, NextToken, signedIdentityOperation,
} from "./common.ts";

/** The pool's developer provider, which must be the one the call names (when it names one). */
function developerProviderOf(pool: IdentityPool, named?: string): string {
  if (!pool.developerProviderName) throw new AppError("InvalidParameterException", "The identity pool has no developer provider name.");
  if (named !== undefined && named !== pool.developerProviderName) throw new AppError("InvalidParameterException", `Developer provider name '${named}' is not the identity pool's.`);
  return pool.developerProviderName;
}

const userNotFound = (identifier: string) => new AppError("ResourceNotFoundException", `Developer user identifier '${identifier}' not found.`);

export const GetOpenIdTokenForDeveloperIdentity = signedIdentityOperation({
  input: z.object({
    IdentityPoolId, IdentityId: IdentityId.optional(), Logins,
    // Session tags are an STS feature Gatehouse's local credentials do not carry: accepted and not used.
    PrincipalTags: z.record(z.string().min(1).max(128), z.string().min(1).max(256)).optional(),
    TokenDuration: z.number().int().min(1).max(MAX_TOKEN_SECONDS).optional(),
  }),
  async run({ rt }, input) {
    const answer = await getOpenIdTokenForDeveloperIdentity(rt, {
      identityPoolId: input.IdentityPoolId, logins: input.Logins, ...(input.IdentityId ? { identityId: input.IdentityId } : {}),
      ...(input.TokenDuration ? { tokenDuration: input.TokenDuration } : {}),
    });
    return { IdentityId: answer.identityId, Token: answer.token };
  },
});

export const LookupDeveloperIdentity = signedIdentityOperation({
  input: z.object({ IdentityPoolId, IdentityId: IdentityId.optional(), DeveloperUserIdentifier: DeveloperUserIdentifier.optional(), MaxResults: MaxResults.optional(), NextToken: NextToken.optional() }),
  async run({ rt }, input) {
    const pool = await getIdentityPool(rt.db, input.IdentityPoolId);
    const provider = developerProviderOf(pool);
    if (!input.IdentityId && !input.DeveloperUserIdentifier) throw new AppError("InvalidParameterException", "Either IdentityId or DeveloperUserIdentifier must be given.");
    let identityId = input.IdentityId;
    if (input.DeveloperUserIdentifier) {
      const owner = await identityOfLogin(rt.db, pool.id, provider, input.DeveloperUserIdentifier);
      if (!owner) throw userNotFound(input.DeveloperUserIdentifier);
      if (identityId && identityId !== owner) throw new AppError("ResourceConflictException", "The developer user identifier is not linked to this identity.");
      identityId = owner;
    } else if (!(await findIdentity(rt.db, pool.id, identityId!))) {
      throw new AppError("ResourceNotFoundException", `Identity '${identityId}' not found.`);
    }
    const limit = input.MaxResults ?? 60;
    const subjects = await subjectsOf(rt.db, identityId!, provider, { limit: limit + 1, ...(input.NextToken ? { after: decodeToken(input.NextToken) } : {}) });
    const page = subjects.slice(0, limit);
    return { IdentityId: identityId, DeveloperUserIdentifierList: page, ...(subjects.length > limit ? { NextToken: encodeToken(page.at(-1)!) } : {}) };
  },
});

export const MergeDeveloperIdentities = signedIdentityOperation({
  input: z.object({ SourceUserIdentifier: DeveloperUserIdentifier, DestinationUserIdentifier: DeveloperUserIdentifier, DeveloperProviderName, IdentityPoolId }),
  audit: { type: "mergeDeveloperIdentities", pool: (input) => input.IdentityPoolId, target: (input) => `${input.SourceUserIdentifier} -> ${input.DestinationUserIdentifier}` },
  async run({ rt }, input) {
    const pool = await getIdentityPool(rt.db, input.IdentityPoolId);
    const provider = developerProviderOf(pool, input.DeveloperProviderName);
    const source = await identityOfLogin(rt.db, pool.id, provider, input.SourceUserIdentifier);
    if (!source) throw userNotFound(input.SourceUserIdentifier);
    const destination = await identityOfLogin(rt.db, pool.id, provider, input.DestinationUserIdentifier);
    if (!destination) throw userNotFound(input.DestinationUserIdentifier);
    await mergeIdentities(rt.db, pool, source, destination);
    return { IdentityId: destination };
  },
});

export const UnlinkDeveloperIdentity = signedIdentityOperation({
  input: z.object({ IdentityId, IdentityPoolId, DeveloperProviderName, DeveloperUserIdentifier }),
  audit: { type: "unlinkDeveloperIdentity", pool: (input) => input.IdentityPoolId, target: (input) => input.IdentityId },
  async run({ rt }, input) {
    const pool = await getIdentityPool(rt.db, input.IdentityPoolId);
    const provider = developerProviderOf(pool, input.DeveloperProviderName);
    if ((await identityOfLogin(rt.db, pool.id, provider, input.DeveloperUserIdentifier)) !== input.IdentityId) throw userNotFound(input.DeveloperUserIdentifier);
    await unlinkLogins(rt.db, input.IdentityId, [{ provider, subject: input.DeveloperUserIdentifier }]);
    return {};
  },
});
