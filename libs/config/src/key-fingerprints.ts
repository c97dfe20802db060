import { createHash } from 'node:crypto';
import type { ComityConfig } from './config';
import { keyListEntries } from './key-list';

/**
 * What an app's `/health` says about the keys it holds, never the keys: the id of the active
 * payload-encryption key with a fingerprint of every configured key, and a fingerprint of the local
 * token signing key. Two apps that must read each other's payloads (API, worker, bridge) or tokens
 * hold the same keys exactly when these match; the start script compares them before it reports
 * success. A fingerprint is the first 16 hex digits of SHA-256 over the key material as configured:
 * enough to tell keys apart, useless for recovering one.
 */
export interface KeyFingerprints {
  readonly codec: { readonly activeKeyId: string; readonly keys: Readonly<Record<string, string>> } | null;
  readonly token: string | null;
  /** A fingerprint of each action-signing key, by key id. */
  readonly actions: Readonly<Record<string, string>> | null;
}

export function fingerprint(material: string | Buffer): string {
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

export function keyFingerprints(config: Pick<ComityConfig, 'temporal' | 'auth'>): KeyFingerprints {
  const { keys, activeKeyId } = config.temporal.codec;
  const codec = keys
    ? {
        activeKeyId: activeKeyId ?? '',
        keys: byId(keys),
      }
    : null;
  const token = config.auth.mode === 'local' && config.auth.secret ? fingerprint(config.auth.secret) : null;
  return { codec, token, actions: config.temporal.actionKeys ? byId(config.temporal.actionKeys) : null };
}

/** `id:material,...` as a fingerprint of each material, by id. */
function byId(spec: string): Record<string, string> {
  return Object.fromEntries(keyListEntries(spec).map(({ id, material }) => [id, fingerprint(material)]));
}
