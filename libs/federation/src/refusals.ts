/**
 * Why an envelope is refused: stable codes, one per cause, in the order they are checked
 * (docs/federation.md). The negative evidence sent back names the code.
 */
export const RefusalCodes = [
  /** Bigger than the cap; refused before anything is parsed or computed. */
  'TOO_LARGE',
  /** Not a compact JWE of Comity's type and algorithms, or a signed message that is not a message. */
  'ENVELOPE_MALFORMED',
  /** Addressed (`aud`) or encrypted (`kid`) to another installation. */
  'NOT_FOR_US',
  /** The sender (`iss`) is not a partner this installation knows. */
  'UNKNOWN_PARTNER',
  /** Addressed and encrypted to us, but the ciphertext does not open: altered on the way. */
  'DECRYPTION_FAILED',
  /** Not signed, signed with another algorithm, or not by a signing key of the partner named. */
  'BAD_SIGNATURE',
  /** The clear headers (iss, aud, jti) say something other than the signed message. */
  'HEADER_MISMATCH',
  /** Sent longer ago than the inbox remembers message ids: it could be a replay it cannot detect. */
  'EXPIRED',
  /** Sent later than now, beyond the clock skew allowed. */
  'NOT_YET_VALID',
] as const;
export type RefusalCode = (typeof RefusalCodes)[number];

/** What the envelope claimed of itself, unverified: for logs and for the negative evidence. */
export interface ClaimedHeaders {
  readonly from?: string;
  readonly to?: string;
  readonly messageId?: string;
}

export interface EnvelopeRefusal {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly detail: string;
  /** SHA-256 of the bytes received; absent when they were never read (TOO_LARGE, not bytes at all). */
  readonly envelopeDigest?: string;
  readonly claimed: ClaimedHeaders;
}
