// An identity pool's identities: DescribeIdentity, ListIdentities and DeleteIdentities (signed with
// an admin API key), and UnlinkIdentity, which the identity's owner calls unsigned with its logins.
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { unlinkIdentity } from "../get-credentials.ts";
import { deleteIdentities, findIdentityById, listIdentities, type IdentityRecord } from "../identities.ts";
import { getIdentityPool } from "../identity-pools.queries.ts";
import { decodeToken, encodeToken, epochSeconds, IdentityId, IdentityPoolId, Logins, MaxResults, NextToken, publicIdentityOperation, signedIdentityOperation } from "./common.ts";

/** Cognito's IdentityDescription. */
export const describe = (identity: IdentityRecord) => ({
  IdentityId: identity.id,
  Logins: identity.logins,
  CreationDate: epochSeconds(identity.createdAt),
  LastModifiedDate: epochSeconds(identity.updatedAt),
});

export const DescribeIdentity = signedIdentityOperation({
  input: z.object({ IdentityId }),
  async run({ rt }, input) {
    const identity = await findIdentityById(rt.db, input.IdentityId);
    if (!identity) throw new AppError("ResourceNotFoundException", `Identity '${input.IdentityId}' not found.`);
    return describe(identity);
  },
});

export const ListIdentities = signedIdentityOperation({
  // HideDisabled is accepted and has nothing to hide: Gatehouse does not disable identities.
  input: z.object({ IdentityPoolId, MaxResults, NextToken: NextToken.optional(), HideDisabled: z.boolean().optional() }),
  async run({ rt }, input) {
    await getIdentityPool(rt.db, input.IdentityPoolId);
    const rows = await listIdentities(rt.db, input.IdentityPoolId, { limit: input.MaxResults + 1, ...(input.NextToken ? { after: decodeToken(input.NextToken) } : {}) });
    const page = rows.slice(0, input.MaxResults);
    return {
      IdentityPoolId: input.IdentityPoolId,
      Identities: page.map(describe),
      ...(rows.length > input.MaxResults ? { NextToken: encodeToken(page.at(-1)!.id) } : {}),
    };
  },
});

export const DeleteIdentities = signedIdentityOperation({
  input: z.object({ IdentityIdsToDelete: z.array(IdentityId).min(1).max(60) }),
  audit: { type: "deleteIdentities", pool: () => null, target: (input) => input.IdentityIdsToDelete.join(",") },
  async run({ rt }, input) {
    // Ids already gone are not an error (as Cognito's): UnprocessedIdentityIds is for ids that
    // could not be deleted, and none here can fail one by one.
    await deleteIdentities(rt.db, input.IdentityIdsToDelete);
    return { UnprocessedIdentityIds: [] };
  },
});

export const UnlinkIdentity = publicIdentityOperation({
  input: z.object({ IdentityId, Logins, LoginsToRemove: z.array(z.string().min(1).max(128)).max(10) }),
  async run({ rt }, input) {
    await unlinkIdentity(rt, { identityId: input.IdentityId, logins: input.Logins, loginsToRemove: input.LoginsToRemove });
    return {};
  },
});
