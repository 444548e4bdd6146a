// ListUsers with Cognito's Filter (`attribute = "value"`, `attribute ^= "value"`), AttributesToGet
// and pagination, and the other user lists (ListUsersInGroup, AdminListGroupsForUser), through the
// real AWS SDK signed with an admin API key, on a pool of known users.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand, AdminListGroupsForUserCommand, ListUsersCommand, ListUsersInGroupCommand, SignUpCommand,
  type CognitoIdentityProviderClient, type ListUsersCommandInput, type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { API_PASSWORD, cognitoApiConfig, sdkClient } from "../support/cognito-api.ts";
import { ADMIN_ENV, createSigningKey, refusal } from "../support/cognito-admin.ts";
import { startServer, type RunningServer } from "../support/server.ts";

const POOL = "local_ApiList01";
const user = (username: string, attributes: Record<string, string>, extra: Record<string, unknown> = {}) =>
  ({ username, password: API_PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true", ...attributes }, ...extra });

function config() {
  const base = cognitoApiConfig();
  base.pools.push({
    id: POOL, name: "Listing", signInAliases: ["username", "email"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "OFF",
    passwordPolicy: base.pools[0]!.passwordPolicy, customAttributes: [{ name: "team", type: "String", mutable: true }],
    groups: ["team", "solo", "a-group", "b-group", "c-group"].map((name) => ({ name, precedence: null, description: "" })),
    clients: [{ ...base.pools[0]!.clients[0]!, clientId: "lister" }],
    users: [
      user("jon", { given_name: "Jon", family_name: "Reddy", name: "Jon Reddy", preferred_username: "jonny", phone_number: "+14155550001", "custom:team": "red" }, { groups: ["team", "solo", "a-group", "b-group", "c-group"] }),
      user("jonas", { given_name: "Jonas", family_name: "Smith", name: "Jonas Smith", phone_number: "+14155550002" }, { groups: ["team"] }),
      user("jane", { given_name: "Jane", family_name: "Reddy" }, { groups: ["team"], enabled: false }),
      { ...user("kim", { given_name: "jon" }, { groups: ["team"] }), password: null, temporaryPassword: "Temp0rary!" },
      user("lee", { family_name: "Lee" }, { groups: ["team"] }),
      user("mia", {}),
      user("ned", {}),
    ],
  } as unknown as (typeof base.pools)[number]);
  return base;
}

let server: RunningServer;
let cognito: CognitoIdentityProviderClient;

before(async () => {
  server = await startServer({ config: config(), env: ADMIN_ENV });
  cognito = (await createSigningKey(server, "lister")).cognito;
});
after(async () => {
  cognito?.destroy();
  await server?.stop();
});

const list = (input: Omit<ListUsersCommandInput, "UserPoolId"> = {}) => cognito.send(new ListUsersCommand({ UserPoolId: POOL, ...input }));
const names = (users: UserType[] | undefined) => (users ?? []).map((u) => u.Username);
const filtered = async (Filter: string) => names((await list({ Filter })).Users);

/** Every page of a listing, following the tokens. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; token: string | undefined }>): Promise<T[][]> {
  const pages: T[][] = [];
  let token: string | undefined;
  do {
    const next = await page(token);
    pages.push(next.items);
    token = next.token;
    assert.ok(pages.length < 20, "the tokens lead somewhere");
  } while (token);
  return pages;
}

describe("ListUsers", () => {
  test("without a filter: every user in username order, with their attributes, status, Enabled and dates", async () => {
    const { Users: users, PaginationToken } = await list();
    assert.deepEqual(names(users), ["jane", "jon", "jonas", "kim", "lee", "mia", "ned"]);
    assert.equal(PaginationToken, undefined);
    const jon = users!.find((u) => u.Username === "jon")!;
    const attrs = Object.fromEntries(jon.Attributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attrs.given_name, "Jon");
    assert.equal(attrs["custom:team"], "red");
    assert.equal(attrs.phone_number, "+14155550001");
    assert.match(attrs.sub, /^[0-9a-f-]{36}$/);
    assert.equal(jon.UserStatus, "CONFIRMED");
    assert.equal(jon.Enabled, true);
    assert.ok(jon.UserCreateDate instanceof Date && jon.UserLastModifiedDate instanceof Date);
    assert.equal(users!.find((u) => u.Username === "jane")!.Enabled, false);
    assert.equal(users!.find((u) => u.Username === "kim")!.UserStatus, "FORCE_CHANGE_PASSWORD");
  });

  test("Limit pages through everyone once, in order, with PaginationToken", async () => {
    const pages = await allPages(async (token) => {
      const page = await list({ Limit: 3, PaginationToken: token });
      return { items: names(page.Users), token: page.PaginationToken };
    });
    assert.deepEqual(pages, [["jane", "jon", "jonas"], ["kim", "lee", "mia"], ["ned"]]);
  });

  test("a filter pages too", async () => {
    const pages = await allPages(async (token) => {
      const page = await list({ Filter: 'family_name = "Reddy"', Limit: 1, PaginationToken: token });
      return { items: names(page.Users), token: page.PaginationToken };
    });
    assert.deepEqual(pages, [["jane"], ["jon"]]);
  });

  test("username, email and phone_number: exact and prefix", async () => {
    assert.deepEqual(await filtered('username = "jon"'), ["jon"]);
    assert.deepEqual(await filtered('username ^= "jo"'), ["jon", "jonas"]);
    assert.deepEqual(await filtered('email = "jonas@example.com"'), ["jonas"]);
    assert.deepEqual(await filtered('email ^= "j"'), ["jane", "jon", "jonas"]);
    assert.deepEqual(await filtered('phone_number = "+14155550002"'), ["jonas"]);
    assert.deepEqual(await filtered('phone_number ^= "+1415555000"'), ["jon", "jonas"]);
    assert.deepEqual(await filtered('email = "nobody@example.com"'), []);
  });

  test("name, given_name, family_name and preferred_username: exact and prefix, with case", async () => {
    assert.deepEqual(await filtered('given_name = "Jon"'), ["jon"]);
    assert.deepEqual(await filtered('given_name ^= "Jon"'), ["jon", "jonas"]);
    assert.deepEqual(await filtered('given_name = "jon"'), ["kim"]);
    assert.deepEqual(await filtered('family_name = "Reddy"'), ["jane", "jon"]);
    assert.deepEqual(await filtered('name ^= "Jonas S"'), ["jonas"]);
    assert.deepEqual(await filtered('preferred_username = "jonny"'), ["jon"]);
    assert.deepEqual(await filtered('family_name="Lee"'), ["lee"]);
  });

  test("cognito:user_status, status (Enabled/Disabled) and sub", async () => {
    assert.deepEqual(await filtered('cognito:user_status = "FORCE_CHANGE_PASSWORD"'), ["kim"]);
    assert.deepEqual(await filtered('cognito:user_status = "CONFIRMED"'), ["jane", "jon", "jonas", "lee", "mia", "ned"]);
    assert.deepEqual(await filtered('status = "Disabled"'), ["jane"]);
    assert.deepEqual(await filtered('status = "Enabled"'), ["jon", "jonas", "kim", "lee", "mia", "ned"]);
    const sub = (await cognito.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "mia" }))).UserAttributes!.find((a) => a.Name === "sub")!.Value!;
    assert.deepEqual(await filtered(`sub = "${sub}"`), ["mia"]);

    const lister = sdkClient(server);
    try {
      await lister.send(new SignUpCommand({ ClientId: "lister", Username: "newbie", Password: API_PASSWORD, UserAttributes: [{ Name: "email", Value: "newbie@example.com" }] }));
    } finally {
      lister.destroy();
    }
    assert.deepEqual(await filtered('cognito:user_status = "UNCONFIRMED"'), ["newbie"]);
  });

  test("AttributesToGet returns only the attributes named", async () => {
    const { Users: users } = await list({ Filter: 'username = "jon"', AttributesToGet: ["email", "custom:team"] });
    assert.deepEqual(users![0]!.Attributes, [{ Name: "email", Value: "jon@example.com" }, { Name: "custom:team", Value: "red" }]);
    assert.equal((await refusal(list({ AttributesToGet: ["custom:nope"] }))).name, "InvalidParameterException");
  });

  test("a filter Cognito could not parse, or on an attribute it cannot search, is InvalidParameterException", async () => {
    for (const Filter of ["jon", 'email == "x"', "email = jon", 'email = "a" or name = "b"', 'custom:team = "red"', 'address = "x"']) {
      const answer = await refusal(list({ Filter }));
      assert.equal(answer.name, "InvalidParameterException", Filter);
      assert.match(answer.message, /^Error while parsing filter\./, Filter);
    }
  });

  test("a Limit over 60, a bad token or an unknown pool is refused", async () => {
    assert.equal((await refusal(list({ Limit: 61 }))).name, "InvalidParameterException");
    assert.equal((await refusal(list({ PaginationToken: "not-a-token" }))).name, "InvalidParameterException");
    assert.equal((await refusal(cognito.send(new ListUsersCommand({ UserPoolId: "local_NoSuchPoo" })))).name, "ResourceNotFoundException");
  });
});

describe("group listings", () => {
  test("ListUsersInGroup pages through the members in username order", async () => {
    const pages = await allPages(async (token) => {
      const page = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: "team", Limit: 2, NextToken: token }));
      return { items: names(page.Users), token: page.NextToken };
    });
    assert.deepEqual(pages, [["jane", "jon"], ["jonas", "kim"], ["lee"]]);
    const { Users: solo } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: "solo" }));
    assert.equal(solo![0]!.Attributes!.find((a) => a.Name === "given_name")!.Value, "Jon");
    assert.equal((await refusal(cognito.send(new ListUsersInGroupCommand({ UserPoolId: POOL, GroupName: "nosuch" })))).name, "ResourceNotFoundException");
  });

  test("AdminListGroupsForUser pages through the user's groups", async () => {
    const pages = await allPages(async (token) => {
      const page = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: "jon", Limit: 2, NextToken: token }));
      return { items: (page.Groups ?? []).map((g) => g.GroupName), token: page.NextToken };
    });
    assert.deepEqual(pages, [["a-group", "b-group"], ["c-group", "solo"], ["team"]]);
    const { Groups: none } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: "mia" }));
    assert.deepEqual(none, []);
    assert.equal((await refusal(cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: "nobody" })))).name, "UserNotFoundException");
  });
});
