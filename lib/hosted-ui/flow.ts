// The hosted UI's flows: one record per oidc-provider interaction, kept on the server (never in the
// URL or the browser), for as long as the interaction lives. A record holds the engine's state (its
// step and user in their own columns, the rest in `data`) plus what only the pages need: the form's
// CSRF token, the one-shot message and the values to put back into a form.
//
// Where Redis is configured the records live there (one hash per interaction, expiring with it, each
// change a single atomic command or script), so a sign-in's pages and forms cost the database
// nothing; otherwise in the AuthFlow table. Either store is shared by every instance.
import { flowKey, userFlowsKey } from "./flow-keys.ts";
import type { Redis } from "ioredis";
import type { Db } from "../db/client.ts";
import {
  authFlowUpdatedAt, deleteAuthFlow, deleteExpiredAuthFlows, findAuthFlow, insertAuthFlowIfAbsent, updateAuthFlow, updateAuthFlowIfUnchanged,
} from "../auth-flow/flow-records.queries.ts";
import type { FlowState, Step } from "../auth-flow/contract.ts";
import { newFlowState } from "../auth-flow/engine.ts";
import { randomToken } from "../security/secrets.ts";
import type { FederationPending } from "../federation/profile.ts";

export type Flash = { kind: "error" | "notice"; message: string; field?: string };

export type HostedFlow = {
  interactionUid: string;
  csrf: string;
  state: FlowState;
  /** A one-shot message for the next page: an error, or a notice such as "code sent". */
  flash: Flash | null;
  /** Non-secret values to put back in the form after an error. */
  values: Record<string, string>;
  /** A sign-in sent to an identity provider (lib/hosted-ui/federation.ts): what its answer must
   * match, whether the user chose it on the page (else the app named the provider), and the answer
   * once the provider sent it back, until the browser that started the sign-in takes it. */
  federation?: { pending: FederationPending; fromPage: boolean; answer?: Record<string, string> };
  /**
   * Signed in, with one page left before the app: the recovery codes of an MFA enrolment to save
   * (kept encrypted only until "Continue"), or the offer to add a passkey after a password sign-in
   * ("Add a passkey" / "Not now"). No other page of the flow opens meanwhile.
   */
  signedIn?: SignedIn;
};

export type SignedIn = { userId: string; amr: string[] } & ({ page: "recovery-codes"; recoveryCodesEnc: string } | { page: "add-passkey" });

const TTL_MS = 3600 * 1000;

/** Where flows are kept: Redis when the runtime has it, else the database. */
export type FlowStore = { db: Db; redis: Redis | null; env: { redisPrefix: string } };

/** A flow's last change, for saveFlowIfUnchanged: opaque to callers. */
export type FlowVersion = string;

// Rows written before the engine took Cognito's operation names.
const LEGACY_STEPS: Record<string, Step> = {
  CONFIRM_SIGN_UP: "ConfirmSignUp", CONFIRM_FORGOT_PASSWORD: "ConfirmForgotPassword", SIGN_UP: "PASSWORD_VERIFIER", FORGOT_PASSWORD: "PASSWORD_VERIFIER",
};

type Row = { interactionUid: string; poolId: string; clientId: string; step: string; userId: string | null; csrf: string; data: unknown };

function toFlow(row: Row): HostedFlow {
  const { flash, values, federation, signedIn, ...facts } = (row.data ?? {}) as Omit<FlowState, "poolId" | "clientId" | "step" | "userId"> & {
    flash?: Flash | null; values?: Record<string, string>; federation?: HostedFlow["federation"]; signedIn?: SignedIn;
  };
  const step = (LEGACY_STEPS[row.step] ?? row.step) as Step;
  return {
    interactionUid: row.interactionUid,
    csrf: row.csrf,
    state: { ...facts, poolId: row.poolId, clientId: row.clientId, step, userId: row.userId },
    flash: flash ?? null,
    values: values ?? {},
    ...(federation ? { federation } : {}),
    ...(signedIn ? { signedIn } : {}),
  };
}

function toData(flow: HostedFlow): object {
  const { poolId: _pool, clientId: _client, step: _step, userId: _user, ...facts } = flow.state;
  return {
    ...facts, flash: flow.flash, values: flow.values, ...(flow.federation ? { federation: flow.federation } : {}),
    ...(flow.signedIn ? { signedIn: flow.signedIn } : {}),
  };
}

export async function findFlow(store: FlowStore, uid: string): Promise<HostedFlow | null> {
  if (store.redis) {
    const row = await store.redis.hget(redisKey(store, uid), "row");
    return row ? toFlow(JSON.parse(row) as Row) : null;
  }
  const row = await findAuthFlow(store.db, uid);
  if (!row || row.expiresAt.getTime() < Date.now()) return null;
  return toFlow(row);
}

export async function startFlow(store: FlowStore, options: { uid: string; poolId: string; clientId: string; loginHint?: string }): Promise<HostedFlow> {
  const state = newFlowState(options);
  const row: Row = {
    interactionUid: options.uid, poolId: state.poolId, clientId: state.clientId, step: state.step, userId: null,
    csrf: randomToken(24), data: options.loginHint ? { values: { login: options.loginHint } } : {},
  };
  // A browser coming back to its interaction keeps the flow it has: one script in Redis, one
  // INSERT … ON CONFLICT DO NOTHING in the database, and only then is the kept flow read.
  if (store.redis) {
    const kept = (await store.redis.eval(START_SCRIPT, 1, redisKey(store, options.uid), JSON.stringify(row), String(TTL_MS))) as string | null;
    return toFlow(kept ? (JSON.parse(kept) as Row) : row);
  }
  const count = await insertAuthFlowIfAbsent(store.db, { ...row, data: row.data as object, expiresAt: new Date(Date.now() + TTL_MS) });
  if (count === 1) return toFlow(row);
  const kept = await findAuthFlow(store.db, options.uid);
  if (!kept) throw new Error(`the hosted flow ${options.uid} vanished as it was started`);
  return toFlow(kept);
}

export async function saveFlow(store: FlowStore, flow: HostedFlow): Promise<void> {
  if (store.redis) {
    const saved = await store.redis.eval(SAVE_SCRIPT, ...saveKeys(store, flow), JSON.stringify(toRow(flow)), "", String(TTL_MS));
    // As the database's update of a row that has gone: the flow expired meanwhile.
    if (saved !== 1) throw new Error(`the hosted flow ${flow.interactionUid} has expired`);
    return;
  }
  await updateAuthFlow(store.db, flow.interactionUid, { step: flow.state.step, userId: flow.state.userId, data: toData(flow) });
}

/** The flow's last change, for saveFlowIfUnchanged. */
export async function flowVersion(store: FlowStore, uid: string): Promise<FlowVersion | null> {
  if (store.redis) return store.redis.hget(redisKey(store, uid), "v");
  return (await authFlowUpdatedAt(store.db, uid))?.toISOString() ?? null;
}

/**
 * Saves the flow only if nothing else changed it since `version` (a request made in the background,
 * such as the sign-in page's passkey autofill, must not undo a form posted meanwhile).
 */
export async function saveFlowIfUnchanged(store: FlowStore, flow: HostedFlow, version: FlowVersion): Promise<boolean> {
  if (store.redis) return (await store.redis.eval(SAVE_SCRIPT, ...saveKeys(store, flow), JSON.stringify(toRow(flow)), version, String(TTL_MS))) === 1;
  return updateAuthFlowIfUnchanged(store.db, {
    interactionUid: flow.interactionUid, updatedAt: new Date(version), change: { step: flow.state.step, userId: flow.state.userId, data: toData(flow) },
  });
}

export async function deleteFlow(store: FlowStore, uid: string): Promise<void> {
  if (store.redis) await store.redis.del(redisKey(store, uid));
  else await deleteAuthFlow(store.db, uid);
}

/** Reads the one-shot message and clears it, so a reload does not show it again. */
export async function takeFlash(store: FlowStore, flow: HostedFlow): Promise<Flash | null> {
  const flash = flow.flash;
  if (flash) {
    flow.flash = null;
    await saveFlow(store, flow);
  }
  return flash;
}

const redisKey = (store: FlowStore, uid: string) => flowKey(store.env.redisPrefix, uid);

/** The save script's keys: the flow, and the index of its user's flows (the flow again when it has no user yet). */
function saveKeys(store: FlowStore, flow: HostedFlow): [number, string, string] {
  const key = redisKey(store, flow.interactionUid);
  const { poolId, userId } = flow.state;
  return [2, key, userId ? userFlowsKey(store.env.redisPrefix, poolId, userId) : key];
}

function toRow(flow: HostedFlow): Row {
  const { state } = flow;
  return { interactionUid: flow.interactionUid, poolId: state.poolId, clientId: state.clientId, step: state.step, userId: state.userId, csrf: flow.csrf, data: toData(flow) };
}

// A flow in Redis: a hash of its record ("row", JSON) and a version ("v") that every save moves on,
// expiring an hour after the flow started (saves keep that expiry, as the table's expiresAt).
// Start: keeps a flow that exists (and answers it), else writes this one with its expiry.
const START_SCRIPT = `
local kept = redis.call("HGET", KEYS[1], "row")
if kept then return kept end
redis.call("HSET", KEYS[1], "v", "1", "row", ARGV[1])
redis.call("PEXPIRE", KEYS[1], ARGV[2])
return false`;
// Save: only over a flow that still exists and, when ARGV[2] names one, is still at that version.
// A flow that has reached a user is listed in that user's index (KEYS[2]), which lives as long as
// the flows it lists (ARGV[3], an interaction's lifetime), so that signing the user out ends it.
const SAVE_SCRIPT = `
local v = redis.call("HGET", KEYS[1], "v")
if not v or (ARGV[2] ~= "" and v ~= ARGV[2]) then return 0 end
redis.call("HSET", KEYS[1], "v", tostring(tonumber(v) + 1), "row", ARGV[1])
if KEYS[2] ~= KEYS[1] then
  redis.call("SADD", KEYS[2], KEYS[1])
  redis.call("PEXPIRE", KEYS[2], ARGV[3])
end
return 1`;

export async function purgeExpiredFlows(db: Db): Promise<void> {
  await deleteExpiredAuthFlows(db);
}
