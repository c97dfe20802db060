import {
  openEnvelope,
  refusalEvidence,
  signEvidence,
  type EnvelopeRefusal,
  type EvidenceInput,
  type RefusalCode,
} from '@comity/federation';
import type { FederationInbox } from '@comity/persistence';
import type { InstallationIdentity } from '../identity/installation-identity';
import type { PartnerSet } from '../partners/partner-directory';

/** What the gateway answers a partner: a status and a JSON body carrying the signed evidence. */
export interface GatewayAnswer {
  readonly status: number;
  readonly body: {
    readonly evidence?: string;
    readonly code?: string;
    readonly message?: string;
    /** Taken: `received` (next in order) or `held` (waits for earlier sequences); `duplicate`: a retry. */
    readonly outcome?: 'received' | 'held' | 'duplicate';
  };
}

/** The gateway's own refusals, beyond those of the envelope (libs/federation refusals.ts). */
export type GatewayRefusalCode = RefusalCode | 'SENDER_NOT_PEER' | 'REPLAYED' | 'SEQUENCE_TOO_FAR_AHEAD';

/** The status each refusal answers: a client's mistake is always a 4xx. */
export const REFUSAL_STATUS: Record<GatewayRefusalCode, number> = {
  TOO_LARGE: 413,
  ENVELOPE_MALFORMED: 400,
  NOT_FOR_US: 421,
  UNKNOWN_PARTNER: 403,
  DECRYPTION_FAILED: 422,
  BAD_SIGNATURE: 403,
  HEADER_MISMATCH: 422,
  EXPIRED: 422,
  NOT_YET_VALID: 422,
  SENDER_NOT_PEER: 403,
  REPLAYED: 409,
  SEQUENCE_TOO_FAR_AHEAD: 409,
};

/** The inbox's refusals (the ledger rule's verdicts) and the codes their rejections carry. */
const INBOX_REFUSAL_CODE = { replay: 'REPLAYED', 'too-far-ahead': 'SEQUENCE_TOO_FAR_AHEAD' } as const;

export interface EnvelopeContext {
  readonly identity: InstallationIdentity;
  readonly partners: PartnerSet;
  readonly inbox: FederationInbox;
  readonly maxEnvelopeBytes: number;
  readonly now: () => Date;
}

/**
 * One envelope from `peer`, the partner whose pinned certificate the connection presented: opened
 * with the directory's partners, its sender checked against the peer, then decided by the inbox in
 * one transaction. Every refusal is answered with a signed `submission-rejected` addressed to the
 * peer; a message taken with a signed `relay` (a retry of the same bytes: the same relay again).
 */
export async function receiveEnvelope(
  bytes: Uint8Array | 'too-large',
  peer: string,
  context: EnvelopeContext,
): Promise<GatewayAnswer> {
  const { identity } = context;
  const at = context.now().toISOString();
  const sign = (evidence: EvidenceInput) => signEvidence(evidence, identity.keys.signing);
  const refuse = async (refusal: EnvelopeRefusal): Promise<GatewayAnswer> => ({
    status: REFUSAL_STATUS[refusal.code],
    body: {
      code: refusal.code,
      message: refusal.detail,
      evidence: await sign(refusalEvidence(refusal, { self: identity.id, peer, at })),
    },
  });
  if (bytes === 'too-large') {
    const detail = `the envelope is over the cap of ${context.maxEnvelopeBytes} bytes`;
    return refuse({ ok: false, code: 'TOO_LARGE', detail, claimed: {} });
  }
  const opened = await openEnvelope(bytes, {
    self: identity.id,
    recipientKeys: identity.keys.encryption,
    partners: context.partners,
    now: context.now(),
    limits: { maxBytes: context.maxEnvelopeBytes },
  });
  if (!opened.ok) return refuse(opened);
  const { message } = opened;
  if (message.from !== peer) {
    const detail = `the envelope is from ${message.from}, the connection from ${peer}`;
    return {
      status: REFUSAL_STATUS.SENDER_NOT_PEER,
      body: {
        code: 'SENDER_NOT_PEER',
        message: detail,
        evidence: await sign({
          kind: 'submission-rejected',
          messageId: message.messageId,
          messageDigest: opened.envelopeDigest,
          from: peer,
          to: identity.id,
          at,
          reason: { code: 'SENDER_NOT_PEER', detail },
        }),
      },
    };
  }
  const about = {
    messageId: message.messageId,
    messageDigest: opened.envelopeDigest,
    from: message.from,
    to: identity.id,
    at,
  };
  const outcome = await context.inbox.receive(
    {
      partner: peer,
      message,
      envelopeDigest: opened.envelopeDigest,
      contentDigest: opened.contentDigest,
      signedMessage: opened.signedMessage,
      receivedAt: at,
    },
    (decision) =>
      sign(
        decision.verdict === 'replay' || decision.verdict === 'too-far-ahead'
          ? {
              ...about,
              kind: 'submission-rejected',
              reason: { code: INBOX_REFUSAL_CODE[decision.verdict], detail: decision.reason },
            }
          : { ...about, kind: 'relay' },
      ),
  );
  switch (outcome.verdict) {
    case 'replay':
    case 'too-far-ahead': {
      const code = INBOX_REFUSAL_CODE[outcome.verdict];
      return { status: REFUSAL_STATUS[code], body: { code, message: outcome.reason, evidence: outcome.evidence } };
    }
    case 'duplicate':
      return { status: 202, body: { outcome: 'duplicate', evidence: outcome.evidence } };
    default:
      return { status: 202, body: { outcome: outcome.status, evidence: outcome.evidence } };
  }
}
