import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CodecKeyError, decrypt, encrypt, IV_BYTES, parseCodecKeys, type CodecKeys } from '@comity/crypto';
import { REFUSED_PAYLOAD_KEY } from '@comity/domain';

// The keys and AES-256-GCM live in @comity/crypto, shared with the sealed event fields and columns.
export { CodecKeyError, parseCodecKeys, type CodecKeys };

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** Present, as `deflate-raw`, on a payload compressed before it was encrypted. */
export const COMPRESSION_METADATA = 'encryption-compression';
const DEFLATE_RAW = 'deflate-raw';
/** Payloads smaller than this are encrypted as they are: deflate saves little on them. */
const COMPRESS_FROM_BYTES = 256;
/** The most a compressed payload may inflate to: more than Temporal accepts in one payload (2 MiB). */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

/**
 * Encrypts every workflow payload (inputs, results, update arguments, activity arguments, query
 * answers) with AES-256-GCM before it reaches the Temporal server, whose histories would otherwise
 * hold personal data in plain text. The key id travels in the payload's metadata, so keys can be
 * rotated: add a new key, make it active, keep the old one until no history needs it.
 *
 * Payloads of 256 bytes and more are compressed (raw deflate) before they are encrypted, when that
 * makes them smaller: process views and events are repetitive JSON, and ciphertext does not
 * compress later. The choice is in the metadata and bound to the ciphertext as associated data, so
 * it cannot be flipped, and inflating stops at 4 MiB (docs/security.md, payload encryption).
 *
 * Decoding refuses what Comity did not encrypt: an unencrypted payload becomes the refused-payload
 * marker (see @comity/domain), which every workflow handler rejects, so a message written straight
 * to Temporal's port cannot act for anyone. There is no exception: Comity encrypts every payload it
 * produces, `undefined` included, and search attributes (which carry no personal data) never pass
 * through a codec.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  /** `compressFromBytes`: the smallest payload compressed (Infinity: none, as the benchmark compares). */
  constructor(
    private readonly keys: CodecKeys,
    private readonly options: { readonly compressFromBytes?: number } = {},
  ) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const from = this.options.compressFromBytes ?? COMPRESS_FROM_BYTES;
      const deflated = plain.length >= from ? deflateRawSync(plain) : undefined;
      const compressed = deflated !== undefined && deflated.length < plain.length;
      const { keyId, iv, body } = compressed
        ? encrypt(this.keys, deflated, Buffer.from(DEFLATE_RAW))
        : encrypt(this.keys, plain);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(keyId),
          ...(compressed ? { [COMPRESSION_METADATA]: Buffer.from(DEFLATE_RAW) } : {}),
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
      const compression = payload.metadata?.[COMPRESSION_METADATA];
      if (compression && Buffer.from(compression).toString() !== DEFLATE_RAW) {
        throw new CodecKeyError(`unknown payload compression '${Buffer.from(compression).toString().slice(0, 32)}'`);
      }
      const data = Buffer.from(payload.data ?? []);
      const ciphertext = { keyId, iv: data.subarray(0, IV_BYTES), body: data.subarray(IV_BYTES) };
      const plain = compression
        ? inflateRawSync(decrypt(this.keys, ciphertext, Buffer.from(DEFLATE_RAW)), {
            maxOutputLength: MAX_INFLATED_BYTES,
          })
        : decrypt(this.keys, ciphertext);
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
