// oidc-provider's storage: every artifact (sessions, interactions, codes, grants, refresh tokens)
// in one table, keyed by (type, id), with indexed uid, grantId and userCode.
import { errors, type Adapter, type AdapterPayload } from "oidc-provider";
import type { Redis } from "ioredis";
// oidc-provider runs each request in this AsyncLocalStorage, its context as the store (see
// issue-tokens.ts): what one statement read for a request is kept for the rest of that request.
// @ts-expect-error no declaration file for an internal module
import als from "oidc-provider/lib/helpers/als.js";
import type { Db } from "../db/client.ts";
import { artifactType, redisArtifactKey } from "./artifacts.ts";
import { noteRevocation } from "../tokens/revocations.ts";
import { claimsColumns, claimsRowsOf, type ClaimsColumns, type ClaimsRows } from "../tokens/claims.queries.ts";

// Clients are served from the AppClient table by the provider factory, not stored here.
const GRANTABLE = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest"]);

/**
 * Where Redis is configured, interactions (the hour a sign-in may take between the authorization
 * request and its answer) live there instead: each is written, read and deleted whole by its id,
 * never looked up by grant or uid, and expires by itself, so a sign-in's interaction costs the
 * database nothing. Losing one (a Redis restart) only ends that sign-in, as its expiry would.
 */
function redisInteractions(redis: Redis, prefix: string, poolId: string): Adapter {
  const key = (id: string) => redisArtifactKey(prefix, poolId, "Interaction", id);
  return {
    async upsert(id, payload, expiresIn) {
      // As the table's expiresAt: no lifetime never expires, one already over is as good as gone.
      if (!expiresIn) await redis.set(key(id), JSON.stringify(payload));
      else if (expiresIn > 0) await redis.set(key(id), JSON.stringify(payload), "EX", Math.ceil(expiresIn));
      else await redis.del(key(id));
    },
    async find(id) {
      const value = await redis.get(key(id));
      return value ? (JSON.parse(value) as AdapterPayload) : undefined;
    },
    async findByUid() {
      return undefined;
    },
    async findByUserCode() {
      return undefined;
    },
    async destroy(id) {
      await redis.del(key(id));
    },
    async consume() {
      throw new Error("interactions are never consumed");
    },
    async revokeByGrantId() {},
  };
}

// What a request's read of a refresh token or authorization code brought along, by request context:
// its grant (served to the Grant.find that follows, once) and its user's claims rows (for findAccount).
type Prefetched = { grants: Map<string, AdapterPayload | undefined>; claims: Map<string, ClaimsRows | null> };
const prefetched = new WeakMap<object, Prefetched>();

function requestStore(): object | undefined {
  return (als as { getStore(): object | undefined }).getStore();
}

function prefetchedOf(ctx: object | undefined): Prefetched | undefined {
  return ctx ? prefetched.get(ctx) : undefined;
}

/**
 * The claims rows of `sub` read along with this request's refresh token or authorization code:
 * null for a user who is gone, undefined when nothing was read for them (then read them).
 */
export function takePrefetchedClaims(ctx: object, sub: string): ClaimsRows | null | undefined {
  const memo = prefetchedOf(ctx);
  if (!memo?.claims.has(sub)) return undefined;
  const rows = memo.claims.get(sub)!;
  memo.claims.delete(sub);
  return rows;
}

type StoredRow = { payload: unknown; expiresAt: Date | null; consumedAt: Date | null };

/** The payload oidc-provider gets for a stored row: nothing once expired, `consumed` once used. */
function payloadOf(row: StoredRow): AdapterPayload | undefined {
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
  const payload = row.payload as AdapterPayload;
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
}

// The artifacts a token request redeems: each is read with its grant and its user's claims, the
// three things the grant types then ask for one after another.
const REDEEMED = new Set(["AuthorizationCode", "RefreshToken"]);

/**
 * `options.identities`: whether the claims read along with redeemed artifacts include the user's
 * identities (the pool has identity providers), as the provider's findAccount would read them.
 * `options.redis`: where interactions live when Redis is configured.
 */
export function createAdapterClass(
  db: Db, lookupClient: (id: string) => Promise<AdapterPayload | undefined>, poolId: string,
  options: { identities: boolean; redis?: { client: Redis; prefix: string } | null } = { identities: false },
) {
  const claims = { identities: options.identities };
  const grantType = artifactType(poolId, "Grant");
  const interactions = options.redis ? redisInteractions(options.redis.client, options.redis.prefix, poolId) : null;
  return class PrismaAdapter implements Adapter {
    private readonly model: string;
    // Artifacts are namespaced by pool, so no pool's provider can load another pool's session.
    private readonly type: string;
    constructor(model: string) {
      this.model = model;
      this.type = artifactType(poolId, model);
    }

    private get redisStore(): Adapter | null {
      return this.model === "Interaction" ? interactions : null;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.redisStore) return this.redisStore.upsert(id, payload, expiresIn);
      const data = {
        payload: payload as object,
        grantId: this.model === "Grant" ? id : GRANTABLE.has(this.model) ? (payload.grantId ?? null) : null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      if (this.model === "Grant") this.forgetGrant(id);
      await db.oidcPayload.upsert({
        where: { type_id: { type: this.type, id } },
        create: { type: this.type, id, ...data },
        update: data,
      });
    }

    private async findWhere(where: { id?: string; uid?: string; userCode?: string }): Promise<AdapterPayload | undefined> {
      const row = await db.oidcPayload.findFirst({ where: { type: this.type, ...where } });
      return row ? payloadOf(row) : undefined;
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === "Client") return lookupClient(id);
      if (this.redisStore) return this.redisStore.find(id) as Promise<AdapterPayload | undefined>;
      if (this.model === "Grant") {
        const memo = prefetchedOf(requestStore());
        if (memo?.grants.has(id)) {
          const grant = memo.grants.get(id);
          memo.grants.delete(id);
          return grant;
        }
      }
      const ctx = REDEEMED.has(this.model) ? requestStore() : undefined;
      if (ctx) return this.findRedeemed(ctx, id);
      return this.findWhere({ id });
    }

    /**
     * A refresh token or authorization code, its grant and its user's claims rows in one
     * statement; the grant and the claims are kept for this request's Grant.find and findAccount.
     */
    private async findRedeemed(ctx: object, id: string): Promise<AdapterPayload | undefined> {
      const [row] = await db.$queryRaw<(StoredRow & ClaimsColumns & {
        __grantFound: boolean; __grantPayload: unknown; __grantExpiresAt: Date | null; __grantConsumedAt: Date | null;
      })[]>`
        SELECT a."payload", a."expiresAt", a."consumedAt",
          g."id" IS NOT NULL AS "__grantFound", g."payload" AS "__grantPayload", g."expiresAt" AS "__grantExpiresAt", g."consumedAt" AS "__grantConsumedAt",
          ${claimsColumns(claims.identities)}
        FROM "OidcPayload" a
        LEFT JOIN "OidcPayload" g ON g."type" = ${grantType} AND g."id" = a."grantId"
        LEFT JOIN "User" u ON u."id" = a."payload"->>'accountId' AND u."poolId" = ${poolId}
        WHERE a."type" = ${this.type} AND a."id" = ${id}`;
      if (!row) return undefined;
      const payload = payloadOf(row);
      if (!payload) return undefined;
      let memo = prefetched.get(ctx);
      if (!memo) prefetched.set(ctx, (memo = { grants: new Map(), claims: new Map() }));
      if (typeof payload.grantId === "string") {
        memo.grants.set(payload.grantId, row.__grantFound ? payloadOf({ payload: row.__grantPayload, expiresAt: row.__grantExpiresAt, consumedAt: row.__grantConsumedAt }) : undefined);
      }
      if (typeof payload.accountId === "string") memo.claims.set(payload.accountId, claimsRowsOf(row, claims.identities));
      return payload;
    }

    /** A grant written or removed in this request is read from the database again. */
    private forgetGrant(grantId: string) {
      prefetchedOf(requestStore())?.grants.delete(grantId);
    }

    findByUid(uid: string) {
      return this.findWhere({ uid });
    }

    findByUserCode(userCode: string) {
      return this.findWhere({ userCode });
    }

    async destroy(id: string): Promise<void> {
      if (this.redisStore) return this.redisStore.destroy(id);
      await db.oidcPayload.deleteMany({ where: { type: this.type, id } });
      if (this.model === "Grant") {
        this.forgetGrant(id);
        await noteRevocation(poolId);
      }
    }

    /**
     * Marks a single-use artifact (authorization code, rotated refresh token) used, in one
     * conditional update: of requests that raced past oidc-provider's own `consumed` check, exactly
     * one wins. The others are reuse, treated as oidc-provider treats a reuse it sees itself: the
     * grant and everything issued from it are revoked (the winner's new tokens too), and the
     * request fails with invalid_grant.
     */
    async consume(id: string): Promise<void> {
      const { count } = await db.oidcPayload.updateMany({ where: { type: this.type, id, consumedAt: null }, data: { consumedAt: new Date() } });
      if (count === 1) return;
      const row = await db.oidcPayload.findUnique({ where: { type_id: { type: this.type, id } }, select: { grantId: true } });
      if (row?.grantId) await this.revokeByGrantId(row.grantId);
      throw new errors.InvalidGrant(`${this.model === "AuthorizationCode" ? "authorization code" : "refresh token"} already used`);
    }

    // Every artifact of the grant, the Grant itself included (its grantId column is its own id).
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.oidcPayload.deleteMany({ where: { grantId } });
      this.forgetGrant(grantId);
      await noteRevocation(poolId);
    }
  };
}

/** Deletes expired artifacts; run periodically. */
export async function purgeExpiredArtifacts(db: Db): Promise<number> {
  const { count } = await db.oidcPayload.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}
