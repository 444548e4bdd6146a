// The authorizer form's values and how they become the admin API's body (AuthorizerSchema):
// lists typed as comma- or line-separated text, rules as rows.
import type { AuthorizerConfig } from "@/lib/authorizers/config.ts";

export type AuthorizerType = AuthorizerConfig["type"];
export type RuleRow = { key: number; methods: string[]; path: string; scopes: string; groups: string; roles: string };
export type Values = {
  name: string;
  type: AuthorizerType;
  poolIds: string[];
  tokenUse: "access" | "id" | "any";
  clientIds: string[];
  identityPoolIds: string[];
  rules: RuleRow[];
};

let nextKey = 0;
export const emptyRule = (): RuleRow => ({ key: nextKey++, methods: [], path: "/", scopes: "", groups: "", roles: "" });

const list = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

export function initialValues(authorizer?: AuthorizerConfig): Values {
  const rules = (authorizer?.rules ?? []).map((r) => ({
    key: nextKey++, methods: r.methods ?? [], path: r.path,
    scopes: "scopes" in r ? (r.scopes ?? []).join(", ") : "", groups: "groups" in r ? (r.groups ?? []).join(", ") : "", roles: "roles" in r ? (r.roles ?? []).join("\n") : "",
  }));
  return authorizer?.type === "AWS_IAM"
    ? { name: authorizer.name, type: "AWS_IAM", poolIds: [], tokenUse: "access", clientIds: [], identityPoolIds: authorizer.identityPoolIds, rules }
    : { name: authorizer?.name ?? "", type: "COGNITO_USER_POOLS", poolIds: authorizer?.poolIds ?? [], tokenUse: authorizer?.tokenUse ?? "access", clientIds: authorizer?.clientIds ?? [], identityPoolIds: [], rules };
}

export function toBody(values: Values) {
  const base = (r: RuleRow) => ({ ...(r.methods.length ? { methods: r.methods } : {}), path: r.path.trim() });
  if (values.type === "AWS_IAM")
    return { name: values.name.trim(), type: values.type, identityPoolIds: values.identityPoolIds, rules: values.rules.map((r) => ({ ...base(r), ...(list(r.roles).length ? { roles: list(r.roles) } : {}) })) };
  return {
    name: values.name.trim(), type: values.type, poolIds: values.poolIds, tokenUse: values.tokenUse,
    // Only clients of the pools still chosen: unticking a pool drops its clients.
    clientIds: values.clientIds,
    rules: values.rules.map((r) => ({ ...base(r), ...(list(r.scopes).length ? { scopes: list(r.scopes) } : {}), ...(list(r.groups).length ? { groups: list(r.groups) } : {}) })),
  };
}
