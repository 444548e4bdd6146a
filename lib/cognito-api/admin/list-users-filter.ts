// ListUsers' Filter, as Cognito reads it: `attribute = "value"` (exact) or `attribute ^= "value"`
// (starts with), one attribute, the value in double quotes with \" and \\ escaped. An empty filter
// lists everyone. Only Cognito's searchable attributes can be named; anything else is Cognito's
// InvalidParameterException "Error while parsing filter.". The parsed filter becomes a search of
// the admin users table (lib/admin/users/search-users.ts).
import { AppError } from "../../errors.ts";
import type { z } from "zod";
import { NAME_ATTRIBUTES, USER_STATUSES, type UserSearchSchema } from "../../admin/users/search-users.ts";

const FILTER_ATTRIBUTES = [
  "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username", "cognito:user_status", "status", "sub",
] as const;
export type FilterAttribute = (typeof FILTER_ATTRIBUTES)[number];

export type UserFilter = { attribute: FilterAttribute; match: "exact" | "prefix"; value: string };

const PARSE_ERROR = "Error while parsing filter.";
const FILTER = /^\s*([A-Za-z_:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/s;

export function parseUserFilter(filter: string | undefined): UserFilter | null {
  if (filter === undefined || filter.trim() === "") return null;
  const m = FILTER.exec(filter);
  if (!m) throw new AppError("InvalidParameterException", PARSE_ERROR);
  const [, attribute, operator, quoted] = m as unknown as [string, string, string, string];
  if (!(FILTER_ATTRIBUTES as readonly string[]).includes(attribute)) {
    throw new AppError("InvalidParameterException", `${PARSE_ERROR} ${attribute} cannot be searched: use one of ${FILTER_ATTRIBUTES.join(", ")}.`);
  }
  return { attribute: attribute as FilterAttribute, match: operator === "=" ? "exact" : "prefix", value: quoted.replace(/\\(.)/gs, "$1") };
}

/** `status` is Enabled or Disabled (compared without case, as Cognito does). */
const ENABLED_WORDS = [
  { word: "enabled", enabled: "true" },
  { word: "disabled", enabled: "false" },
] as const;

/**
 * The admin search a filter asks for (as UserSearchSchema reads it), or "nothing" where no user can
 * match (a status that does not exist). Fields searchUsers knows are passed as they are; the two
 * status filters become its status and enabled filters.
 */
export function searchForFilter(filter: UserFilter | null): Partial<z.input<typeof UserSearchSchema>> | "nothing" {
  if (!filter) return {};
  const { attribute, match, value } = filter;
  // Nobody has an empty attribute (an empty value removes it); everybody's starts with "".
  if (value === "") return match === "exact" ? "nothing" : {};
  const matches = (candidate: string, given: string) => (match === "exact" ? candidate === given : candidate.startsWith(given));
  switch (attribute) {
    case "cognito:user_status": {
      const statuses = USER_STATUSES.filter((status) => matches(status, value));
      if (statuses.length === 0) return "nothing";
      return statuses.length === 1 ? { status: statuses[0]! } : {};
    }
    case "status": {
      const found = ENABLED_WORDS.filter(({ word }) => matches(word, value.toLowerCase()));
      if (found.length === 0) return "nothing";
      return found.length === 1 ? { enabled: found[0]!.enabled } : {};
    }
    case "username":
    case "email":
    case "phone_number":
    case "sub":
      return { field: attribute, match, q: value };
    default: {
      const name: (typeof NAME_ATTRIBUTES)[number] = attribute;
      return { field: name, match, q: value };
    }
  }
}
