import { randomBytes } from 'node:crypto';
import { ConfigError } from '@comity/config';
import {
  buildProcessEvent,
  openProcessEvent,
  sealedProcessEvent,
  sealedValue,
  sealProcessEvent,
  type SealedValue,
} from '@comity/events';
import { codecKeysFromConfig, parseCodecKeys } from './codec-keys';
import { AesGcmFieldCipher, SealedValueError } from './field-cipher';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const secret = { suspect: 'Ivan Petrov', passport: 'X1234567', note: 'met at the port of Piraeus' };
const here = 'process-event:mla-1:0:data.payload';

const cipher = (spec: string, active: string) => new AesGcmFieldCipher(parseCodecKeys(spec, active));
const codeOf = (open: () => unknown): string | undefined => {
  try {
    open();
    return undefined;
  } catch (err) {
    return err instanceof SealedValueError ? err.code : `not a SealedValueError: ${String(err)}`;
  }
};

describe('sealed values (AES-256-GCM with the codec keys)', () => {
  it('seals so that nothing of the value shows, in the declared envelope, and opens it back', () => {
    const c = cipher(`k1:${k1}`, 'k1');
    const sealed = c.seal(secret, here);
    expect(sealedValue.parse(sealed)).toEqual(sealed);
    expect(sealed).toMatchObject({ enc: 'comity-aes256gcm-v1', kid: 'k1' });
    const raw = JSON.stringify(sealed);
    for (const word of ['Ivan', 'Petrov', 'X1234567', 'Piraeus', 'suspect']) expect(raw).not.toContain(word);
    expect(c.open(sealed, here)).toEqual(secret);
  });

  it('seals the same value differently each time (a fresh nonce), and any JSON value round-trips', () => {
    const c = cipher(`k1:${k1}`, 'k1');
    expect(c.seal(secret, here).ct).not.toBe(c.seal(secret, here).ct);
    for (const value of ['officer-1', 0, true, null, [1, 'two'], {}])
      expect(c.open(c.seal(value, here), here)).toEqual(value);
    expect(c.open(c.seal(undefined, here), here)).toBeNull();
  });

  it('after rotation opens what the retired key sealed and seals with the new one', () => {
    const before = cipher(`k1:${k1}`, 'k1');
    const after = cipher(`k1:${k1},k2:${k2}`, 'k2');
    const old = before.seal(secret, here);
    expect(after.open(old, here)).toEqual(secret);
    const fresh = after.seal(secret, here);
    expect(fresh.kid).toBe('k2');
    expect(codeOf(() => before.open(fresh, here))).toBe('UNKNOWN_KEY');
  });

  it('refuses a value sealed with a key it does not hold, even one under a known id', () => {
    const sealed = cipher(`k1:${k1}`, 'k1').seal(secret, here);
    expect(codeOf(() => cipher(`k2:${k2}`, 'k2').open(sealed, here))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => cipher(`k1:${key()}`, 'k1').open(sealed, here))).toBe('NOT_AUTHENTIC');
  });

  it('refuses an altered ciphertext, nonce or key id, and a value moved to another place', () => {
    const c = cipher(`k1:${k1},k2:${k2}`, 'k1');
    const sealed = c.seal(secret, here);
    const flip = (b64: string, at: number) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      return bytes.toString('base64');
    };
    const altered: SealedValue[] = [
      { ...sealed, ct: flip(sealed.ct, 0) },
      { ...sealed, ct: flip(sealed.ct, Buffer.from(sealed.ct, 'base64').length - 1) },
      { ...sealed, iv: flip(sealed.iv, 3) },
      { ...sealed, kid: 'k2' },
      { ...sealed, ct: Buffer.from(sealed.ct, 'base64').subarray(0, 20).toString('base64') },
    ];
    for (const value of altered) expect(codeOf(() => c.open(value, here))).toBe('NOT_AUTHENTIC');
    expect(codeOf(() => c.open(sealed, 'process-event:mla-2:0:data.payload'))).toBe('NOT_AUTHENTIC');
  });

  it('refuses what is not a sealed value: plaintext, another scheme, a malformed envelope', () => {
    const c = cipher(`k1:${k1}`, 'k1');
    const sealed = c.seal(secret, here);
    const notSealed = [secret, 'Ivan Petrov', null, { ...sealed, enc: 'comity-aes256gcm-v0' }, { ...sealed, iv: '!' }];
    for (const value of notSealed) expect(codeOf(() => c.open(value as SealedValue, here))).toBe('NOT_SEALED');
  });

  it('takes its keys from the settings and stops a start on missing or bad ones, never printing a key', () => {
    expect(codecKeysFromConfig({ keys: `k1:${k1}`, activeKeyId: 'k1' }).activeKeyId).toBe('k1');
    expect(() => codecKeysFromConfig({})).toThrow(ConfigError);
    expect(() => codecKeysFromConfig({ keys: `k1:${k1}`, activeKeyId: 'k9' })).toThrow(/active/);
    const short = Buffer.from('short').toString('base64');
    expect(() => codecKeysFromConfig({ keys: `k1:${short}`, activeKeyId: 'k1' })).toThrow(/32/);
    try {
      codecKeysFromConfig({ keys: `k1:${short}`, activeKeyId: 'k1' });
    } catch (err) {
      expect(String(err)).not.toContain(short);
    }
  });
});

describe('a process event on the topic', () => {
  const c = cipher(`k1:${k1}`, 'k1');
  const event = buildProcessEvent(
    {
      processId: 'mla-1',
      processType: 'mla',
      sequence: 2,
      action: 'transmit',
      fromStage: 'ca-review',
      stage: 'transmitted',
      terminal: false,
      actor: { userId: 'officer-anna-k', role: 'coordinator' },
      legalBasis: 'UNTOC',
      priority: 'normal',
      handlingCode: 'H2',
      parties: { requesting: { agencyId: 'gr-ca', state: 'GR' } },
      deadlines: [],
      overdue: false,
      audit: { previousHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
      payload: secret,
      occurredAt: '2026-01-01T00:00:00.000Z',
    },
    'test',
  );

  it('travels with its payload and user sealed, everything it is routed on clear, and opens back whole', () => {
    const sealed = sealProcessEvent(event, c);
    expect(sealedProcessEvent.parse(JSON.parse(JSON.stringify(sealed)))).toEqual(sealed);
    const wire = JSON.stringify(sealed);
    for (const word of ['Ivan', 'X1234567', 'officer-anna-k']) expect(wire).not.toContain(word);
    expect(sealed).toMatchObject({ id: 'mla-1:2', data: { stage: 'transmitted', handlingCode: 'H2' } });
    expect(openProcessEvent(sealed, c)).toEqual(event);
  });

  it('seals how a step taken outside Comity went, with its paper reference, and opens it back whole', () => {
    const paper = {
      ...event,
      data: {
        ...event.data,
        offChannel: {
          channel: 'post' as const,
          at: '2025-12-30T10:00:00.000Z',
          reference: 'RR 1234 Ivan',
          onBehalfOf: { party: 'requested', agencyId: 'es-central-authority' },
          documents: ['doc-00000000-0000-4000-8000-000000000001'],
        },
      },
    };
    const sealed = sealProcessEvent(paper, c);
    expect(JSON.stringify(sealed)).not.toContain('RR 1234');
    expect(sealedProcessEvent.parse(JSON.parse(JSON.stringify(sealed)))).toEqual(sealed);
    expect(openProcessEvent(sealed, c)).toEqual(paper);
    // Not a step (another sealed field put in its place): refused, not applied.
    const swapped = { ...sealed, data: { ...sealed.data, offChannel: sealed.data.payload } };
    expect(() => openProcessEvent(swapped, c)).toThrow();
  });

  it('does not open when a sealed field is copied from another event or swapped with the other field', () => {
    const sealed = sealProcessEvent(event, c);
    const other = sealProcessEvent({ ...event, id: 'mla-2:0', data: { ...event.data, payload: { x: 1 } } }, c);
    const copied = { ...sealed, data: { ...sealed.data, payload: other.data.payload } };
    expect(() => openProcessEvent(copied, c)).toThrow(SealedValueError);
    const swapped = { ...sealed, data: { ...sealed.data, payload: sealed.data.actor.userId } };
    expect(() => openProcessEvent(swapped, c)).toThrow(SealedValueError);
  });
});
