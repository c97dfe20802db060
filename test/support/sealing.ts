import { randomBytes } from 'node:crypto';
import { loadConfig } from '@comity/config';
import { AesGcmFieldCipher, codecKeysFromConfig, parseCodecKeys, type CodecKeys } from '@comity/crypto';
import { openProcessEvent, sealedProcessEvent, type FieldCipher, type ProcessEvent } from '@comity/events';

/** A cipher under a key of its own, for tests that run activities without an environment. */
export function testCipher(): AesGcmFieldCipher {
  return new AesGcmFieldCipher(parseCodecKeys(`test:${randomBytes(32).toString('base64')}`, 'test'));
}

/**
 * Codec keys of this test process: every environment and database a test file makes shares them,
 * as the read model takes one set of keys per process (see useReadModelKeys); files differ.
 */
const processKeys = {
  COMITY_CODEC_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
  COMITY_CODEC_ACTIVE_KEY: 'e2e',
} as const;

export function codecKeysEnv(): Record<string, string> {
  return { ...processKeys };
}

/** The codec keys of an environment's apps (its COMITY_CODEC_KEYS). */
export function keysOf(env: Record<string, string>): CodecKeys {
  return codecKeysFromConfig(loadConfig({ ...process.env, ...env }).temporal.codec);
}

/** The cipher of an environment's apps: a test reads their events as Comity does. */
export function cipherOf(env: Record<string, string>): AesGcmFieldCipher {
  return new AesGcmFieldCipher(keysOf(env));
}

/** A message of the process-events topic, checked against the contract and opened. */
export function openMessage(value: string, cipher: FieldCipher): ProcessEvent {
  return openProcessEvent(sealedProcessEvent.parse(JSON.parse(value)), cipher);
}
