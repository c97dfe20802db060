import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './audit-chain';

/**
 * What an idempotency key stands for: the digest of the request it was first used with. A repeat
 * with the same key must carry the same request; one with another payload is a different request
 * reusing the key (IDEMPOTENCY_KEY_REUSED), not a retry. JSON-normalised first, so the sender and
 * the workflow (which sees the request after serialisation) compute the same digest.
 */
export function requestDigest(request: Readonly<Record<string, unknown>>): string {
  const normalised: unknown = JSON.parse(JSON.stringify(request));
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(normalised))));
}

/** The parts of an action that make it the same request: the action, its payload and the task it answers. */
export function actionRequestDigest(request: {
  readonly action: string;
  readonly payload?: unknown;
  readonly taskId?: string;
  readonly offChannel?: unknown;
}): string {
  return requestDigest({
    action: request.action,
    payload: request.payload ?? {},
    taskId: request.taskId ?? null,
    // Only when set, so the digests of requests made before steps could be taken outside Comity hold.
    ...(request.offChannel !== undefined ? { offChannel: request.offChannel } : {}),
  });
}
