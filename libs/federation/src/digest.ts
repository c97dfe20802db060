import { createHash } from 'node:crypto';

/** SHA-256, lower-case hex: of an envelope's exact bytes as received, or of a signed message. */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
