import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CodecKeyError, type CodecKeys } from './codec-keys';

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** One AES-256-GCM ciphertext: the key it was made with, its nonce, and the ciphertext with the tag after it. */
export interface Ciphertext {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly body: Buffer;
}

/**
 * Encrypts with the active key under a fresh random nonce. `aad` (associated data) is authenticated,
 * not encrypted: a ciphertext only opens with the same `aad`.
 */
export function encrypt(keys: CodecKeys, plain: Uint8Array, aad?: Uint8Array): Ciphertext {
  const key = keys.keys.get(keys.activeKeyId);
  if (!key) throw new CodecKeyError(`no key with the active id '${keys.activeKeyId}'`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { keyId: keys.activeKeyId, iv, body };
}

/**
 * Decrypts with whichever listed key the ciphertext names, so keys rotate without re-encrypting.
 * Throws CodecKeyError for a key that is not listed, and Node's authentication error when the
 * ciphertext, its nonce or its associated data was altered.
 */
export function decrypt(keys: CodecKeys, { keyId, iv, body }: Ciphertext, aad?: Uint8Array): Buffer {
  const key = keys.keys.get(keyId);
  if (!key) throw new CodecKeyError(`encrypted with key '${keyId}', which is not configured`);
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new CodecKeyError('not an AES-256-GCM ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
}
