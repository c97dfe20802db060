import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { keyListEntries } from '@comity/config';
import { REFUSED_PAYLOAD_KEY } from '@comity/domain';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CodecKeys {
  /** The key new payloads are encrypted with. */
  readonly activeKeyId: string;
  /** Every key still needed to read older payloads, by id; each 32 bytes (AES-256). */
  readonly keys: ReadonlyMap<string, Buffer>;
}

export class CodecKeyError extends Error {
  override readonly name = 'CodecKeyError';
}

/**
 * Encrypts every workflow payload (inputs, results, update arguments, activity arguments, query
 * answers) with AES-256-GCM before it reaches the Temporal server, whose histories would otherwise
 * hold personal data in plain text. The key id travels in the payload's metadata, so keys can be
 * rotated: add a new key, make it active, keep the old one until no history needs it.
 *
 * Decoding refuses what Comity did not encrypt: an unencrypted payload becomes the refused-payload
 * marker (see @comity/domain), which every workflow handler rejects, so a message written straight
 * to Temporal's port cannot act for anyone. There is no exception: Comity encrypts every payload it
 * produces, `undefined` included, and search attributes (which carry no personal data) never pass
 * through a codec.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: CodecKeys) {
    if (!keys.keys.has(keys.activeKeyId)) throw new CodecKeyError(`no key with the active id '${keys.activeKeyId}'`);
    for (const [id, key] of keys.keys) {
      if (key.length !== 32) throw new CodecKeyError(`key '${id}' has ${key.length} bytes; AES-256 needs 32`);
    }
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.keys.get(this.keys.activeKeyId) as Buffer;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.keys.activeKeyId),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return refused(encoding);
      const keyId = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
      const key = this.keys.keys.get(keyId);
      if (!key) throw new CodecKeyError(`payload encrypted with key '${keyId}', which is not configured`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** The marker payload (plain JSON) that stands for an unencrypted one; it names the encoding it had. */
function refused(encoding: Uint8Array | null | undefined): Payload {
  const had = encoding ? Buffer.from(encoding).toString().slice(0, 64) : 'none';
  return {
    metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') },
    data: Buffer.from(JSON.stringify({ [REFUSED_PAYLOAD_KEY]: had })),
  };
}

/** Parses `id:base64key,id2:base64key` into codec keys. */
export function parseCodecKeys(spec: string, activeKeyId: string): CodecKeys {
  const keys = new Map<string, Buffer>();
  for (const { entry, id, material } of keyListEntries(spec)) {
    if (!id || !material) throw new CodecKeyError(`'${entry}' is not <key id>:<base64 key>`);
    keys.set(id, Buffer.from(material, 'base64'));
  }
  return { activeKeyId, keys };
}
