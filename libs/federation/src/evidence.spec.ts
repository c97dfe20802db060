import { base64url, CompactSign } from 'jose';
import { sha256Hex } from './digest';
import { openEnvelope } from './envelope.open';
import { sealEnvelope } from './envelope.seal';
import {
  EVIDENCE_TYPE,
  refusalEvidence,
  replayEvidence,
  signEvidence,
  verifyEvidence,
  type EvidenceInput,
} from './evidence';
import { recipientKeyOf } from './installation-keys';
import { partnersOf, testInstallation, testMessage, type TestInstallation } from './testing';

let greece: TestInstallation;
let italy: TestInstallation;
let mallory: TestInstallation;
beforeAll(async () => {
  [greece, italy, mallory] = await Promise.all(['gr', 'it', 'mallory'].map(testInstallation));
});

const delivery: EvidenceInput = {
  kind: 'delivery',
  messageId: 'msg-1',
  messageDigest: sha256Hex('the envelope'),
  from: 'gr',
  to: 'it',
  at: '2026-01-10T09:00:05.000Z',
};
const utf8 = (text: string) => new TextEncoder().encode(text);
const codeOf = async (jws: unknown) => {
  const check = await verifyEvidence(jws, partnersOf(greece, italy));
  return check.ok ? 'verified' : check.code;
};

describe('evidences', () => {
  it('are signed by the installation that gives them, and verify against its published keys', async () => {
    const jws = await signEvidence(delivery, italy.keys.signing);
    expect(await verifyEvidence(jws, partnersOf(greece, italy))).toEqual({
      ok: true,
      evidence: { ...delivery, issuer: 'it' },
      kid: italy.keys.signing.kid,
    });
  });

  it('cannot be made to say what an evidence does not say', async () => {
    const sign = (e: object) => signEvidence(e as EvidenceInput, italy.keys.signing);
    await expect(sign({ ...delivery, reason: { code: 'WHY', detail: '' } })).rejects.toThrow(/reason/);
    await expect(sign({ ...delivery, kind: 'non-delivery' })).rejects.toThrow(/reason/);
    await expect(sign({ ...delivery, messageDigest: 'abc' })).rejects.toThrow(/SHA-256/);
    await expect(sign({ ...delivery, messageId: null })).rejects.toThrow(/only a rejection/);
    await expect(sign({ ...delivery, kind: 'read' })).rejects.toThrow(TypeError);
  });

  it('forged are refused: altered, by an unknown installation, or with a key not the issuer’s', async () => {
    const jws = await signEvidence(delivery, italy.keys.signing);
    const [head, , signature] = jws.split('.');
    const altered = `${head}.${base64url.encode(JSON.stringify({ ...delivery, issuer: 'it', kind: 'retrieval' }))}.${signature}`;
    expect(await codeOf(altered)).toBe('BAD_SIGNATURE');
    expect(await codeOf(await signEvidence({ ...delivery, to: 'mallory' }, mallory.keys.signing))).toBe(
      'UNKNOWN_PARTNER',
    );
    const asItaly = { ...mallory.keys.signing, installation: 'it' };
    expect(await codeOf(await signEvidence(delivery, asItaly))).toBe('BAD_SIGNATURE');
    const underItalysKid = await new CompactSign(utf8(JSON.stringify({ ...delivery, issuer: 'it' })))
      .setProtectedHeader({ alg: 'EdDSA', kid: italy.keys.signing.kid, typ: EVIDENCE_TYPE, iss: 'it' })
      .sign(mallory.keys.signing.privateKey);
    expect(await codeOf(underItalysKid)).toBe('BAD_SIGNATURE');
  });

  it('in one installation’s name, signed by another, are refused', async () => {
    const greeceSaysItaly = await new CompactSign(utf8(JSON.stringify({ ...delivery, issuer: 'it' })))
      .setProtectedHeader({ alg: 'EdDSA', kid: greece.keys.signing.kid, typ: EVIDENCE_TYPE, iss: 'gr' })
      .sign(greece.keys.signing.privateKey);
    expect(await codeOf(greeceSaysItaly)).toBe('EVIDENCE_MALFORMED');
  });

  it('refuses alg none, HS256 with the public key as secret, other types, and garbage', async () => {
    const payload = base64url.encode(JSON.stringify({ ...delivery, issuer: 'it' }));
    const header = (h: object) => base64url.encode(JSON.stringify({ typ: EVIDENCE_TYPE, iss: 'it', ...h }));
    expect(await codeOf(`${header({ alg: 'none' })}.${payload}.AAAA`)).toBe('BAD_SIGNATURE');
    const hs256 = await new CompactSign(utf8(JSON.stringify({ ...delivery, issuer: 'it' })))
      .setProtectedHeader({ alg: 'HS256', kid: italy.keys.signing.kid, typ: EVIDENCE_TYPE, iss: 'it' })
      .sign(utf8(JSON.stringify(italy.keys.signing.publicJwk)));
    expect(await codeOf(hs256)).toBe('BAD_SIGNATURE');
    const envelope = await sealEnvelope(testMessage(), greece.keys.signing, recipientKeyOf(italy.published));
    const opened = await openEnvelope(envelope, {
      self: 'it',
      recipientKeys: italy.keys.encryption,
      partners: partnersOf(greece),
      now: new Date(testMessage().sentAt),
    });
    expect(opened.ok && (await codeOf(opened.signedMessage))).toBe('EVIDENCE_MALFORMED');
    for (const garbage of ['', 'a.b.c', '...', null, 7, `${header({ alg: 'EdDSA' })}.e30`])
      expect(await codeOf(garbage)).toBe('EVIDENCE_MALFORMED');
  });
});

describe('negative evidences', () => {
  it('a forged envelope is answered with a signed rejection naming its code and the digest of its bytes', async () => {
    const forged = await sealEnvelope(
      testMessage(),
      { ...mallory.keys.signing, installation: 'gr' },
      recipientKeyOf(italy.published),
    );
    const refused = await openEnvelope(forged, {
      self: 'it',
      recipientKeys: italy.keys.encryption,
      partners: partnersOf(greece),
      now: new Date(testMessage().sentAt),
    });
    if (refused.ok) throw new Error('a forged envelope opened');
    const at = '2026-01-10T09:00:01.000Z';
    const jws = await signEvidence(refusalEvidence(refused, { self: 'it', peer: 'gr', at }), italy.keys.signing);
    const check = await verifyEvidence(jws, partnersOf(italy));
    expect(check).toMatchObject({
      ok: true,
      evidence: {
        kind: 'submission-rejected',
        issuer: 'it',
        messageId: 'msg-1',
        messageDigest: sha256Hex(forged),
        from: 'gr',
        to: 'it',
        reason: { code: 'BAD_SIGNATURE' },
      },
    });
  });

  it('bytes that named no message are still answered, without an id or a digest', async () => {
    const refused = await openEnvelope('x'.repeat(2 * 1024 * 1024), {
      self: 'it',
      recipientKeys: italy.keys.encryption,
      partners: partnersOf(greece),
    });
    if (refused.ok) throw new Error('opened');
    const evidence = refusalEvidence(refused, { self: 'it', peer: 'gr', at: '2026-01-10T09:00:01.000Z' });
    expect(evidence).toMatchObject({ messageId: null, messageDigest: null, reason: { code: 'TOO_LARGE' } });
    expect(await codeOf(await signEvidence(evidence, italy.keys.signing))).toBe('verified');
  });

  it('a claimed message id that is not an identifier is not repeated in the evidence', () => {
    const evidence = refusalEvidence(
      { ok: false, code: 'NOT_FOR_US', detail: 'x', envelopeDigest: sha256Hex('x'), claimed: { messageId: 'a\nb' } },
      { self: 'it', peer: 'gr', at: '2026-01-10T09:00:01.000Z' },
    );
    expect(evidence.messageId).toBeNull();
  });

  it('a replay the inbox caught is rejected as REPLAYED', async () => {
    const evidence = replayEvidence(
      { envelopeDigest: sha256Hex('again'), message: testMessage() },
      'message msg-1 again under a new envelope',
      '2026-01-10T09:00:01.000Z',
    );
    const check = await verifyEvidence(await signEvidence(evidence, italy.keys.signing), partnersOf(italy));
    expect(check).toMatchObject({ ok: true, evidence: { kind: 'submission-rejected', reason: { code: 'REPLAYED' } } });
  });
});
