import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Actor } from './actor';
import { canonicalJson, type SignedEvidence } from './audit-chain';
import { verifyEd25519 } from './ed25519-verify';

/**
 * An action vouched for by the one who sent it to the process (the API for an officer, the bridge
 * for an agency's answer): an Ed25519 signature over what the action is, which process and which
 * update it is for, and when it was issued. The process knows the public keys it was started with
 * and checks the assertion in its update validator, so an action copied from one process's history
 * into another's, or into a new update of the same process, or written by anyone without a signing
 * key, is refused — even by someone who holds the payload-encryption key.
 */
export interface ActionAssertion {
  readonly issuedAt: string;
  /** One per signing key the sender holds; the process accepts any key it knows. */
  readonly signatures: readonly { readonly keyId: string; readonly signature: string }[];
}

/** What is signed: the action as the process receives it, bound to the process and the update. */
export interface ActionClaims {
  readonly processId: string;
  readonly updateId: string;
  readonly issuedAt: string;
  readonly action: string;
  readonly payload?: unknown;
  readonly actor: Actor;
  readonly taskId?: string;
  readonly evidence?: SignedEvidence;
  /** Set when the step was taken outside Comity (OffChannelRecord); absent claims sign as before. */
  readonly offChannel?: unknown;
}

/** A signing key: its id and its 32-byte Ed25519 secret. */
export interface ActionSigningKey {
  readonly id: string;
  readonly secretKey: Uint8Array;
}

/** How far an assertion's time may be from the process's, either way (clocks, queueing). */
export const ASSERTION_MAX_SKEW_MS = 10 * 60_000;

/** The bytes an assertion signs: the claims as canonical JSON (any Ed25519 implementation signs them alike). */
export const actionMessage = (claims: ActionClaims): Uint8Array => utf8ToBytes(canonicalJson(claims));
const message = actionMessage;

export function signAction(claims: ActionClaims, keys: readonly ActionSigningKey[]): ActionAssertion {
  const bytes = message(claims);
  return {
    issuedAt: claims.issuedAt,
    signatures: keys.map((key) => ({ keyId: key.id, signature: bytesToHex(ed25519.sign(bytes, key.secretKey)) })),
  };
}

/** The public key (hex) of a signing key: what a process is started with. */
export function actionPublicKey(key: ActionSigningKey): string {
  return bytesToHex(ed25519.getPublicKey(key.secretKey));
}

/**
 * Why the assertion does not vouch for these claims, or undefined when it does: a signature by a
 * key the process knows, over exactly these claims, issued within ASSERTION_MAX_SKEW_MS of `now`.
 */
export function refusalOfAssertion(
  assertion: ActionAssertion | undefined,
  claims: Omit<ActionClaims, 'issuedAt'>,
  knownKeys: Readonly<Record<string, string>>,
  now: number,
): string | undefined {
  if (!assertion || !Array.isArray(assertion.signatures)) return 'the action carries no assertion of its sender';
  const issued = Date.parse(assertion.issuedAt);
  if (!Number.isFinite(issued) || Math.abs(now - issued) > ASSERTION_MAX_SKEW_MS) {
    return 'the assertion was not issued now';
  }
  const bytes = message({ ...claims, issuedAt: assertion.issuedAt });
  const vouched = assertion.signatures.some(({ keyId, signature }) => {
    const publicKey = typeof keyId === 'string' ? knownKeys[keyId] : undefined;
    if (!publicKey || typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) return false;
    try {
      return verifyEd25519(hexToBytes(signature), bytes, publicKey);
    } catch {
      return false;
    }
  });
  return vouched ? undefined : 'no signature by a key this process knows vouches for this action';
}
