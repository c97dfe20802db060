import { createHash, createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import {
  DomainError,
  DomainErrorCode,
  actionMessage,
  actionRequestDigest,
  type ActionAssertion,
  type ActionClaims,
  type ActionSigningKey,
  type Actor,
  type OffChannelRecord,
  type SignedEvidence,
} from '@comity/domain';
import {
  processStateQuery,
  takeActionForStageUpdate,
  takeActionUpdate,
  type ProcessView,
  type TakeActionInput,
} from '../src/process.messages';

/**
 * The one way Comity's senders — the API for officers, the bridge for agencies' answers — take an
 * action on a process: the update id, the sender's signed assertion bound to the process and the
 * update, the call's deadline, and what a refusal means all live here, not once per sender.
 * (Outside the workflow bundle: this runs in the apps, next to a Temporal client.)
 */
export interface ActionRequest {
  readonly processId: string;
  readonly action: string;
  readonly payload?: unknown;
  readonly actor: Actor;
  /** Set by agencies answering a task. */
  readonly taskId?: string;
  /** Actions repeated with the same key, by the same party, are applied once. */
  readonly idempotencyKey?: string;
  /** The signed message the action comes from (an agency's answer). */
  readonly evidence?: SignedEvidence;
  /** The step was taken outside Comity (by post, through the diplomatic channel): how and when. */
  readonly offChannel?: OffChannelRecord;
}

export interface GatewayOptions {
  /** The sender's signing keys (COMITY_ACTION_KEYS); every action is signed with each. */
  readonly keys: readonly ActionSigningKey[];
  /** How long the call may take; then it fails (the client decides what that means). */
  readonly deadlineMs: number;
}

/**
 * The update id: derived from the acting party (its agency, else the user) and its idempotency key,
 * so two parties' keys never collide and a repeat returns the first outcome; random without a key.
 */
export function updateIdOf(actor: Actor, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  return createHash('sha256')
    .update(`${actor.agencyId ?? actor.userId}\n${idempotencyKey}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Sends the action as a signed Temporal update and answers the process's new state. A repeated
 * update id answers the first outcome; if that outcome was for another request (the same key, a
 * different action, payload or task), the change would be silently dropped: IDEMPOTENCY_KEY_REUSED.
 */
export async function takeAction(
  client: Client,
  request: ActionRequest,
  options: GatewayOptions,
): Promise<ProcessView> {
  const outcome = checkedOutcome(request, await sendAction(client, request, options, takeActionUpdate, {}));
  // The same agency's system sent this key first, asking for the stage alone: the state is read.
  if (!('processId' in outcome)) return queryState(client, request.processId, options);
  const { requestDigest: _digest, ...view } = outcome;
  return view;
}

/**
 * The same, answering only the stage the process is in afterwards (the bridge): the update's result,
 * kept in the process's history, is the stage and sequence instead of the whole state.
 */
export async function takeActionForStage(
  client: Client,
  request: ActionRequest,
  options: GatewayOptions,
): Promise<{ readonly stage: string }> {
  const { stage } = checkedOutcome(
    request,
    await sendAction(client, request, options, takeActionForStageUpdate, { reply: 'stage' }),
  );
  return { stage };
}

/** The outcome, unless it was for another request under the same key (then nothing was changed). */
function checkedOutcome<T extends { readonly requestDigest?: string }>(request: ActionRequest, outcome: T): T {
  if (outcome.requestDigest !== undefined && outcome.requestDigest !== actionRequestDigest(request)) {
    throw new DomainError(
      DomainErrorCode.IdempotencyKeyReused,
      `idempotency key '${request.idempotencyKey ?? ''}' was first used with another request; nothing was changed (use a new key for a new request)`,
      ['idempotencyKey: already used with a different action, payload or task'],
    );
  }
  return outcome;
}

function queryState(client: Client, processId: string, options: GatewayOptions): Promise<ProcessView> {
  return client.withDeadline(Date.now() + options.deadlineMs, () =>
    client.workflow.getHandle(processId).query(processStateQuery),
  );
}

function sendAction<Reply extends Pick<TakeActionInput, 'reply'>, Outcome>(
  client: Client,
  request: ActionRequest,
  options: GatewayOptions,
  update: UpdateDefinition<Outcome, [TakeActionInput & Reply]>,
  reply: Reply,
): Promise<Outcome> {
  const { processId, action, payload, actor, taskId, evidence, offChannel } = request;
  const updateId = updateIdOf(actor, request.idempotencyKey);
  const issuedAt = new Date().toISOString();
  const assertion = signActionNatively(
    { processId, updateId, issuedAt, action, payload, actor, taskId, evidence, offChannel },
    options.keys,
  );
  return client.withDeadline(Date.now() + options.deadlineMs, () =>
    client.workflow.getHandle(processId).executeUpdate(update, {
      args: [
        {
          action,
          payload,
          actor,
          ...(taskId === undefined ? {} : { taskId }),
          ...(evidence === undefined ? {} : { evidence }),
          ...(offChannel === undefined ? {} : { offChannel }),
          assertion,
          ...reply,
        },
      ],
      updateId,
    }),
  );
}

/** The process's refusal of an action (its validator's DomainError), when that is what the error is. */
export function refusalOf(
  err: unknown,
): { readonly code: DomainErrorCode; readonly message: string; readonly details: readonly string[] } | undefined {
  if (err instanceof DomainError) return { code: err.code, message: err.message, details: err.details };
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) return undefined;
  const code = err.cause.type as DomainErrorCode;
  if (!Object.values(DomainErrorCode).includes(code)) return undefined;
  return { code, message: err.cause.message, details: (err.cause.details?.[0] as string[] | undefined) ?? [] };
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const nativeKeys = new WeakMap<ActionSigningKey, KeyObject>();

/**
 * The same assertion as @comity/domain's signAction (Ed25519 signatures are deterministic, so the
 * bytes are equal), made with Node's native Ed25519: the pure-JS one the process verifies with cost
 * ~1.7 ms a signature, a third of all the cryptography a process needs (docs/benchmarks.md).
 */
export function signActionNatively(claims: ActionClaims, keys: readonly ActionSigningKey[]): ActionAssertion {
  const bytes = actionMessage(claims);
  return {
    issuedAt: claims.issuedAt,
    signatures: keys.map((key) => ({ keyId: key.id, signature: sign(null, bytes, nativeKey(key)).toString('hex') })),
  };
}

function nativeKey(key: ActionSigningKey): KeyObject {
  let native = nativeKeys.get(key);
  if (!native) {
    native = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, key.secretKey]),
      format: 'der',
      type: 'pkcs8',
    });
    nativeKeys.set(key, native);
  }
  return native;
}
