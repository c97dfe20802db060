import { SEALED_VALUE_SCHEME, sealedValue, type FieldCipher, type SealedValue } from '@comity/events';
import { CodecKeyError, type CodecKeys } from './codec-keys';
import { decrypt, encrypt } from './aes-gcm';

/** Why a sealed value did not open: a stable code for dead letters and metrics, and a message. */
export type SealFailure = 'NOT_SEALED' | 'UNKNOWN_KEY' | 'NOT_AUTHENTIC' | 'NOT_JSON';

export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
  /** No retry opens it: the keys or the bytes must change. */
  readonly retriable = false;
  constructor(
    readonly code: SealFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Seals JSON values with the installation's codec keys (the same keys and AES-256-GCM as the
 * Temporal payload codec): the active key seals, any listed key opens. The context is the
 * associated data, so a value only opens where it was sealed.
 */
export class AesGcmFieldCipher implements FieldCipher {
  constructor(private readonly keys: CodecKeys) {}

  seal(value: unknown, context: string): SealedValue {
    const plain = Buffer.from(JSON.stringify(value ?? null));
    const { keyId, iv, body } = encrypt(this.keys, plain, Buffer.from(context));
    return { enc: SEALED_VALUE_SCHEME, kid: keyId, iv: iv.toString('base64'), ct: body.toString('base64') };
  }

  open(sealed: SealedValue, context: string): unknown {
    const checked = sealedValue.safeParse(sealed);
    if (!checked.success) throw new SealedValueError('NOT_SEALED', `not a ${SEALED_VALUE_SCHEME} sealed value`);
    const { kid, iv, ct } = checked.data;
    let plain: Buffer;
    try {
      plain = decrypt(
        this.keys,
        { keyId: kid, iv: Buffer.from(iv, 'base64'), body: Buffer.from(ct, 'base64') },
        Buffer.from(context),
      );
    } catch (err) {
      if (err instanceof CodecKeyError && !this.keys.keys.has(kid)) {
        throw new SealedValueError('UNKNOWN_KEY', `sealed with key '${kid}', which is not configured`);
      }
      throw new SealedValueError(
        'NOT_AUTHENTIC',
        `sealed value for ${context} does not authenticate (altered, or sealed elsewhere)`,
      );
    }
    try {
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      throw new SealedValueError('NOT_JSON', `sealed value for ${context} is not JSON`);
    }
  }
}
