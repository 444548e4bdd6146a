// Every operation of Cognito Identity's API Gatehouse answers, by its name in X-Amz-Target
// (`AWSCognitoIdentityService.<Operation>`). An operation not listed here is
// UnknownOperationException. Which are unsigned follows AWS's SDK: GetId, GetCredentialsForIdentity,
// GetOpenIdToken and UnlinkIdentity; every other one is SigV4-signed with an admin API key.
import type { Operation } from "../../cognito-api/call.ts";
import { GetCredentialsForIdentity, GetId, GetOpenIdToken } from "./credentials.ts";
import { GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity } from "./developer.ts";
import { DeleteIdentities, DescribeIdentity, ListIdentities, UnlinkIdentity } from "./identities.ts";
import {
  CreateIdentityPool, DeleteIdentityPool, DescribeIdentityPool, GetIdentityPoolRoles, ListIdentityPools, SetIdentityPoolRoles, UpdateIdentityPool,
} from "./pools.ts";

export const IDENTITY_OPERATIONS: Record<string, Operation> = {
  // Unsigned: the caller proves itself with Logins (or is a guest).
  GetId, GetCredentialsForIdentity, GetOpenIdToken, UnlinkIdentity,
  // Signed with an admin API key.
  GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity,
  DescribeIdentity, ListIdentities, DeleteIdentities,
  DescribeIdentityPool, ListIdentityPools, GetIdentityPoolRoles, SetIdentityPoolRoles, CreateIdentityPool, UpdateIdentityPool, DeleteIdentityPool,
};
