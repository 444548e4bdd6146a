// Passkeys (WebAuthn) for a pool's users: what the account page, the Cognito API and the sign-in engine call.
export { startPasskeyRegistration, completePasskeyRegistration, assertPasskeysEnabled, type PasskeyDeps } from "./register.ts";
export { startPasskeySignIn, verifyPasskeySignIn, type PasskeyChallenge } from "./authenticate.ts";
export { listPasskeys, deletePasskey, renamePasskey, hasPasskey, type PasskeyDescription } from "./credentials.ts";
export { relyingPartyOf, originAllowed } from "./relying-party.ts";
