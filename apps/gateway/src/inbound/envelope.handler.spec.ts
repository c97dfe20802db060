import { INBOX_LIMITS, InboxLedger, recipientKeyOf, sealEnvelope, verifyEvidence } from '@comity/federation';
import type { FederationMessage } from '@comity/federation';
import { partnersOf, testInstallation, testMessage, type TestInstallation } from '@comity/federation/testing';
import type { AnswerFor, FederationInbox, InboundMessage, InboxOutcome } from '@comity/persistence';
import type { InstallationIdentity } from '../identity/installation-identity';
import { PartnerSet } from '../partners/partner-directory';
import { receiveEnvelope, REFUSAL_STATUS } from './envelope.handler';

/** An inbox in memory, one process, deciding by libs/federation's ledger rule (tested there). */
class MemoryInbox {
  readonly ledger = new InboxLedger();
  readonly evidence = new Map<string, string>();
  async receive(inbound: InboundMessage, answer: AnswerFor): Promise<InboxOutcome> {
    const taken = { ...inbound.message, ...inbound };
    const decision = this.ledger.classify(taken);
    if (decision.verdict === 'duplicate')
      return { verdict: 'duplicate', evidence: this.evidence.get(decision.entry.messageId) ?? '' };
    const evidence = await answer(decision);
    if (decision.verdict === 'replay' || decision.verdict === 'too-far-ahead')
      return { verdict: decision.verdict, reason: decision.reason, evidence };
    this.evidence.set(taken.messageId, evidence);
    if (decision.verdict === 'gap') {
      this.ledger.recordHeld(taken);
      return { verdict: 'gap', status: 'held', evidence };
    }
    this.ledger.recordApplied(taken);
    for (let next = this.ledger.nextHeld(); next; next = this.ledger.nextHeld()) this.ledger.recordApplied(next);
    return { verdict: 'accept', status: 'received', evidence };
  }
}

describe('receiveEnvelope', () => {
  let gr: TestInstallation;
  let self: TestInstallation;
  let fr: TestInstallation;
  let inbox: MemoryInbox;
  const now = new Date('2026-01-10T09:00:05.000Z');

  beforeAll(async () => {
    [gr, self, fr] = (await Promise.all(['gr', 'it', 'fr'].map(testInstallation))) as [
      TestInstallation,
      TestInstallation,
      TestInstallation,
    ];
  });
  beforeEach(() => (inbox = new MemoryInbox()));

  const identity = (): InstallationIdentity => ({
    id: 'it',
    keys: self.keys,
    tls: { key: '', certificate: '', certificateSha256: '0'.repeat(64) },
  });
  const partners = () =>
    new PartnerSet(
      1,
      [gr, fr].map((p) => ({
        id: p.keys.installation,
        endpoint: `https://${p.keys.installation}.example`,
        tlsCertificateSha256: '1'.repeat(64),
        keys: p.published,
      })),
    );
  const receive = (bytes: Uint8Array | 'too-large', peer = 'gr') =>
    receiveEnvelope(bytes, peer, {
      identity: identity(),
      partners: partners(),
      inbox: inbox as unknown as FederationInbox,
      maxEnvelopeBytes: 64 * 1024,
      now: () => now,
    });
  const sealed = async (from = gr, overrides: Partial<FederationMessage> = {}) =>
    new TextEncoder().encode(
      await sealEnvelope(
        testMessage({ from: from.keys.installation, ...overrides }),
        from.keys.signing,
        recipientKeyOf(self.published),
      ),
    );
  const evidenceOf = async (jws: string | undefined) => {
    const check = await verifyEvidence(jws, partnersOf(self));
    if (!check.ok) throw new Error(check.detail);
    return check.evidence;
  };

  it('takes an envelope with a relay signed by this installation, and answers a retry with the same one', async () => {
    const bytes = await sealed();
    const first = await receive(bytes);
    expect(first).toMatchObject({ status: 202, body: { outcome: 'received' } });
    expect(await evidenceOf(first.body.evidence)).toMatchObject({ kind: 'relay', issuer: 'it', from: 'gr', to: 'it' });
    expect(await receive(bytes)).toEqual({
      status: 202,
      body: { outcome: 'duplicate', evidence: first.body.evidence },
    });
  });

  it('refuses an envelope whose sender is not the peer that presented its certificate', async () => {
    const answer = await receive(await sealed(fr), 'gr');
    expect(answer).toMatchObject({ status: 403, body: { code: 'SENDER_NOT_PEER' } });
    expect(await evidenceOf(answer.body.evidence)).toMatchObject({
      kind: 'submission-rejected',
      from: 'gr',
      reason: { code: 'SENDER_NOT_PEER' },
    });
    expect(inbox.evidence.size).toBe(0);
  });

  it('answers each refusal with its status and a rejection addressed to the peer', async () => {
    const tooLarge = await receive('too-large');
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'TOO_LARGE' } });
    expect(await evidenceOf(tooLarge.body.evidence)).toMatchObject({
      messageId: null,
      messageDigest: null,
      from: 'gr',
    });
    const malformed = await receive(new TextEncoder().encode('a.b.c'));
    expect(malformed).toMatchObject({ status: 400, body: { code: 'ENVELOPE_MALFORMED' } });
    expect(Object.values(REFUSAL_STATUS).every((status) => status >= 400 && status < 500)).toBe(true);
  });

  it('holds a message ahead of the order, and refuses one beyond the window with a signed rejection', async () => {
    const edge = INBOX_LIMITS.window;
    expect(await receive(await sealed(gr, { messageId: 'msg-edge', sequence: edge }))).toMatchObject({
      status: 202,
      body: { outcome: 'held' },
    });
    const bytes = await sealed(gr, { messageId: 'msg-beyond', sequence: edge + 1 });
    const answer = await receive(bytes);
    expect(answer).toMatchObject({
      status: 409,
      body: { code: 'SEQUENCE_TOO_FAR_AHEAD', message: expect.stringContaining(`beyond ${edge}`) },
    });
    expect(await evidenceOf(answer.body.evidence)).toMatchObject({
      kind: 'submission-rejected',
      messageId: 'msg-beyond',
      from: 'gr',
      to: 'it',
      reason: { code: 'SEQUENCE_TOO_FAR_AHEAD' },
    });
    expect(inbox.ledger.entry('msg-beyond')).toBeUndefined();
    expect(await receive(bytes)).toMatchObject({ status: 409, body: { code: 'SEQUENCE_TOO_FAR_AHEAD' } });
  });

  it('refuses a replay as REPLAYED', async () => {
    await receive(await sealed());
    const answer = await receive(await sealed());
    expect(answer).toMatchObject({ status: 409, body: { code: 'REPLAYED' } });
    expect(await evidenceOf(answer.body.evidence)).toMatchObject({ reason: { code: 'REPLAYED' } });
  });
});
