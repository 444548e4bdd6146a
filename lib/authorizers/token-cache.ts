// The authorizer's answers per token, so a token it has seen is answered from memory: no
// signature check, no database. Bounded (least recently used goes first), and an answer lives
//  - no longer than the token (its exp) nor than MAX_AGE_MS;
//  - no longer than the authorizer's settings it was checked under (a changed authorizer is a new
//    object from the registry) and the pool's keys it was verified with (a rebuilt provider);
//  - never past a revocation: it remembers the pool's revocation epoch (lib/tokens/revocations.ts)
//    read before its liveness check, and once the epoch has moved the token is checked again.
// Only tokens found valid and live are kept: a refusal is recomputed, so nothing refused stays
// refused by mistake, and nothing an attacker sends can fill the cache with refusals.
import { createHash } from "node:crypto";
import type { PoolToken, TokenProblem, VerifyResult } from "../tokens/verify-pool-token.ts";

export const MAX_ENTRIES = 10_000;
/** A ceiling for changes no revocation note covers (a row edited by hand in the database). */
export const MAX_AGE_MS = 5 * 60_000;

export type TokenCheckDeps = {
  /** The signature and claims check (verifyPoolToken with the authorizer's expectations). */
  verify: (token: string) => Promise<VerifyResult>;
  /** The server-side check (checkTokenLive): the only step that reads the database. */
  checkLive: (token: PoolToken) => Promise<TokenProblem | null>;
  epochOf: (poolId: string) => number;
  /** Anything that changes when the pool's keys change (its provider entry). */
  generationOf: (poolId: string) => Promise<unknown>;
  now?: () => number;
};

type Entry = { token: PoolToken; scope: object; generation: unknown; epoch: number; expiresAtMs: number };

export type TokenCache = {
  /**
   * Whether the token is valid and live for `scope` (the authorizer's settings object), from
   * memory when it can be. `name` keys the answer with the token (the authorizer's name).
   */
  check(deps: TokenCheckDeps, request: { name: string; scope: object; token: string }): Promise<VerifyResult>;
  size(): number;
};

export function createTokenCache(options: { max?: number; maxAgeMs?: number } = {}): TokenCache {
  const max = options.max ?? MAX_ENTRIES;
  const maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
  const entries = new Map<string, Entry>();

  const remember = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    // A Map iterates in insertion order, and every use re-inserts: the first key is the least recently used.
    while (entries.size > max) entries.delete(entries.keys().next().value!);
  };

  return {
    size: () => entries.size,
    async check(deps, request) {
      const now = deps.now ?? Date.now;
      // Hashed: the cache holds no bearer tokens.
      const key = createHash("sha256").update(`${request.name}\0${request.token}`).digest("base64url");
      const entry = entries.get(key);
      if (entry) {
        const current = entry.scope === request.scope && now() < entry.expiresAtMs && (await deps.generationOf(entry.token.poolId)) === entry.generation;
        if (current) {
          const epoch = deps.epochOf(entry.token.poolId);
          if (epoch !== entry.epoch) {
            const problem = await deps.checkLive(entry.token);
            if (problem) {
              entries.delete(key);
              return { ok: false, problem };
            }
            remember(key, { ...entry, epoch });
          } else {
            remember(key, entry);
          }
          return { ok: true, token: entry.token };
        }
        entries.delete(key);
      }

      const verified = await deps.verify(request.token);
      if (!verified.ok) return verified;
      const { poolId } = verified.token;
      // Read before the liveness check: a revocation noted while it runs leaves the entry behind.
      const epoch = deps.epochOf(poolId);
      const generation = await deps.generationOf(poolId);
      const problem = await deps.checkLive(verified.token);
      if (problem) return { ok: false, problem };
      const expiresAtMs = Math.min(verified.token.expiresAt * 1000, now() + maxAgeMs);
      if (expiresAtMs > now()) remember(key, { token: verified.token, scope: request.scope, generation, epoch, expiresAtMs });
      return verified;
    },
  };
}
