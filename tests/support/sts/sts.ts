// A local stand-in for AWS STS's AssumeRoleWithWebIdentity, speaking its query protocol as
// @aws-sdk/client-sts does (an unsigned form post, Action=AssumeRoleWithWebIdentity&
// Version=2011-06-15&RoleArn=…&WebIdentityToken=…, an XML answer). It does what IAM does with an
// OIDC identity provider: the token's issuer must be a registered provider; the token is verified
// against that issuer's discovery document → jwks_uri (a real signature check), its iss, an
// audience in the provider's client id list and exp; then the role's trust policy (the IAM JSON a
// README would show: Principal.Federated = the provider's ARN, StringEquals / StringLike /
// ForAnyValue:StringLike conditions on `{provider}:aud`, `:sub`, `:amr`) must allow it. Answers are
// AWS's: credentials XML, or ErrorResponse XML with InvalidIdentityToken, ExpiredTokenException,
// AccessDenied or ValidationError.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";

export const STS_ACCOUNT = "123456789012";

type ConditionBlock = Record<string, Record<string, string | string[]>>;
export type TrustPolicy = {
  Version: "2012-10-17";
  Statement: { Effect: "Allow" | "Deny"; Principal: { Federated: string }; Action: string | string[]; Condition?: ConditionBlock }[];
};

export type AssumedCall = { roleArn: string; sessionName: string; claims: JWTPayload; accessKeyId: string };

/** The provider's name in IAM: the issuer URL without its scheme. */
export const providerNameOf = (issuer: string) => issuer.replace(/^https?:\/\//, "");
export const providerArnOf = (issuer: string) => `arn:aws:iam::${STS_ACCOUNT}:oidc-provider/${providerNameOf(issuer)}`;

/** The trust policy of Cognito's guide, for an OIDC provider `{host}/identity` and an identity pool. */
export function identityPoolTrustPolicy(issuer: string, identityPoolId: string, amr: "authenticated" | "unauthenticated"): TrustPolicy {
  const name = providerNameOf(issuer);
  return {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow", Principal: { Federated: providerArnOf(issuer) }, Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${name}:aud`]: identityPoolId }, "ForAnyValue:StringLike": { [`${name}:amr`]: amr } },
    }],
  };
}

const like = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(value);

/** One IAM condition operator over a key's values (a claim may be a list, as amr is). */
function conditionHolds(operator: string, expected: string[], actual: string[]): boolean {
  const [quantifier, op] = operator.includes(":") ? (operator.split(":") as [string, string]) : ["", operator];
  const test = (value: string) => expected.some((e) => (op === "StringLike" ? like(e, value) : op === "StringEquals" ? e === value : false));
  if (op !== "StringLike" && op !== "StringEquals") throw new Error(`the stand-in does not know the operator ${operator}`);
  if (quantifier === "ForAnyValue") return actual.some(test);
  if (quantifier === "ForAllValues") return actual.every(test);
  // A single-valued operator on a multi-valued key is what IAM refuses to match.
  return actual.length === 1 && test(actual[0]!);
}

function policyAllows(policy: TrustPolicy, providerArn: string, providerName: string, claims: JWTPayload): boolean {
  const valuesOf = (key: string): string[] => {
    if (!key.startsWith(`${providerName}:`)) return [];
    const value = claims[key.slice(providerName.length + 1)];
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- query values are strings or numbers
    return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  };
  const matches = (s: TrustPolicy["Statement"][number]) =>
    s.Principal.Federated === providerArn &&
    [s.Action].flat().includes("sts:AssumeRoleWithWebIdentity") &&
    Object.entries(s.Condition ?? {}).every(([operator, keys]) => Object.entries(keys).every(([key, expected]) => conditionHolds(operator, [expected].flat(), valuesOf(key))));
  if (policy.Statement.some((s) => s.Effect === "Deny" && matches(s))) return false;
  return policy.Statement.some((s) => s.Effect === "Allow" && matches(s));
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export async function startStsStandIn() {
  /** IAM's OIDC providers: issuer URL → client id list (audiences). */
  const providers = new Map<string, string[]>();
  const roles = new Map<string, TrustPolicy>();
  const calls: AssumedCall[] = [];
  const refusals: { code: string; message: string }[] = [];
  let jwksFetches = 0;

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const fail = (status: number, code: string, message: string) => {
      refusals.push({ code, message });
      response.writeHead(status, { "content-type": "text/xml" }).end(
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    };
    if (request.method !== "POST" || !String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) return fail(400, "InvalidAction", "POST a form.");
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    if (form.get("Action") !== "AssumeRoleWithWebIdentity" || form.get("Version") !== "2011-06-15") return fail(400, "InvalidAction", `Could not find operation ${form.get("Action")} for version ${form.get("Version")}`);
    const roleArn = form.get("RoleArn") ?? "";
    const sessionName = form.get("RoleSessionName") ?? "";
    const token = form.get("WebIdentityToken") ?? "";
    const duration = Number(form.get("DurationSeconds") ?? 3600);
    if (!/^arn:aws:iam::\d{12}:role\/.+$/.test(roleArn) || !/^[\w+=,.@-]{2,64}$/.test(sessionName) || token.length < 4 || !(duration >= 900 && duration <= 43_200)) {
      return fail(400, "ValidationError", "1 validation error detected: a parameter failed to satisfy its constraint");
    }
    let iss: string;
    try {
      iss = String(decodeJwt(token).iss ?? "");
    } catch {
      return fail(400, "InvalidIdentityToken", "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
    }
    const audiences = providers.get(iss);
    if (!audiences) return fail(400, "InvalidIdentityToken", `No OpenIDConnect provider found in your account for ${iss}`);
    let claims: JWTPayload;
    try {
      // What IAM does with a registered provider: its discovery document names the keys.
      const discovery = (await (await fetch(`${iss}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
      if (discovery.issuer !== iss) return fail(400, "InvalidIdentityToken", "The issuer of the discovery document does not match.");
      jwksFetches++;
      const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri), { cacheMaxAge: 0, cooldownDuration: 0 });
      ({ payload: claims } = await jwtVerify(token, jwks, { issuer: iss, audience: audiences, algorithms: ["RS256"] }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return fail(400, "ExpiredTokenException", "Token expired: current date/time must be before the expiration date/time.");
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "aud") return fail(400, "InvalidIdentityToken", "Incorrect token audience");
      return fail(400, "InvalidIdentityToken", `Couldn't verify signed token. (${(error as Error).message})`);
    }
    const policy = roles.get(roleArn);
    if (!policy || !policyAllows(policy, providerArnOf(iss), providerNameOf(iss), claims)) {
      return fail(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
    const accessKeyId = `ASIA${randomBytes(10).toString("hex").toUpperCase().slice(0, 16)}`;
    const secretAccessKey = randomBytes(30).toString("base64").slice(0, 40);
    const sessionToken = `IQoJb3JpZ2luX2Vj${randomBytes(120).toString("base64")}`;
    const expiration = new Date(Date.now() + duration * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
    calls.push({ roleArn, sessionName, claims, accessKeyId });
    response.writeHead(200, { "content-type": "text/xml" }).end(`<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>${xmlEscape(String(claims.sub))}</SubjectFromWebIdentityToken>
    <Audience>${xmlEscape([claims.aud].flat()[0] ?? "")}</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::${roleArn.split(":")[4]}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(sessionName)}</Arn>
      <AssumedRoleId>AROA${randomBytes(9).toString("hex").toUpperCase().slice(0, 17)}:${xmlEscape(sessionName)}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>${sessionToken}</SessionToken>
      <SecretAccessKey>${secretAccessKey}</SecretAccessKey>
      <Expiration>${expiration}</Expiration>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
    </Credentials>
    <Provider>${xmlEscape(providerNameOf(iss))}</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    /** IAM's CreateOpenIDConnectProvider: the issuer URL and its audiences. */
    addProvider: (issuer: string, clientIds: string[]) => void providers.set(issuer, clientIds),
    /** IAM's CreateRole with its trust policy. */
    putRole: (roleArn: string, policy: TrustPolicy) => void roles.set(roleArn, policy),
    calls,
    refusals,
    /** How many times a token's keys were fetched from its issuer's jwks_uri. */
    jwksFetches: () => jwksFetches,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
