import { z } from 'zod';

/** The one scheme Comity seals fields with; a new scheme gets a new name, readers refuse unknown ones. */
export const SEALED_VALUE_SCHEME = 'comity-aes256gcm-v1';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/**
 * A JSON value encrypted where personal data may sit (an action's payload, who took it): AES-256-GCM
 * under the key `kid` of the installation's key list (COMITY_CODEC_KEYS), `iv` the 12-byte nonce,
 * `ct` the ciphertext followed by the 16-byte tag. The associated data is not carried: the reader
 * knows where the value sits (event id and field, or table and column) and a value moved elsewhere
 * does not open.
 */
export const sealedValue = z
  .object({
    enc: z.literal(SEALED_VALUE_SCHEME),
    kid: z.string().min(1).max(64),
    iv: base64.length(16),
    ct: base64.min(24),
  })
  .strict();
export type SealedValue = z.infer<typeof sealedValue>;

/**
 * What seals and opens values; the contract states where sealed values go, the installation's
 * keys do the work (libs/crypto). `context` is the associated data: where the value sits.
 */
export interface FieldCipher {
  seal(value: unknown, context: string): SealedValue;
  /** Throws when the value does not open: unknown key, altered, or sealed for another place. */
  open(sealed: SealedValue, context: string): unknown;
}
