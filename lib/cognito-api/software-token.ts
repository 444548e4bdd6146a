// AssociateSoftwareToken and VerifySoftwareToken: setting up an authenticator app, either during a
// sign-in the pool's MFA requires (the MFA_SETUP challenge's Session, handled by the engine) or by
// a signed-in user (their access token; the secret waits in totpPendingEnc until a code proves it).
import { z } from "zod";
import { pendingSecretCode, respond } from "../auth-flow/engine.ts";
import { openSession, sealSession, sessionBinding, spendSession } from "../auth-flow/session.ts";
import { AppError } from "../errors.ts";
import { confirmTotpAssociation, startTotpAssociation } from "../mfa/associate-totp.ts";
import type { Runtime } from "../runtime.ts";
import { authenticateAccessToken } from "./access-token.ts";
import { operation } from "./call.ts";
import { auditOwnChange } from "./own-account.ts";
import { Session, Token } from "./validation.ts";

/** The flow of a Session given without its ClientId: the pool and client it names, checked by its seal. */
async function openAnySession(rt: Runtime, session: string) {
  const binding = sessionBinding(session);
  const entry = binding ? await rt.providers.get(binding.poolId) : null;
  if (!binding || !entry) throw new AppError("NotAuthorizedException", "Invalid session for the user, session is expired.");
  const opened = await openSession(rt, session, binding);
  return { ...opened, pool: entry.pool };
}

export const AssociateSoftwareToken = operation({
  auth: "public",
  input: z.object({ AccessToken: Token.optional(), Session: Session.optional() }),
  async run(call, input) {
    if (input.AccessToken) {
      const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
      const secret = await startTotpAssociation(call.rt, { user: signedIn.user });
      await auditOwnChange(call, signedIn, "AssociateSoftwareToken");
      return { SecretCode: secret };
    }
    if (!input.Session) throw new AppError("InvalidParameterException", "Either AccessToken or Session must be given.");
    const { state } = await openAnySession(call.rt, input.Session);
    const secret = pendingSecretCode(call.rt.secrets, state);
    if (!secret) throw new AppError("NotAuthorizedException", "Invalid session for the user.");
    return { SecretCode: secret, Session: input.Session };
  },
});

export const VerifySoftwareToken = operation({
  auth: "public",
  input: z.object({ AccessToken: Token.optional(), Session: Session.optional(), UserCode: z.string().min(6).max(6).regex(/^[0-9]+$/, "Member must satisfy regular expression pattern: [0-9]+"), FriendlyDeviceName: z.string().max(131072).optional() }),
  async run(call, input) {
    const { rt } = call;
    if (input.AccessToken) {
      const signedIn = await authenticateAccessToken(rt, input.AccessToken);
      await confirmTotpAssociation(rt, { user: signedIn.user, code: input.UserCode });
      await auditOwnChange(call, signedIn, "VerifySoftwareToken");
      return { Status: "SUCCESS" };
    }
    if (!input.Session) throw new AppError("InvalidParameterException", "Either AccessToken or Session must be given.");
    const { state, jti, pool } = await openAnySession(rt, input.Session);
    const outcome = await respond(rt, { pool, state, name: "MFA_SETUP", answers: { SOFTWARE_TOKEN_MFA_CODE: input.UserCode }, context: call.context });
    await spendSession(rt.counters, jti);
    // Signed in: RespondToAuthChallenge(MFA_SETUP) with this Session hands out the tokens.
    return { Status: "SUCCESS", Session: sealSession(rt.secrets, outcome.state) };
  },
});
