// The one-statement reads of a user's claims (lib/tokens/claims.queries.ts) give exactly what
// Prisma's own relation reads give: the same user row (every column, its type, its key order: dates,
// bigints, nulls, JSON attributes), the same groups and the same identities, so the claims built
// from them cannot differ. Checked on a real, migrated database.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { createDb, type Db } from "../../lib/db/client.ts";
import { readClaimsRows, readUserInfoRows } from "../../lib/tokens/claims.queries.ts";
import { PASSWORD } from "../support/fixtures.ts";

const POOL = "local_Claims001";
let server: RunningServer;
let db: Db;

before(async () => {
  server = await startServer({
    config: {
      pools: [{
        id: POOL, name: "Claims", signInAliases: ["email"], autoVerifiedAttributes: ["email"],
        passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
        customAttributes: [{ name: "tier", type: "String", mutable: true }],
        groups: [
          { name: "admins", precedence: 1, description: "", roleArn: "arn:aws:iam::123456789012:role/Admin" },
          { name: "staff", precedence: 5, description: "" },
          { name: "readers", description: "" },
        ],
        clients: [
          { clientId: "web", name: "web", callbackUrls: ["http://localhost:4000/callback"], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"] },
          { clientId: "limited", name: "limited", callbackUrls: ["http://localhost:4000/callback"], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"], readAttributes: ["email"] },
        ],
        users: [
          { username: "full", password: PASSWORD, attributes: { email: "full@example.com", email_verified: "true", phone_number: "+15550100002", given_name: "Full", "custom:tier": "gold" }, groups: ["staff", "readers", "admins"] },
          { username: "bare", attributes: { email: "bare@example.com" } },
        ],
      }],
    },
  });
  db = createDb({ url: server.shared.DATABASE_URL!, embedded: false });
});
after(async () => {
  await db?.$disconnect();
  await server?.stop();
});

const byName = <T extends { name: string }>(groups: T[]) => [...groups].sort((a, b) => a.name.localeCompare(b.name));

async function prismaRead(id: string) {
  const user = await db.user.findFirst({
    where: { id, poolId: POOL },
    include: {
      groups: { include: { group: { select: { name: true, precedence: true, roleArn: true } } } },
      identities: { select: { providerName: true, providerUserId: true, primary: true, issuer: true, createdAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  assert.ok(user);
  const { groups, identities, ...row } = user;
  return { user: row, groups: groups.map((m) => m.group), identities };
}

test("a user with every kind of column, groups and identities reads the same as through Prisma's relations", async () => {
  const full = await db.user.findFirstOrThrow({ where: { poolId: POOL, username: "full" } });
  // Columns the configuration leaves at their defaults, set to values of each type.
  await db.user.update({ where: { id: full.id }, data: { totpLastStep: 59_123_456n, lockedUntil: new Date("2030-01-02T03:04:05.678Z"), preferredMfa: "SOFTWARE_TOKEN_MFA", failedAttempts: 2 } });
  await db.federatedIdentity.create({ data: { poolId: POOL, providerName: "Google", providerUserId: "g-1", userId: full.id, primary: true, createdAt: new Date("2026-01-02T03:04:05.006Z") } });
  await db.federatedIdentity.create({ data: { poolId: POOL, providerName: "Corp", providerUserId: "c-1", userId: full.id, issuer: "urn:corp", createdAt: new Date("2026-03-04T05:06:07.089Z") } });

  const expected = await prismaRead(full.id);
  const rows = await readClaimsRows(db, { poolId: POOL, sub: full.id, identities: true });
  assert.ok(rows);
  assert.deepEqual(Object.keys(rows.user), Object.keys(expected.user), "the same columns, in the same order");
  assert.deepStrictEqual(rows.user, expected.user);
  assert.deepStrictEqual(byName(rows.groups), byName(expected.groups));
  assert.deepStrictEqual(rows.identities, expected.identities);

  const withoutIdentities = await readClaimsRows(db, { poolId: POOL, sub: full.id, identities: false });
  assert.ok(withoutIdentities && !("identities" in withoutIdentities));
});

test("a user with no groups, no identities and mostly nulls reads the same as through Prisma", async () => {
  const bare = await db.user.findFirstOrThrow({ where: { poolId: POOL, username: "bare" } });
  const expected = await prismaRead(bare.id);
  const rows = await readClaimsRows(db, { poolId: POOL, sub: bare.id, identities: true });
  assert.ok(rows);
  assert.deepStrictEqual(rows.user, expected.user);
  assert.deepStrictEqual(rows.groups, []);
  assert.deepStrictEqual(rows.identities, []);
});

test("another pool's user or an unknown id reads as nothing", async () => {
  const full = await db.user.findFirstOrThrow({ where: { poolId: POOL, username: "full" } });
  assert.equal(await readClaimsRows(db, { poolId: "local_Other0001", sub: full.id, identities: false }), null);
  assert.equal(await readClaimsRows(db, { poolId: POOL, sub: "00000000-0000-0000-0000-000000000000", identities: false }), null);
});

test("userInfo's read tells a missing grant, a missing user and a missing client apart, as the separate reads did", async () => {
  const full = await db.user.findFirstOrThrow({ where: { poolId: POOL, username: "full" } });
  const expiresAt = new Date("2031-05-06T07:08:09.123Z");
  await db.oidcPayload.create({ data: { type: `${POOL}/Grant`, id: "grant-1", payload: {}, grantId: "grant-1", expiresAt } });

  const live = await readUserInfoRows(db, { poolId: POOL, sub: full.id, grantId: "grant-1", clientId: "limited" });
  assert.deepStrictEqual(live.grant, { expiresAt });
  assert.deepStrictEqual(live.rows, await readClaimsRows(db, { poolId: POOL, sub: full.id, identities: false }));
  assert.deepStrictEqual(live.client, { readAttributes: ["email"], writeAttributes: null });

  const all = await readUserInfoRows(db, { poolId: POOL, sub: full.id, grantId: "grant-1", clientId: "web" });
  assert.deepStrictEqual(all.client, { readAttributes: null, writeAttributes: null });

  const gone = await readUserInfoRows(db, { poolId: POOL, sub: "00000000-0000-0000-0000-000000000000", grantId: "no-such-grant", clientId: "no-such-client" });
  assert.equal(gone.grant, null);
  assert.equal(gone.rows, null);
  assert.deepStrictEqual(gone.client, { readAttributes: [], writeAttributes: [] });

  // Another pool's grant of the same id is not this pool's.
  const otherPool = await readUserInfoRows(db, { poolId: "local_Other0001", sub: full.id, grantId: "grant-1", clientId: "web" });
  assert.equal(otherPool.grant, null);
  assert.equal(otherPool.rows, null);
});
