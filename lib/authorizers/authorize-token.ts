// A COGNITO_USER_POOLS authorizer's answer: the Bearer token verified against the authorizer's
// pools, clients and token_use, checked live (not revoked or signed out, its user still enabled)
// through the token cache, then the first rule covering the request.
import type { Runtime } from "../runtime.ts";
import { revocationEpoch } from "../tokens/revocations.ts";
import { TOKEN_PROBLEMS, checkTokenLive, verifyPoolToken, type TokenProblem } from "../tokens/verify-pool-token.ts";
import type { TokenAuthorizer } from "./config.ts";
import { headerValue, type Decision } from "./decision.ts";
import { firstRule, scopesAndGroups, unmetTokenRule } from "./rules.ts";
import type { TokenCache } from "./token-cache.ts";

/** `Bearer <token>`; or, as API Gateway's Cognito authorizer takes it, the bare token. Null: none presented. */
export function bearerToken(header: string | undefined): string | null {
  const value = header?.trim();
  if (!value) return null;
  const bearer = /^Bearer +(\S+)$/i.exec(value);
  if (bearer) return bearer[1]!;
  return /\s/.test(value) || /^Bearer$/i.test(value) ? null : value;
}

/** RFC 6750's challenge: no error code when no token came, invalid_token otherwise; the reason always named. */
export function bearerChallenge(problem: TokenProblem): string {
  const description = `error_description="${TOKEN_PROBLEMS[problem]}"`;
  return problem === "missing" ? `Bearer realm="gatehouse", ${description}` : `Bearer realm="gatehouse", error="invalid_token", ${description}`;
}

export async function authorizeToken(
  rt: Pick<Runtime, "env" | "providers" | "db">,
  options: { authorizer: TokenAuthorizer; cache: TokenCache; method: string; path: string; authorization: string | undefined },
): Promise<Decision> {
  const { authorizer } = options;
  const token = bearerToken(options.authorization);
  const refuse = (problem: TokenProblem): Decision => ({ status: 401, message: "Unauthorized", wwwAuthenticate: bearerChallenge(problem) });
  if (!token) return refuse("missing");
  const checked = await options.cache.check(
    {
      verify: (raw) => verifyPoolToken(rt, raw, { poolIds: authorizer.poolIds, clientIds: authorizer.clientIds, tokenUse: authorizer.tokenUse }),
      checkLive: (verified) => checkTokenLive(rt, verified),
      epochOf: revocationEpoch,
      generationOf: (poolId) => rt.providers.get(poolId),
    },
    { name: authorizer.name, scope: authorizer, token },
  );
  if (!checked.ok) return refuse(checked.problem);

  const { claims } = checked.token;
  const { scopes, groups } = scopesAndGroups(claims);
  const rule = firstRule(authorizer.rules, { method: options.method, path: options.path });
  const unmet = rule && unmetTokenRule(rule, { scopes, groups });
  if (unmet) return { status: 403, message: unmet };
  const username = claims["cognito:username"] ?? claims.username;
  return {
    status: 200,
    headers: {
      "X-Gatehouse-Sub": headerValue(checked.token.sub),
      "X-Gatehouse-Username": headerValue(typeof username === "string" ? username : ""),
      "X-Gatehouse-Groups": headerValue(groups.join(",")),
      "X-Gatehouse-Scopes": headerValue(scopes.join(" ")),
      "X-Gatehouse-Client-Id": headerValue(checked.token.clientId),
      "X-Gatehouse-Claims": Buffer.from(JSON.stringify(claims)).toString("base64url"),
    },
  };
}
