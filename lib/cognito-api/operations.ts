// Every operation of the Cognito API Gatehouse answers, by its name in X-Amz-Target. An operation
// not listed here is UnknownOperationException, as AWS answers one it does not know.
import { ConfirmForgotPassword, ConfirmSignUp, ForgotPassword, ResendConfirmationCode, SignUp } from "./account.ts";
import { AdminInitiateAuth, AdminRespondToAuthChallenge } from "./admin/auth.ts";
import { CreateUserPoolClient, DeleteUserPoolClient, DescribeUserPoolClient, ListUserPoolClients, UpdateUserPoolClient } from "./admin/clients.ts";
import { AdminAddUserToGroup, AdminListGroupsForUser, AdminRemoveUserFromGroup, CreateGroup, DeleteGroup, GetGroup, ListGroups, ListUsersInGroup, UpdateGroup } from "./admin/groups.ts";
import {
  AdminDisableProviderForUser, AdminLinkProviderForUser, CreateIdentityProvider, DeleteIdentityProvider, DescribeIdentityProvider, GetIdentityProviderByIdentifier,
  ListIdentityProviders, UpdateIdentityProvider,
} from "./admin/identity-providers.ts";
import { ListUsers } from "./admin/list-users.ts";
import { DescribeUserPool, ListUserPools } from "./admin/pools.ts";
import { CreateResourceServer, DescribeResourceServer, ListResourceServers } from "./admin/resource-servers.ts";
import {
  AdminConfirmSignUp, AdminCreateUser, AdminDeleteUser, AdminDeleteUserAttributes, AdminDisableUser, AdminEnableUser, AdminGetUser, AdminResetUserPassword,
  AdminSetUserMFAPreference, AdminSetUserPassword, AdminUpdateUserAttributes, AdminUserGlobalSignOut,
} from "./admin/users.ts";
import type { Operation } from "./call.ts";
import { CreateUserImportJob, DescribeUserImportJob, GetCSVHeader, ListUserImportJobs, StartUserImportJob, StopUserImportJob } from "./admin/user-import.ts";
import { AdminForgetDevice, AdminGetDevice, AdminListDevices, AdminUpdateDeviceStatus } from "./admin/devices.ts";
import { ConfirmDevice, ForgetDevice, GetDevice, ListDevices, UpdateDeviceStatus } from "./devices.ts";
import { DeleteUserAttributes, GetUser, GetUserAttributeVerificationCode, UpdateUserAttributes, VerifyUserAttribute } from "./own-account.ts";
import { ChangePassword, DeleteUser, GlobalSignOut, SetUserMFAPreference } from "./own-security.ts";
import { AssociateSoftwareToken, VerifySoftwareToken } from "./software-token.ts";
import { GetTokensFromRefreshToken, InitiateAuth, RespondToAuthChallenge, RevokeToken } from "./sign-in.ts";
import { CompleteWebAuthnRegistration, DeleteWebAuthnCredential, ListWebAuthnCredentials, StartWebAuthnRegistration } from "./web-authn.ts";

export const OPERATIONS: Record<string, Operation> = {
  // Public: anyone with the app client's id.
  SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword,
  InitiateAuth, RespondToAuthChallenge, GetTokensFromRefreshToken, RevokeToken,
  // With an access token (or, for the software token, a sign-in's MFA_SETUP Session).
  AssociateSoftwareToken, VerifySoftwareToken,
  GetUser, UpdateUserAttributes, DeleteUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute,
  ChangePassword, SetUserMFAPreference, GlobalSignOut, DeleteUser,
  ConfirmDevice, UpdateDeviceStatus, ListDevices, GetDevice, ForgetDevice,
  StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential,
  // Signed with an admin API key (SigV4): lib/cognito-api/admin/.
  AdminInitiateAuth, AdminRespondToAuthChallenge,
  AdminCreateUser, AdminGetUser, AdminDeleteUser, AdminSetUserPassword, AdminConfirmSignUp, AdminResetUserPassword, AdminUpdateUserAttributes,
  AdminDeleteUserAttributes, AdminDisableUser, AdminEnableUser, AdminUserGlobalSignOut, AdminSetUserMFAPreference, ListUsers,
  AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup, CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups,
  DescribeUserPool, ListUserPools,
  CreateUserPoolClient, DescribeUserPoolClient, UpdateUserPoolClient, DeleteUserPoolClient, ListUserPoolClients,
  CreateResourceServer, DescribeResourceServer, ListResourceServers,
  CreateIdentityProvider, DescribeIdentityProvider, UpdateIdentityProvider, DeleteIdentityProvider, ListIdentityProviders, GetIdentityProviderByIdentifier,
  AdminLinkProviderForUser, AdminDisableProviderForUser,
  AdminListDevices, AdminGetDevice, AdminForgetDevice, AdminUpdateDeviceStatus,
  GetCSVHeader, CreateUserImportJob, StartUserImportJob, StopUserImportJob, DescribeUserImportJob, ListUserImportJobs,
};
