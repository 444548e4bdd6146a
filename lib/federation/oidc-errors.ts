// How a failure while talking to an OAuth IdP becomes a FederationError: an unreachable or failing
// IdP (network error, timeout, 5xx) is temporarily_unavailable; anything the IdP refused or any
// answer that did not hold up (bad signature, wrong nonce, expired token) is invalid_request. The
// message names the provider and the protocol error, never a secret or a stack.
import * as client from "openid-client";
import { FederationError, isFederationError } from "./profile.ts";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

/** Whether `error`, or anything in its cause chain, says the IdP could not be reached or failed on its side. */
function isUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Response) return e.status >= 500;
    if (typeof e !== "object") return false;
    const { name, code, message, status } = e as { name?: string; code?: string; message?: string; status?: number };
    if (name === "TimeoutError" || name === "AbortError" || code === "OAUTH_TIMEOUT") return true;
    if (code && NETWORK_CODES.has(code)) return true;
    if (e instanceof TypeError && message === "fetch failed") return true;
    if (typeof status === "number" && status >= 500) return true;
  }
  return false;
}

/** Whether `error` is openid-client's (or oauth4webapi's) word on the protocol rather than a bug here. */
function isProtocolError(error: unknown): boolean {
  if (error instanceof client.ClientError || error instanceof client.ResponseBodyError
    || error instanceof client.AuthorizationResponseError || error instanceof client.WWWAuthenticateChallengeError) return true;
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && code.startsWith("OAUTH_");
}

/** A FederationError with `message`; a protocol error's own code and description are added to it. */
export function federationFailure(kind: FederationError["error"], message: string, cause?: unknown): FederationError {
  if (isFederationError(cause)) return cause;
  if (cause !== undefined && isUnavailable(cause)) return new FederationError("temporarily_unavailable", `${message}: the identity provider could not be reached or is failing. Try again later.`);
  if (cause instanceof client.ResponseBodyError || cause instanceof client.AuthorizationResponseError) {
    const description = cause.error_description ? ` (${cause.error_description})` : "";
    return new FederationError(kind, `${message}: ${cause.error}${description}.`);
  }
  if (cause !== undefined && isProtocolError(cause)) {
    // oauth4webapi's detail ("unexpected JWT "nonce" (nonce) claim value") sits in the cause; neither carries secrets.
    const detail = (cause as { cause?: unknown }).cause;
    const why = detail instanceof Error && detail.message !== (cause as Error).message ? `${(cause as Error).message}: ${detail.message}` : (cause as Error).message;
    return new FederationError(kind, `${message}: ${why}.`);
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- not a protocol error: the caller's own failure, rethrown as it came
  if (cause !== undefined) throw cause;
  return new FederationError(kind, message);
}
