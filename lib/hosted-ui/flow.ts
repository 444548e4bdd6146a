// The hosted UI's flows: one row per oidc-provider interaction, kept on the server (never in the URL
// or the browser), for as long as the interaction lives. A row holds the engine's state (its step
// and user in their own columns, the rest in `data`) plus what only the pages need: the form's
// CSRF token, the one-shot message and the values to put back into a form.
import type { Db } from "../db/client.ts";
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

export async function findFlow(db: Db, uid: string): Promise<HostedFlow | null> {
  const row = await db.authFlow.findUnique({ where: { interactionUid: uid } });
  if (!row || row.expiresAt.getTime() < Date.now()) return null;
  return toFlow(row);
}

export async function startFlow(db: Db, options: { uid: string; poolId: string; clientId: string; loginHint?: string }): Promise<HostedFlow> {
  const state = newFlowState(options);
  const row = await db.authFlow.upsert({
    where: { interactionUid: options.uid },
    create: {
      interactionUid: options.uid, poolId: state.poolId, clientId: state.clientId, step: state.step,
      csrf: randomToken(24), expiresAt: new Date(Date.now() + TTL_MS),
      data: options.loginHint ? { values: { login: options.loginHint } } : {},
    },
    update: {},
  });
  return toFlow(row);
}

export async function saveFlow(db: Db, flow: HostedFlow): Promise<void> {
  await db.authFlow.update({
    where: { interactionUid: flow.interactionUid },
    data: { step: flow.state.step, userId: flow.state.userId, data: toData(flow) },
  });
}

/** The row's last change, for saveFlowIfUnchanged. */
export async function flowVersion(db: Db, uid: string): Promise<Date | null> {
  return (await db.authFlow.findUnique({ where: { interactionUid: uid }, select: { updatedAt: true } }))?.updatedAt ?? null;
}

/**
 * Saves the flow only if nothing else changed it since `version` (a request made in the background,
 * such as the sign-in page's passkey autofill, must not undo a form posted meanwhile).
 */
export async function saveFlowIfUnchanged(db: Db, flow: HostedFlow, version: Date): Promise<boolean> {
  const { count } = await db.authFlow.updateMany({
    where: { interactionUid: flow.interactionUid, updatedAt: version },
    data: { step: flow.state.step, userId: flow.state.userId, data: toData(flow) as never },
  });
  return count === 1;
}

export async function deleteFlow(db: Db, uid: string): Promise<void> {
  await db.authFlow.deleteMany({ where: { interactionUid: uid } });
}

/** Reads the one-shot message and clears it, so a reload does not show it again. */
export async function takeFlash(db: Db, flow: HostedFlow): Promise<Flash | null> {
  const flash = flow.flash;
  if (flash) {
    flow.flash = null;
    await saveFlow(db, flow);
  }
  return flash;
}

export async function purgeExpiredFlows(db: Db): Promise<void> {
  await db.authFlow.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
