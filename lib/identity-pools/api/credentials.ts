// The calls an app makes itself, unsigned as AWS's (the caller proves who it is with `Logins`):
// GetId, GetCredentialsForIdentity and GetOpenIdToken. Amplify's fetchAuthSession and the SDK's
// fromCognitoIdentityPool make the first two.
import { z } from "zod";
import { getCredentialsForIdentity, getId, getOpenIdToken } from "../get-credentials.ts";
import { epochSeconds, IdentityId, IdentityPoolId, Logins, publicIdentityOperation, RoleArn } from "./common.ts";

export const GetId = publicIdentityOperation({
  input: z.object({ AccountId: z.string().min(1).max(15).regex(/^\d+$/, "Member must satisfy regular expression pattern: \\d+").optional(), IdentityPoolId, Logins: Logins.optional() }),
  async run({ rt }, input) {
    const { identityId } = await getId(rt, { identityPoolId: input.IdentityPoolId, logins: input.Logins });
    return { IdentityId: identityId };
  },
});

export const GetCredentialsForIdentity = publicIdentityOperation({
  input: z.object({ IdentityId, Logins: Logins.optional(), CustomRoleArn: RoleArn.optional() }),
  async run({ rt }, input) {
    const answer = await getCredentialsForIdentity(rt, { identityId: input.IdentityId, logins: input.Logins, customRoleArn: input.CustomRoleArn });
    const c = answer.credentials;
    return {
      IdentityId: answer.identityId,
      Credentials: { AccessKeyId: c.accessKeyId, SecretKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: epochSeconds(c.expiration) },
    };
  },
});

export const GetOpenIdToken = publicIdentityOperation({
  input: z.object({ IdentityId, Logins: Logins.optional() }),
  async run({ rt }, input) {
    const { identityId, token } = await getOpenIdToken(rt, { identityId: input.IdentityId, logins: input.Logins });
    return { IdentityId: identityId, Token: token };
  },
});
