// The passkey operations a signed-in user calls with their access token: StartWebAuthnRegistration,
// CompleteWebAuthnRegistration, ListWebAuthnCredentials and DeleteWebAuthnCredential. The rules
// are lib/passkeys' (the account page calls the same functions); a registration challenge is bound
// to the user and to the app client whose token started it.
import { z } from "zod";
import { completePasskeyRegistration, deletePasskey, listPasskeys, startPasskeyRegistration, assertPasskeysEnabled } from "../passkeys/index.ts";
import { authenticateAccessToken } from "./access-token.ts";
import { epochSeconds, NextToken, pageOf } from "./admin/common.ts";
import { operation } from "./call.ts";
import { auditOwnChange } from "./own-account.ts";
import { Token } from "./validation.ts";

export const StartWebAuthnRegistration = operation({
  auth: "public",
  input: z.object({ AccessToken: Token }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const options = await startPasskeyRegistration(call.rt, { pool: signedIn.entry.pool, user: signedIn.user, clientId: signedIn.clientId });
    return { CredentialCreationOptions: options };
  },
});

export const CompleteWebAuthnRegistration = operation({
  auth: "public",
  // The document the browser's navigator.credentials.create() gave (RegistrationResponseJSON); lib/passkeys checks its shape.
  input: z.object({ AccessToken: Token, Credential: z.unknown().refine((v) => v !== undefined && v !== null, "Credential is required") }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const added = await completePasskeyRegistration(call.rt, { pool: signedIn.entry.pool, user: signedIn.user, credential: input.Credential, clientId: signedIn.clientId });
    await auditOwnChange(call, signedIn, "CompleteWebAuthnRegistration", { credentialId: added.credentialId });
    return {};
  },
});

export const ListWebAuthnCredentials = operation({
  auth: "public",
  input: z.object({ AccessToken: Token, NextToken: NextToken.optional(), MaxResults: z.number().int().min(1).max(20).optional() }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    assertPasskeysEnabled(signedIn.entry.pool);
    const all = await listPasskeys(call.rt.db, { userId: signedIn.user.id });
    const { page, next } = pageOf(all, (c) => c.credentialId, { limit: input.MaxResults ?? 20, token: input.NextToken });
    return {
      Credentials: page.map((c) => ({
        CredentialId: c.credentialId, FriendlyCredentialName: c.friendlyName, RelyingPartyId: c.relyingPartyId,
        ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
        AuthenticatorTransports: c.transports, CreatedAt: epochSeconds(c.createdAt),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  },
});

export const DeleteWebAuthnCredential = operation({
  auth: "public",
  input: z.object({ AccessToken: Token, CredentialId: z.string().min(1).max(1366) }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    assertPasskeysEnabled(signedIn.entry.pool);
    await deletePasskey(call.rt.db, { userId: signedIn.user.id, credentialId: input.CredentialId });
    await auditOwnChange(call, signedIn, "DeleteWebAuthnCredential", { credentialId: input.CredentialId });
    return {};
  },
});
