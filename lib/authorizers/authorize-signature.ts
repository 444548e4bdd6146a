// An AWS_IAM authorizer's answer: a SigV4 signature made with identity-pool credentials that
// Gatehouse issued (lib/identity-pools/local-credentials.ts), for one of the authorizer's identity
// pools, any service and region, over the request as the client sent it to the proxy: the
// original method and target, the Host it addressed (X-Forwarded-Host when the proxy sets it)
// and the signed headers as forwarded. No database: the credentials are sealed.
import { AppError } from "../errors.ts";
import { DECLARED_PAYLOAD, verifySignature } from "../cognito-api/sigv4.ts";
import { localSecretAccessKey, openLocalCredentials } from "../identity-pools/local-credentials.ts";
import type { Runtime } from "../runtime.ts";
import type { IamAuthorizer } from "./config.ts";
import { headerValue, type Decision } from "./decision.ts";
import { firstRule, unmetIamRule } from "./rules.ts";

const EXPIRED = "The security token included in the request is expired";

export async function authorizeSignature(
  rt: Pick<Runtime, "secrets">,
  options: {
    authorizer: IamAuthorizer;
    method: string;
    /** The original request target, still %-encoded (path and query). */
    target: string;
    /** The normalised path the rules read (request-path.ts). */
    path: string;
    /** The forwarded request's headers, names in lower case. */
    headers: Record<string, string | undefined>;
    now?: Date;
  },
): Promise<Decision> {
  const { authorizer } = options;
  const headers = { ...options.headers };
  const forwardedHost = headers["x-forwarded-host"]?.split(",")[0]?.trim();
  if (forwardedHost) headers.host = forwardedHost;
  // A proxy that drops the body drops its length too (nginx's auth_request needs Content-Length
  // cleared); it can pass the signed value on as X-Original-Content-Length.
  if (headers["content-length"] === undefined && headers["x-original-content-length"]) headers["content-length"] = headers["x-original-content-length"];
  // The body never reaches a forward-auth endpoint: only a signed payload hash can vouch for it,
  // and without one the body must have been empty (a signed non-empty body then fails, closed).
  const signedHashHeader = /SignedHeaders=[^,]*\bx-amz-content-sha256\b/.test(headers.authorization ?? "");
  let found;
  try {
    found = await verifySignature(
      { method: options.method, path: options.target, headers, body: signedHashHeader ? DECLARED_PAYLOAD : new Uint8Array() },
      {
        services: "any",
        sessionToken: "required",
        ...(options.now ? { now: options.now } : {}),
        find: async (accessKeyId, sessionToken) => {
          const opened = openLocalCredentials(rt.secrets, accessKeyId, sessionToken ?? "", options.now);
          if (!opened.ok && opened.problem === "expired") throw new AppError("NotAuthorizedException", EXPIRED);
          if (!opened.ok || !authorizer.identityPoolIds.includes(opened.credentials.identityPoolId)) return null;
          return { ...opened.credentials, secretAccessKey: localSecretAccessKey(rt.secrets, accessKeyId) };
        },
      },
    );
  } catch (error) {
    if (error instanceof AppError) return { status: 401, message: error.message };
    throw error;
  }
  const rule = firstRule(authorizer.rules, { method: options.method, path: options.path });
  const unmet = rule && unmetIamRule(rule, found);
  if (unmet) return { status: 403, message: unmet };
  return {
    status: 200,
    headers: {
      "X-Gatehouse-Sub": headerValue(found.identityId),
      "X-Gatehouse-Identity-Id": headerValue(found.identityId),
      "X-Gatehouse-Identity-Pool-Id": headerValue(found.identityPoolId),
      "X-Gatehouse-Role": headerValue(found.roleArn),
    },
  };
}
