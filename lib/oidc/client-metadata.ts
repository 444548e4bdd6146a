// Maps an app client row to oidc-provider client metadata.
import type { AdapterPayload } from "oidc-provider";
import { toPermissions } from "../pools/client-attributes.queries.ts";
import type { ClientRow } from "./pool-clients.ts";

export function clientMetadata(row: ClientRow): AdapterPayload {
  // A client allowed no scope (Cognito's default for a client without OAuth) can be granted
  // nothing, so it gets no OAuth flow: the provider refuses an empty `scope`, and a missing one
  // would allow every scope.
  const flows = new Set(row.allowedScopes.length ? row.allowedOAuthFlows : []);
  const grantTypes: string[] = [];
  const responseTypes: NonNullable<AdapterPayload["response_types"]>[number][] = [];
  if (flows.has("code")) {
    grantTypes.push("authorization_code", "refresh_token");
    responseTypes.push("code");
  }
  if (flows.has("implicit")) {
    grantTypes.push("implicit");
    responseTypes.push("id_token");
  }
  if (flows.has("client_credentials")) grantTypes.push("client_credentials");
  // oidc-provider holds implicit "web" clients to https-only URLs; Cognito allows http://localhost,
  // which OAuth for native apps (RFC 8252) covers.
  const loopback = [...row.callbackUrls, ...row.logoutUrls].some((u) => u.startsWith("http://"));
  return {
    client_id: row.clientId,
    application_type: flows.has("implicit") && loopback ? "native" : "web",
    client_name: row.name,
    // The stored value is a SHA-256 of the secret; the provider's comparison is replaced to match.
    ...(row.secretHash ? { client_secret: row.secretHash, client_secret_expires_at: 0 } : {}),
    token_endpoint_auth_method: row.secretHash ? "client_secret_basic" : "none",
    redirect_uris: row.callbackUrls,
    post_logout_redirect_uris: row.logoutUrls,
    grant_types: grantTypes,
    response_types: responseTypes,
    ...(row.allowedScopes.length ? { scope: row.allowedScopes.join(" ") } : {}),
    require_auth_time: true,
    id_token_signed_response_alg: "RS256",
    "urn:gatehouse:access_ttl": row.accessTokenValidity,
    "urn:gatehouse:id_ttl": row.idTokenValidity,
    "urn:gatehouse:refresh_ttl": row.refreshTokenValidity,
    "urn:gatehouse:refresh_rotation": row.refreshTokenRotation,
    // Which attributes the ID token may carry (null: all of them).
    "urn:gatehouse:read_attributes": toPermissions(row).readAttributes,
  };
}

export const EXTRA_CLIENT_METADATA = [
  "urn:gatehouse:access_ttl",
  "urn:gatehouse:id_ttl",
  "urn:gatehouse:refresh_ttl",
  "urn:gatehouse:refresh_rotation",
  "urn:gatehouse:read_attributes",
];
