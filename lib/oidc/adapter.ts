// oidc-provider's storage: every artifact (sessions, interactions, codes, grants, refresh tokens)
// in one table, keyed by (type, id), with indexed uid, grantId and userCode.
import { errors, type Adapter, type AdapterPayload } from "oidc-provider";
import type { Redis } from "ioredis";
import type { Db } from "../db/client.ts";
import { noteRevocation } from "../tokens/revocations.ts";

// Clients are served from the AppClient table by the provider factory, not stored here.
const GRANTABLE = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest"]);

/**
 * Where Redis is configured, interactions (the hour a sign-in may take between the authorization
 * request and its answer) live there instead: each is written, read and deleted whole by its id,
 * never looked up by grant or uid, and expires by itself, so a sign-in's interaction costs the
 * database nothing. Losing one (a Redis restart) only ends that sign-in, as its expiry would.
 */
function redisInteractions(redis: Redis, prefix: string, poolId: string): Adapter {
  const key = (id: string) => `${prefix}oidc:${poolId}/Interaction:${id}`;
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

export function createAdapterClass(
  db: Db, lookupClient: (id: string) => Promise<AdapterPayload | undefined>, poolId: string, redis?: { client: Redis; prefix: string } | null,
) {
  const interactions = redis ? redisInteractions(redis.client, redis.prefix, poolId) : null;
  return class PrismaAdapter implements Adapter {
    private readonly model: string;
    // Artifacts are namespaced by pool, so no pool's provider can load another pool's session.
    private readonly type: string;
    constructor(model: string) {
      this.model = model;
      this.type = `${poolId}/${model}`;
    }

    private get redisStore(): Adapter | null {
      return this.model === "Interaction" ? interactions : null;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.redisStore) return this.redisStore.upsert(id, payload, expiresIn) as Promise<void>;
      const data = {
        payload: payload as object,
        grantId: this.model === "Grant" ? id : GRANTABLE.has(this.model) ? (payload.grantId ?? null) : null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db.oidcPayload.upsert({
        where: { type_id: { type: this.type, id } },
        create: { type: this.type, id, ...data },
        update: data,
      });
    }

    private async findWhere(where: { id?: string; uid?: string; userCode?: string }): Promise<AdapterPayload | undefined> {
      const row = await db.oidcPayload.findFirst({ where: { type: this.type, ...where } });
      if (!row) return undefined;
      if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
      const payload = row.payload as AdapterPayload;
      return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === "Client") return lookupClient(id);
      if (this.redisStore) return this.redisStore.find(id) as Promise<AdapterPayload | undefined>;
      return this.findWhere({ id });
    }

    findByUid(uid: string) {
      return this.findWhere({ uid });
    }

    findByUserCode(userCode: string) {
      return this.findWhere({ userCode });
    }

    async destroy(id: string): Promise<void> {
      if (this.redisStore) return this.redisStore.destroy(id) as Promise<void>;
      await db.oidcPayload.deleteMany({ where: { type: this.type, id } });
      if (this.model === "Grant") await noteRevocation(poolId);
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
      await noteRevocation(poolId);
    }
  };
}

/** Deletes expired artifacts; run periodically. */
export async function purgeExpiredArtifacts(db: Db): Promise<number> {
  const { count } = await db.oidcPayload.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}
