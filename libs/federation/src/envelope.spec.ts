import { base64url, CompactEncrypt, CompactSign, importJWK, type JWK } from 'jose';
import { sha256Hex } from './digest';
import { ENVELOPE_LIMITS, ENVELOPE_TYPE, MESSAGE_TYPE } from './envelope.format';
import { openEnvelope, type OpenedEnvelope, type OpenOptions } from './envelope.open';
import { EnvelopeSealError, sealEnvelope } from './envelope.seal';
import { EVIDENCE_TYPE, signEvidence } from './evidence';
import { recipientKeyOf, type InstallationKeys } from './installation-keys';
import { RefusalCodes, type EnvelopeRefusal, type RefusalCode } from './refusals';
import { partnersOf, testInstallation, testMessage, type TestInstallation } from './testing';

// Greece sends to Italy; France is a partner of both; Mallory is known to no one.
let gr: TestInstallation;
let italy: TestInstallation;
let fr: TestInstallation;
let mallory: TestInstallation;
const sentAt = testMessage().sentAt;
const soon = new Date(Date.parse(sentAt) + 60_000);

beforeAll(async () => {
  [gr, italy, fr, mallory] = await Promise.all(['gr', 'it', 'fr', 'mallory'].map(testInstallation));
});

const atItaly = (overrides: Partial<OpenOptions> = {}): OpenOptions => ({
  self: 'it',
  recipientKeys: italy.keys.encryption,
  partners: partnersOf(gr, fr),
  now: soon,
  ...overrides,
});
const sealToItaly = (overrides = {}, signer: InstallationKeys = gr.keys) =>
  sealEnvelope(testMessage(overrides), signer.signing, recipientKeyOf(italy.published));

async function opened(envelope: unknown, options = atItaly()): Promise<OpenedEnvelope> {
  const result = await openEnvelope(envelope, options);
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.detail}`);
  return result;
}
async function refusal(envelope: unknown, options = atItaly()): Promise<EnvelopeRefusal> {
  const result = await openEnvelope(envelope, options);
  if (result.ok) throw new Error('opened an envelope that should have been refused');
  return result;
}
const codeOf = async (envelope: unknown, options = atItaly()): Promise<RefusalCode> =>
  (await refusal(envelope, options)).code;

const utf8 = (text: string) => new TextEncoder().encode(text);
const b64json = (value: unknown) => base64url.encode(JSON.stringify(value));

/** What an attacker who can encrypt to Italy (anyone: its key is public) can send it. */
async function encryptToItaly(plaintext: string, header: Record<string, unknown> = {}): Promise<string> {
  const { kid, jwk } = recipientKeyOf(italy.published);
  return new CompactEncrypt(utf8(plaintext))
    .setProtectedHeader({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      kid,
      typ: ENVELOPE_TYPE,
      iss: 'gr',
      aud: 'it',
      jti: 'msg-1',
      ...header,
    })
    .encrypt(await importJWK(jwk, String(header['alg'] ?? 'ECDH-ES+A256KW')));
}
const signAs = (who: TestInstallation, payload: unknown, header: Record<string, unknown> = {}) =>
  new CompactSign(utf8(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', kid: who.keys.signing.kid, typ: MESSAGE_TYPE, ...header })
    .sign(who.keys.signing.privateKey);

/** Changes one character in the middle of a part of a compact serialization. */
function tamper(compact: string, part: number): string {
  const parts = compact.split('.');
  const segment = parts[part] ?? '';
  const at = Math.floor(segment.length / 2);
  parts[part] = segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
  return parts.join('.');
}

describe('sealEnvelope and openEnvelope', () => {
  it('round-trips a message: signed by the sender, encrypted to the recipient, its headers in clear', async () => {
    const envelope = await sealToItaly();
    const header = JSON.parse(Buffer.from(envelope.split('.')[0] ?? '', 'base64url').toString()) as object;
    expect(header).toEqual({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      kid: italy.keys.encryption[0]?.kid,
      typ: ENVELOPE_TYPE,
      cty: MESSAGE_TYPE,
      iss: 'gr',
      aud: 'it',
      jti: 'msg-1',
      epk: expect.objectContaining({ kty: 'OKP', crv: 'X25519' }),
    });
    expect(envelope).not.toContain(base64url.encode('mla-2026-0001'));

    const result = await opened(envelope);
    expect(result.message).toEqual(testMessage());
    expect(result.envelopeDigest).toBe(sha256Hex(envelope));
    expect(result.signerKid).toBe(gr.keys.signing.kid);
    expect(result.contentDigest).toBe(sha256Hex(base64url.decode(result.signedMessage.split('.')[1] ?? '')));
    expect((await opened(utf8(envelope))).envelopeDigest).toBe(result.envelopeDigest);
  });

  it('seals each time anew: two envelopes of one message differ, their signed content does not', async () => {
    const [a, b] = await Promise.all([sealToItaly(), sealToItaly()]);
    expect(a).not.toBe(b);
    const [openedA, openedB] = await Promise.all([opened(a), opened(b)]);
    expect(openedA.envelopeDigest).not.toBe(openedB.envelopeDigest);
    expect(openedA.contentDigest).toBe(openedB.contentDigest);
  });

  it('will not seal what Comity does not send, nor sign for another installation', async () => {
    await expect(sealToItaly({ sequence: 0 })).rejects.toThrow(EnvelopeSealError);
    await expect(sealToItaly({ from: 'fr' })).rejects.toThrow(/cannot be signed by installation gr/);
    await expect(sealToItaly({ to: 'gr' })).rejects.toThrow(EnvelopeSealError);
  });
});

describe('openEnvelope refuses', () => {
  it('TOO_LARGE before reading anything, text or bytes', async () => {
    const big = 'a'.repeat(ENVELOPE_LIMITS.maxBytes + 1);
    expect(await refusal(big)).toEqual({ ok: false, code: 'TOO_LARGE', detail: expect.any(String), claimed: {} });
    expect(await codeOf(utf8(big))).toBe('TOO_LARGE');
    expect(await codeOf(await sealToItaly(), atItaly({ limits: { maxBytes: 200 } }))).toBe('TOO_LARGE');
  });

  it.each([
    ['an empty string', ''],
    ['a word', 'garbage'],
    ['empty parts', '....'],
    ['five parts of nothing', 'a.b.c.d.e'],
    ['a JWS', 'eyJhbGciOiJFZERTQSJ9.e30.AAAA'],
    ['a header that is not JSON', `${base64url.encode('not json')}.a.b.c.d`],
    ['a header that is an array', `${b64json([1])}.a.b.c.d`],
    [
      'no aud',
      `${b64json({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', typ: ENVELOPE_TYPE, kid: 'k', iss: 'gr' })}.a.b.c.d`,
    ],
    ['another typ', `${b64json({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', typ: 'JWT', aud: 'it' })}.a.b.c.d`],
    [
      'a compressed envelope',
      `${b64json({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', typ: ENVELOPE_TYPE, zip: 'DEF' })}.a.b.c.d`,
    ],
    ['null', null],
    ['a number', 42],
    ['an object', { jwe: 'x' }],
    ['bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x2e])],
  ])('ENVELOPE_MALFORMED: %s', async (_, input) => {
    expect(await codeOf(input)).toBe('ENVELOPE_MALFORMED');
  });

  it('only a refusal, whatever bytes of a real envelope are changed', async () => {
    const envelope = await sealToItaly();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ABCxyz019-_.=+/ \u0000é';
    for (let i = 0; i < 150; i++) {
      const at = Math.floor(random() * envelope.length);
      const mutated = envelope.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + envelope.slice(at + 1);
      const result = await openEnvelope(mutated, atItaly());
      if (result.ok) expect(result.message).toEqual(testMessage());
      else expect(RefusalCodes).toContain(result.code);
    }
  });

  it('NOT_FOR_US: addressed to another installation, or encrypted to a key not ours', async () => {
    const toFrance = await sealEnvelope(testMessage({ to: 'fr' }), gr.keys.signing, recipientKeyOf(fr.published));
    expect(await refusal(toFrance)).toMatchObject({
      code: 'NOT_FOR_US',
      claimed: { from: 'gr', to: 'fr', messageId: 'msg-1' },
    });
    const forUsUnderFrancesKey = await sealEnvelope(testMessage(), gr.keys.signing, recipientKeyOf(fr.published));
    expect(await codeOf(forUsUnderFrancesKey)).toBe('NOT_FOR_US');
    const forFranceUnderOurKey = await sealEnvelope(
      testMessage({ to: 'fr' }),
      gr.keys.signing,
      recipientKeyOf(italy.published),
    );
    expect(await refusal(forFranceUnderOurKey)).toMatchObject({ code: 'NOT_FOR_US', detail: /addressed to "fr"/ });
  });

  it('UNKNOWN_PARTNER: from an installation Italy does not know, before any decryption', async () => {
    const envelope = await sealEnvelope(
      testMessage({ from: 'mallory' }),
      mallory.keys.signing,
      recipientKeyOf(italy.published),
    );
    expect(await codeOf(envelope)).toBe('UNKNOWN_PARTNER');
    expect(await codeOf(await encryptToItaly('x.y.z', { iss: '__proto__' }))).toBe('UNKNOWN_PARTNER');
    expect(await codeOf(await encryptToItaly('x.y.z', { iss: 'constructor' }))).toBe('UNKNOWN_PARTNER');
  });

  it('DECRYPTION_FAILED: ciphertext, tag or clear header altered on the way', async () => {
    const envelope = await sealToItaly();
    expect(await codeOf(tamper(envelope, 3))).toBe('DECRYPTION_FAILED');
    expect(await codeOf(tamper(envelope, 4))).toBe('DECRYPTION_FAILED');
    expect(await codeOf(tamper(envelope, 2))).toBe('DECRYPTION_FAILED');
    const [, ...rest] = envelope.split('.');
    const header = JSON.parse(Buffer.from(envelope.split('.')[0] ?? '', 'base64url').toString()) as object;
    const reissued = [b64json({ ...header, iss: 'fr' }), ...rest].join('.');
    expect(await codeOf(reissued)).toBe('DECRYPTION_FAILED');
  });

  it('BAD_SIGNATURE: the signed message altered, then encrypted again to Italy', async () => {
    const { signedMessage } = await opened(await sealToItaly());
    const [head, , signature] = signedMessage.split('.');
    const altered = `${head}.${b64json(testMessage({ body: { stage: 'refused' } }))}.${signature}`;
    expect(await codeOf(await encryptToItaly(altered))).toBe('BAD_SIGNATURE');
    expect(await codeOf(await encryptToItaly(tamper(signedMessage, 2)))).toBe('BAD_SIGNATURE');
  });

  it("BAD_SIGNATURE: signed with a key that is not the partner's", async () => {
    const asGreece = { ...mallory.keys, signing: { ...mallory.keys.signing, installation: 'gr' } };
    expect(await codeOf(await sealToItaly({}, asGreece))).toBe('BAD_SIGNATURE');
    const underGreecesKid = await signAs(mallory, testMessage(), { kid: gr.keys.signing.kid });
    expect(await codeOf(await encryptToItaly(underGreecesKid))).toBe('BAD_SIGNATURE');
    const byFrance = await signAs(fr, testMessage());
    expect(await codeOf(await encryptToItaly(byFrance))).toBe('BAD_SIGNATURE');
    const oddKid = await signAs(gr, testMessage(), { kid: 'constructor' });
    expect(await codeOf(await encryptToItaly(oddKid))).toBe('BAD_SIGNATURE');
  });

  it('BAD_SIGNATURE: not signed, alg none, or HS256 with the public key as its secret', async () => {
    expect(await codeOf(await encryptToItaly(JSON.stringify(testMessage())))).toBe('BAD_SIGNATURE');
    const payload = b64json(testMessage());
    const none = `${b64json({ alg: 'none', typ: MESSAGE_TYPE })}.${payload}.`;
    expect(await codeOf(await encryptToItaly(none))).toBe('BAD_SIGNATURE');
    expect(await codeOf(await encryptToItaly(`${none}AAAA`))).toBe('BAD_SIGNATURE');
    const publicJwk: JWK = gr.keys.signing.publicJwk;
    for (const secret of [utf8(JSON.stringify(publicJwk)), base64url.decode(publicJwk.x ?? '')]) {
      const hs256 = await new CompactSign(utf8(JSON.stringify(testMessage())))
        .setProtectedHeader({ alg: 'HS256', kid: gr.keys.signing.kid, typ: MESSAGE_TYPE })
        .sign(secret);
      expect(await codeOf(await encryptToItaly(hs256))).toBe('BAD_SIGNATURE');
    }
  });

  it('ENVELOPE_MALFORMED: other algorithms for the envelope, or a signed thing that is not a message', async () => {
    const signed = await signAs(gr, testMessage());
    expect(await codeOf(await encryptToItaly(signed, { alg: 'ECDH-ES' }))).toBe('ENVELOPE_MALFORMED');
    expect(await codeOf(await encryptToItaly(signed, { enc: 'A128GCM' }))).toBe('ENVELOPE_MALFORMED');
    const evidence = await signEvidence(
      { kind: 'relay', messageId: 'msg-1', messageDigest: 'a'.repeat(64), from: 'gr', to: 'it', at: sentAt },
      gr.keys.signing,
    );
    expect(JSON.parse(Buffer.from(evidence.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({
      typ: EVIDENCE_TYPE,
    });
    expect(await refusal(await encryptToItaly(evidence))).toMatchObject({
      code: 'ENVELOPE_MALFORMED',
      detail: expect.stringContaining(EVIDENCE_TYPE),
    });
    expect(await codeOf(await encryptToItaly(await signAs(gr, { ...testMessage(), sequence: 0 })))).toBe(
      'ENVELOPE_MALFORMED',
    );
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = [deep];
    const deepBody = await signAs(gr, { ...testMessage(), body: { deep } });
    expect(await codeOf(await encryptToItaly(deepBody))).toBe('ENVELOPE_MALFORMED');
  });

  it('HEADER_MISMATCH: a message to France forwarded by France to Italy, or under another id', async () => {
    const toFrance = await sealEnvelope(testMessage({ to: 'fr' }), gr.keys.signing, recipientKeyOf(fr.published));
    const atFrance = await opened(toFrance, {
      self: 'fr',
      recipientKeys: fr.keys.encryption,
      partners: partnersOf(gr),
      now: soon,
    });
    expect(await codeOf(await encryptToItaly(atFrance.signedMessage))).toBe('HEADER_MISMATCH');

    const { signedMessage } = await opened(await sealToItaly());
    expect(await codeOf(await encryptToItaly(signedMessage, { jti: 'msg-2' }))).toBe('HEADER_MISMATCH');
    expect((await opened(await encryptToItaly(signedMessage))).message).toEqual(testMessage());
  });

  it('EXPIRED and NOT_YET_VALID: sent outside the time allowed', async () => {
    const envelope = await sealToItaly();
    const at = (offsetMs: number) => atItaly({ now: new Date(Date.parse(sentAt) + offsetMs) });
    const hour = 60 * 60 * 1000;
    expect((await openEnvelope(envelope, at(47 * hour))).ok).toBe(true);
    expect(await codeOf(envelope, at(49 * hour))).toBe('EXPIRED');
    expect((await openEnvelope(envelope, at(-4 * 60_000))).ok).toBe(true);
    expect(await codeOf(envelope, at(-6 * 60_000))).toBe('NOT_YET_VALID');
  });

  it('gives the digest of the bytes received with every refusal of bytes it read', async () => {
    const tampered = tamper(await sealToItaly(), 3);
    expect(await refusal(tampered)).toMatchObject({
      envelopeDigest: sha256Hex(tampered),
      claimed: { from: 'gr', to: 'it', messageId: 'msg-1' },
    });
  });
});
