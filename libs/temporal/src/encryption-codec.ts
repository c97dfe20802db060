import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CodecKeyError, decrypt, encrypt, IV_BYTES, parseCodecKeys, type CodecKeys } from '@comity/crypto';
import { REFUSED_PAYLOAD_KEY } from '@comity/domain';

// The keys and AES-256-GCM live in @comity/crypto, shared with the sealed event fields and columns.
export { CodecKeyError, parseCodecKeys, type CodecKeys };

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

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
  constructor(private readonly keys: CodecKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { keyId, iv, body } = encrypt(this.keys, temporal.api.common.v1.Payload.encode(payload).finish());
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(keyId),
        },
        // nonce, then ciphertext and tag: the layout every recorded history has
        data: Buffer.concat([iv, body]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return refused(encoding);
      const keyId = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
      const data = Buffer.from(payload.data ?? []);
      const plain = decrypt(this.keys, { keyId, iv: data.subarray(0, IV_BYTES), body: data.subarray(IV_BYTES) });
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
