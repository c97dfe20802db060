import { CompactEncrypt, CompactSign, importJWK } from 'jose';
import { z } from 'zod';
import { ENVELOPE_LIMITS, ENVELOPE_TYPE, MESSAGE_TYPE } from './envelope.format';
import {
  ENVELOPE_ENCRYPTION,
  SIGNING_ALGORITHM,
  type InstallationSigningKey,
  type RecipientKey,
} from './installation-keys';
import { federationMessage, type FederationMessage } from './message';

/** Our own code asked to send something Comity does not send: a bug here, not hostile input. */
export class EnvelopeSealError extends Error {
  override readonly name = 'EnvelopeSealError';
  readonly retriable = false;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Seals a message for a partner: signed by this installation (JWS, EdDSA), then encrypted to the
 * partner (JWE, ECDH-ES+A256KW, A256GCM). The clear protected header repeats the sender (`iss`),
 * the recipient (`aud`) and the message id (`jti`) for routing and refusals; the opener checks
 * them against the signed message. Each call encrypts anew: resending means resending these bytes.
 */
export async function sealEnvelope(
  message: FederationMessage,
  sender: InstallationSigningKey,
  recipient: RecipientKey,
): Promise<string> {
  const checked = federationMessage.safeParse(message);
  if (!checked.success) throw new EnvelopeSealError(`not a message to send: ${z.prettifyError(checked.error)}`);
  const { from, to, messageId } = checked.data;
  if (from !== sender.installation)
    throw new EnvelopeSealError(`a message from ${from} cannot be signed by installation ${sender.installation}`);
  const signed = await new CompactSign(utf8(JSON.stringify(checked.data)))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: sender.kid, typ: MESSAGE_TYPE })
    .sign(sender.privateKey);
  const envelope = await new CompactEncrypt(utf8(signed))
    .setProtectedHeader({
      ...ENVELOPE_ENCRYPTION,
      kid: recipient.kid,
      typ: ENVELOPE_TYPE,
      cty: MESSAGE_TYPE,
      iss: from,
      aud: to,
      jti: messageId,
    })
    .encrypt(await importJWK(recipient.jwk, ENVELOPE_ENCRYPTION.alg));
  if (envelope.length > ENVELOPE_LIMITS.maxBytes)
    throw new EnvelopeSealError(`message ${messageId} is ${envelope.length} bytes sealed, over the partner's cap`);
  return envelope;
}
