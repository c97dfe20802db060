import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
} from '@temporalio/client';
import {
  DomainErrorCode,
  takenThroughApiOnly,
  type ActionSigningKey,
  type Actor,
  type SignedEvidence,
} from '@comity/domain';
import { ANSWER_JWS_TYPE, decryptAnswer, verifySigned, type InstallationKey, type VerificationKey } from '@comity/auth';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH, agencyResponse, nestsDeeperThan } from '@comity/events';
import type { DeadLetterReason } from '@comity/kafka';
import { refusalOf, takeActionForStage } from '@comity/workflows/gateway';

/**
 * What became of one answer: applied; dead-lettered (it can never apply: the reason says which
 * check it failed); or to be retried (it might apply later: its update was not accepted in time,
 * or failed for a reason other than the workflow's refusal). Temporal being unreachable is none
 * of these: it is thrown, and the answer is tried again where it is.
 */
export type Verdict =
  | { readonly outcome: 'applied'; readonly stage: string }
  | ({ readonly outcome: 'dead-letter' } & DeadLetterReason)
  | { readonly outcome: 'retry'; readonly reason: string };

export interface HandlerOptions {
  /** How long one answer's update may take before it counts as a failed attempt. */
  readonly updateTimeoutMs: number;
  /** The keys the bridge signs the actions it sends with (COMITY_ACTION_KEYS). */
  readonly keys: readonly ActionSigningKey[];
}

/** An answer whose signature the bridge has verified: its content, who sent it, and the signed message. */
export interface SignedAnswer {
  readonly json: unknown;
  /** The agency whose answer topic it came from: who answered. */
  readonly agencyId: string;
  readonly evidence: SignedEvidence;
}

export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}

const deadLetter = (check: string, reason: string, code?: string): Verdict => ({
  outcome: 'dead-letter',
  check,
  reason,
  code,
});

/** The dead-letter check a refusal by the workflow's update validator counts against. */
const checkOfRefusal: Record<string, string> = {
  [DomainErrorCode.TaskNotOpen]: 'task',
  [DomainErrorCode.TaskNotYours]: 'agency',
  [DomainErrorCode.NotAParty]: 'agency',
  [DomainErrorCode.AssertionInvalid]: 'assertion',
  [DomainErrorCode.IdempotencyKeyReused]: 'idempotency',
};

/** An answer over the size limit would only be refused further on, after costing a parse. */
export function checkSize(value: Buffer | null): Verdict | undefined {
  const size = value?.length ?? 0;
  if (size <= MAX_JSON_BYTES) return undefined;
  return deadLetter(
    'limits',
    `the answer has ${size} bytes; at most ${MAX_JSON_BYTES} are accepted`,
    'ANSWER_TOO_LARGE',
  );
}

/** An answer nested too deep would fail payload conversion (or recursion elsewhere) every time. */
export function checkDepth(json: unknown): Verdict | undefined {
  if (!nestsDeeperThan(json, MAX_JSON_DEPTH)) return undefined;
  return deadLetter('limits', `the answer nests deeper than ${MAX_JSON_DEPTH} levels`, 'ANSWER_TOO_DEEP');
}

/**
 * Opens an answer from an agency's answer topic: it must be encrypted to the installation (a
 * compact JWE of type comity-answer+jwe) around a signature (a compact JWS of type
 * comity-answer+jws) by an active key the agency registered, and its content must not nest too
 * deep. What fails is dead-lettered with the check `encryption`, `signature` or `limits`, and a code.
 */
export async function openAnswer(
  value: Buffer | null,
  agencyId: string,
  keys: {
    readonly decryption: readonly InstallationKey[];
    readonly verification: (agencyId: string) => Promise<VerificationKey[]>;
  },
): Promise<{ readonly answer: SignedAnswer } | { readonly verdict: Verdict }> {
  const decrypted = await decryptAnswer(value?.toString('utf8') ?? '', keys.decryption);
  if (!decrypted.ok) return { verdict: deadLetter('encryption', decrypted.reason, `ANSWER_${decrypted.code}`) };
  const jws = decrypted.content;
  const verified = await verifySigned(jws, ANSWER_JWS_TYPE, await keys.verification(agencyId));
  if (!verified.ok) return { verdict: deadLetter('signature', verified.reason, `ANSWER_${verified.code}`) };
  const tooDeep = checkDepth(verified.json);
  if (tooDeep) return { verdict: tooDeep };
  return { answer: { json: verified.json, agencyId, evidence: { kid: verified.kid, jws } } };
}

/**
 * The process an answer names, if any, to keep a process's answers in order. Read, not validated:
 * handleAgencyResponse validates the answer once, and one that names no process is dead-lettered there.
 */
export function processIdOf(json: unknown): string | undefined {
  const processId = (json as { data?: { processId?: unknown } } | null)?.data?.processId;
  return typeof processId === 'string' ? processId : undefined;
}

/**
 * Checks an agency's answer and applies it as a Temporal update, within a deadline. Every check
 * that fails gives a dead-letter verdict naming it; an update that times out or fails otherwise
 * gives a retry verdict. The task and agency checks are the update validator's (one round trip to
 * Temporal, not a query and then an update). The update id derives from the agency and its
 * idempotency key, so a repeated answer — a retry included — returns the first outcome and
 * changes nothing.
 */
export async function handleAgencyResponse(
  client: Client,
  answer: SignedAnswer,
  options: HandlerOptions,
): Promise<Verdict> {
  const parsed = agencyResponse.safeParse(answer.json);
  if (!parsed.success) {
    return deadLetter('schema', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const { agencyId: claimed, ...data } = parsed.data.data;
  const { agencyId } = answer;
  if (claimed !== undefined && claimed !== agencyId) {
    return deadLetter(
      'agency',
      `the answer claims agency '${claimed}' but came from '${agencyId}' (its own topic)`,
      'AGENCY_MISMATCH',
    );
  }
  if (takenThroughApiOnly(data.action)) {
    return deadLetter(
      'action',
      `'${data.action}' is taken through the API, which completes what it carries (an answer cannot)`,
      'ACTION_NOT_ANSWERABLE',
    );
  }
  const actor: Actor = { userId: `agency-system:${agencyId}`, role: 'agency', agencyId };
  try {
    const { stage } = await takeActionForStage(
      client,
      { ...data, actor, evidence: answer.evidence },
      { keys: options.keys, deadlineMs: options.updateTimeoutMs },
    );
    return { outcome: 'applied', stage };
  } catch (err) {
    const refusal = refusalOf(err);
    if (refusal) return deadLetter(checkOfRefusal[refusal.code] ?? 'action', refusal.message, refusal.code);
    if (err instanceof WorkflowNotFoundError) return deadLetter('process', `no running process '${data.processId}'`);
    if (await unreachable(client)) throw new TemporalUnavailableError(`Temporal is unreachable: ${describe(err)}`);
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      return {
        outcome: 'retry',
        reason: `the process did not accept the update within ${options.updateTimeoutMs} ms (is its workflow task failing?)`,
      };
    }
    return { outcome: 'retry', reason: `the update failed: ${describe(err)}` };
  }
}

/** True when Temporal itself does not answer (then every answer waits, none is counted as failed). */
async function unreachable(client: Client): Promise<boolean> {
  try {
    await client.withDeadline(Date.now() + 5_000, () => client.workflowService.getSystemInfo({}));
    return false;
  } catch (err) {
    const grpc = err instanceof ServiceError ? err.cause : err;
    return !isGrpcServiceError(grpc) || grpc.code !== GRPC_UNIMPLEMENTED;
  }
}
const GRPC_UNIMPLEMENTED = 12;

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}
