import { ApplicationFailure } from '@temporalio/common';
import { signEvidence, verifyEvidence, type PartnerLookup } from '@comity/federation';
import type { FederationOutbox, FederationOutboxRecord } from '@comity/persistence';
import type { DeliveryActivities } from '@comity/workflows/federation';
import type { InstallationIdentity } from '../identity/installation-identity';
import { ENVELOPES_PATH, JOSE_MEDIA_TYPE } from '../inbound/federation.server';
import type { PartnerDirectory } from '../partners/partner-directory';
import { DeliveryAttemptError, postPinned } from './pinned-client';

export interface DeliveryDependencies {
  readonly identity: InstallationIdentity;
  readonly partners: PartnerDirectory;
  readonly outbox: FederationOutbox;
  readonly now: () => Date;
}

/** Where a partner's gateway takes envelopes: under its directory endpoint (a base URL). */
export const envelopesUrl = (endpoint: string): URL =>
  new URL(ENVELOPES_PATH.slice(1), endpoint.endsWith('/') ? endpoint : `${endpoint}/`);

/** The gateway's delivery activities: plain functions over its outbox, directory and keys. */
export function createDeliveryActivities(deps: DeliveryDependencies): DeliveryActivities {
  return {
    async deliverEnvelope({ messageId }) {
      const row = await deps.outbox.get(messageId);
      if (!row) throw ApplicationFailure.nonRetryable(`message ${messageId} is not in the outbox`, 'OUTBOX_MISSING');
      const settled = outcomeOf(row);
      if (settled) return settled;
      const partners = await deps.partners.current();
      const partner = partners.partner(row.partner);
      // Retried: the partner may be listed again by the next directory import, before the timeout.
      if (!partner) throw new DeliveryAttemptError(`partner ${row.partner} is not in the directory in force`);
      const answer = await postPinned(
        { url: envelopesUrl(partner.endpoint), certificateSha256: partner.tlsCertificateSha256 },
        { key: deps.identity.tls.key, certificate: deps.identity.tls.certificate },
        row.envelope,
        JOSE_MEDIA_TYPE,
      );
      const evidence = await answeredEvidence(answer, row, deps.identity.id, partners);
      await deps.outbox.settle(
        messageId,
        evidence.kind === 'relay' ? 'relayed' : 'rejected',
        { answer: evidence.jws },
        deps.now().toISOString(),
      );
      const stored = await deps.outbox.get(messageId);
      const outcome = stored && outcomeOf(stored);
      if (!outcome) throw new Error(`outbox row ${messageId} did not settle`);
      return outcome;
    },

    async recordNonDelivery({ messageId, code, detail }) {
      const row = await deps.outbox.get(messageId);
      if (!row || row.status !== 'sending') return;
      const jws = await signEvidence(
        {
          kind: 'non-delivery',
          messageId,
          messageDigest: row.envelopeDigest,
          from: deps.identity.id,
          to: row.partner,
          at: deps.now().toISOString(),
          reason: { code, detail },
        },
        deps.identity.keys.signing,
      );
      await deps.outbox.settle(messageId, 'not-delivered', { nonDelivery: jws }, deps.now().toISOString());
    },
  };
}

/** What became of a settled message, as the workflow reports it; undefined while it is being sent. */
function outcomeOf(
  row: FederationOutboxRecord,
): Awaited<ReturnType<DeliveryActivities['deliverEnvelope']>> | undefined {
  if (row.status === 'relayed') return { outcome: 'relayed' };
  if (row.status === 'rejected') return { outcome: 'rejected', code: rejectionCode(row.answerEvidence) };
  return undefined;
}

const rejectionCode = (jws: string | null): string => {
  const payload = jws?.split('.')[1];
  if (!payload) return 'UNKNOWN';
  const evidence = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { reason?: { code?: string } };
  return evidence.reason?.code ?? 'UNKNOWN';
};

/**
 * The evidence the partner answered, checked: signed by the partner, about this message (its id and
 * the digest of these bytes), a relay with 202 or a rejection with a 4xx. Anything else (a 503, a
 * gateway that does not know us yet, a body that is no evidence) is a failed attempt, retried.
 */
async function answeredEvidence(
  answer: { status: number; body: string },
  row: FederationOutboxRecord,
  self: string,
  partners: PartnerLookup,
): Promise<{ kind: 'relay' | 'submission-rejected'; jws: string }> {
  const failed = (why: string) =>
    new DeliveryAttemptError(`${row.partner} answered ${answer.status} ${why}: ${answer.body.slice(0, 300)}`);
  let jws: unknown;
  try {
    jws = (JSON.parse(answer.body) as { evidence?: unknown }).evidence;
  } catch {
    throw failed('without JSON');
  }
  if (jws === undefined) throw failed('without an evidence');
  const checked = await verifyEvidence(jws, partners);
  if (!checked.ok) throw failed(`with an evidence that does not verify (${checked.code})`);
  const { evidence } = checked;
  const aboutThis =
    evidence.issuer === row.partner &&
    evidence.from === self &&
    evidence.to === row.partner &&
    (evidence.messageId === row.messageId || evidence.messageId === null) &&
    (evidence.messageDigest === row.envelopeDigest ||
      (evidence.messageDigest === null && evidence.reason?.code === 'TOO_LARGE'));
  if (!aboutThis) throw failed('with an evidence about another message');
  if (answer.status === 202 && evidence.kind === 'relay') return { kind: 'relay', jws: jws as string };
  if (answer.status >= 400 && answer.status < 500 && evidence.kind === 'submission-rejected')
    return { kind: 'submission-rejected', jws: jws as string };
  throw failed(`with a ${evidence.kind} evidence`);
}
