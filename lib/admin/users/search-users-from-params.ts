// The console's Users tab as a query: its URL's search params (a GET form, so every search is a
// shareable URL) read into a user search, with what cannot be used dropped and said, not refused.
import type { Db } from "../../db/client.ts";
import { isAppError } from "../../errors.ts";
import { usernameIsChosen, type Pool } from "../../pools/pool.ts";
import { searchUsers, UserSearchSchema, type UserPage, type UserSearch } from "./search-users.ts";

export type RawSearchParams = Record<string, string | string[] | undefined>;
/** How the console names a pool's users: by the username they chose, else by email or phone. */
export type UserIdentity = "username" | "email" | "phone";

export const USER_SEARCH_PARAMS = ["q", "field", "match", "status", "enabled", "group", "sort", "order", "cursor", "limit"] as const;
const PARAM_LABELS: Record<string, string> = {
  q: "Search", field: "Search in", match: "Match", status: "Status", enabled: "Enabled", group: "Group",
  sort: "Sort", order: "Order", cursor: "Page", limit: "Page size",
};

export function userIdentity(pool: Pool): UserIdentity {
  if (usernameIsChosen(pool)) return "username";
  return pool.signInAliases.includes("email") ? "email" : "phone";
}

export type ParamsSearch = {
  search: UserSearch;
  page: UserPage;
  /** The params kept (one value per key, blanks and unusable ones dropped): links to other pages build on these. */
  params: Record<string, string>;
  /** What was dropped and why, to show above the results. */
  notices: string[];
};

export async function searchUsersFromParams(db: Db, pool: Pool, raw: RawSearchParams): Promise<ParamsSearch> {
  const identity = userIdentity(pool);
  // Read the query: one value per key, blanks (an empty filter of the GET form) dropped.
  const input: Record<string, string> = {};
  for (const key of USER_SEARCH_PARAMS) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    if (typeof value === "string" && value.trim() !== "") input[key] = value;
  }
  // The schema sorts by username, which in email/phone pools is a random id: sort by what people see.
  const defaultSort = () => {
    if (input.sort || identity === "username") return;
    input.sort = identity === "email" ? "email" : "createdAt";
    if (!input.order && identity === "phone") input.order = "desc";
  };

  const notices: string[] = [];
  defaultSort();
  let parsed = UserSearchSchema.safeParse(input);
  if (!parsed.success) {
    // Keep what is valid; drop (and report) the rest.
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      notices.push(`${PARAM_LABELS[key] ?? key}: ${issue.message}`);
      delete input[key];
    }
    defaultSort();
    parsed = UserSearchSchema.safeParse(input);
  }
  let search: UserSearch = parsed.success ? parsed.data : UserSearchSchema.parse({});

  // A stale page cursor or a deleted group: say so and show the results without it.
  let page: UserPage | null = null;
  for (let attempt = 0; page === null; attempt++) {
    try {
      page = await searchUsers(db, pool, search);
    } catch (error) {
      if (attempt < 2 && isAppError(error) && (error.field === "cursor" || error.field === "group")) {
        notices.push(error.message);
        delete input[error.field];
        search = { ...search, [error.field]: undefined };
        continue;
      }
      throw error;
    }
  }
  return { search, page, params: input, notices };
}
