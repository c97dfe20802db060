import { ConfigError, keyListEntries } from '@comity/config';

export interface CodecKeys {
  /** The key new ciphertexts are made with. */
  readonly activeKeyId: string;
  /** Every key still needed to read older ciphertexts, by id; each 32 bytes (AES-256). */
  readonly keys: ReadonlyMap<string, Buffer>;
}

export class CodecKeyError extends Error {
  override readonly name = 'CodecKeyError';
}

/** Parses `id:base64key,id2:base64key` into codec keys, and checks them (AES-256, the active one listed). */
export function parseCodecKeys(spec: string, activeKeyId: string): CodecKeys {
  const keys = new Map<string, Buffer>();
  for (const { entry, id, material } of keyListEntries(spec)) {
    if (!id || !material) throw new CodecKeyError(`'${entry}' is not <key id>:<base64 key>`);
    keys.set(id, Buffer.from(material, 'base64'));
  }
  if (!keys.has(activeKeyId)) throw new CodecKeyError(`no key with the active id '${activeKeyId}'`);
  for (const [id, key] of keys) {
    if (key.length !== 32) throw new CodecKeyError(`key '${id}' has ${key.length} bytes; AES-256 needs 32`);
  }
  return { activeKeyId, keys };
}

/**
 * The installation's keys from its settings (COMITY_CODEC_KEYS, COMITY_CODEC_ACTIVE_KEY): the same
 * keys encrypt Temporal payloads, sealed event fields and sealed read-model columns, so whoever
 * runs Comity keeps and rotates one list. Missing or bad keys stop the app at start-up, naming the
 * setting and never printing a key.
 */
export function codecKeysFromConfig(codec: { readonly keys?: string; readonly activeKeyId?: string }): CodecKeys {
  const { keys, activeKeyId } = codec;
  if (!keys || !activeKeyId) {
    throw new ConfigError(
      'invalid configuration:\n  COMITY_CODEC_KEYS / COMITY_CODEC_ACTIVE_KEY: required (payloads are encrypted)',
    );
  }
  try {
    return parseCodecKeys(keys, activeKeyId);
  } catch (err) {
    if (err instanceof CodecKeyError)
      throw new ConfigError(`invalid configuration:\n  COMITY_CODEC_KEYS: ${err.message}`);
    throw err;
  }
}
