// The identity pool form's values and how they become the admin API's body: one row per provider,
// each with its role mapping (the pool's default roles, Token or Rules), keyed `{poolId}:{clientId}`
// in the body as Cognito keys them by provider.
import type { IdentityPoolSettings, MatchType } from "@/lib/identity-pools/config.ts";

export type PoolChoice = { id: string; name: string; clients: { clientId: string; name: string }[] };

export type RuleRow = { key: number; claim: string; matchType: MatchType; value: string; roleArn: string };
export type MappingKind = "Default" | "Token" | "Rules";
export type ProviderRow = {
  key: number;
  poolId: string;
  clientId: string;
  serverSideTokenCheck: boolean;
  mapping: MappingKind;
  ambiguous: "AuthenticatedRole" | "Deny";
  rules: RuleRow[];
};

export type Values = {
  name: string;
  allowUnauthenticatedIdentities: boolean;
  allowClassicFlow: boolean;
  providers: ProviderRow[];
  developerProviderName: string;
  authenticatedRole: string;
  unauthenticatedRole: string;
  mode: "local" | "sts";
  endpoint: string;
  region: string;
  durationSeconds: string;
};

/** The settings the form edits, as GET /identity-pools/{id} gives them. */
export type IdentityPoolData = IdentityPoolSettings & { id: string };

let nextKey = 0;
export const newKey = () => nextKey++;

export const emptyRule = (): RuleRow => ({ key: newKey(), claim: "", matchType: "Equals", value: "", roleArn: "" });

export function newProvider(pools: PoolChoice[]): ProviderRow {
  const pool = pools.find((p) => p.clients.length) ?? pools[0];
  return { key: newKey(), poolId: pool?.id ?? "", clientId: pool?.clients[0]?.clientId ?? "", serverSideTokenCheck: true, mapping: "Default", ambiguous: "AuthenticatedRole", rules: [] };
}

export const mappingKey = (row: Pick<ProviderRow, "poolId" | "clientId">) => `${row.poolId}:${row.clientId}`;

export function initialValues(pool?: IdentityPoolData): Values {
  return {
    name: pool?.name ?? "",
    allowUnauthenticatedIdentities: pool?.allowUnauthenticatedIdentities ?? false,
    allowClassicFlow: pool?.allowClassicFlow ?? false,
    providers: (pool?.providers ?? []).map((p) => {
      const mapping = pool?.roleMappings[mappingKey(p)];
      return {
        key: newKey(), poolId: p.poolId, clientId: p.clientId, serverSideTokenCheck: p.serverSideTokenCheck,
        mapping: mapping?.type ?? "Default", ambiguous: mapping?.ambiguousRoleResolution ?? "AuthenticatedRole",
        rules: (mapping?.rules ?? []).map((r) => ({ key: newKey(), ...r })),
      };
    }),
    developerProviderName: pool?.developerProviderName ?? "",
    authenticatedRole: pool?.roles.authenticated ?? "",
    unauthenticatedRole: pool?.roles.unauthenticated ?? "",
    mode: pool?.credentials.mode ?? "local",
    endpoint: pool?.credentials.endpoint ?? "",
    region: pool?.credentials.region ?? "",
    durationSeconds: String(pool?.credentials.durationSeconds ?? 3600),
  };
}

const trimmed = (text: string) => text.trim() || undefined;

export function toBody(values: Values) {
  const duration = Number(values.durationSeconds);
  return {
    name: values.name.trim(),
    allowUnauthenticatedIdentities: values.allowUnauthenticatedIdentities,
    allowClassicFlow: values.allowClassicFlow,
    providers: values.providers.map((p) => ({ poolId: p.poolId, clientId: p.clientId, serverSideTokenCheck: p.serverSideTokenCheck })),
    ...(trimmed(values.developerProviderName) ? { developerProviderName: values.developerProviderName.trim() } : {}),
    roles: { ...(trimmed(values.authenticatedRole) ? { authenticated: values.authenticatedRole.trim() } : {}), ...(trimmed(values.unauthenticatedRole) ? { unauthenticated: values.unauthenticatedRole.trim() } : {}) },
    roleMappings: Object.fromEntries(
      values.providers
        .filter((p) => p.mapping !== "Default")
        .map((p) => [
          mappingKey(p),
          {
            type: p.mapping,
            ambiguousRoleResolution: p.ambiguous,
            rules: p.mapping === "Rules" ? p.rules.map(({ claim, matchType, value, roleArn }) => ({ claim: claim.trim(), matchType, value: value.trim(), roleArn: roleArn.trim() })) : [],
          },
        ]),
    ),
    credentials: {
      mode: values.mode,
      // Sent as typed (NaN as null), so the API names the field rather than the form guessing.
      durationSeconds: Number.isFinite(duration) && values.durationSeconds.trim() ? duration : null,
      ...(values.mode === "sts" && trimmed(values.endpoint) ? { endpoint: values.endpoint.trim() } : {}),
      ...(values.mode === "sts" && trimmed(values.region) ? { region: values.region.trim() } : {}),
    },
  };
}
