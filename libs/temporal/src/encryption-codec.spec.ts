import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { REFUSED_PAYLOAD_KEY, isRefusedPayload } from '@comity/domain';
import { AesGcmPayloadCodec, CodecKeyError, parseCodecKeys } from './encryption-codec';

const key = () => randomBytes(32).toString('base64');
const secret = { name: 'Ivan Petrov', passport: 'X1234567' };

describe('AES-256-GCM payload codec', () => {
  const k1 = key();
  const k2 = key();
  const payload = defaultPayloadConverter.toPayload(secret);

  it('encrypts so that nothing of the payload is readable, and decrypts it back', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1}`, 'k1'));
    const [encrypted] = await codec.encode([payload]);
    const raw = Buffer.from(encrypted?.data ?? []).toString('latin1');
    expect(raw).not.toContain('Ivan');
    expect(raw).not.toContain('X1234567');
    expect(Buffer.from(encrypted?.metadata?.['encoding'] ?? []).toString()).toBe('binary/encrypted');
    const [decoded] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secret);
  });

  it('reads payloads of a retired key after rotation, and writes with the new one', async () => {
    const before = new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1}`, 'k1'));
    const after = new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1},k2:${k2}`, 'k2'));
    const [old] = await before.encode([payload]);
    expect(defaultPayloadConverter.fromPayload((await after.decode([old!]))[0]!)).toEqual(secret);
    const [fresh] = await after.encode([payload]);
    expect(Buffer.from(fresh?.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k2');
  });

  it('refuses a tampered payload, an unknown key id, and a key of the wrong size', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1}`, 'k1'));
    const [encrypted] = await codec.encode([payload]);
    const tampered = Buffer.from(encrypted!.data!);
    tampered[20] = (tampered[20] ?? 0) ^ 0xff;
    await expect(codec.decode([{ ...encrypted, data: tampered }])).rejects.toThrow();
    const other = new AesGcmPayloadCodec(parseCodecKeys(`k2:${k2}`, 'k2'));
    await expect(other.decode([encrypted!])).rejects.toThrow(CodecKeyError);
    expect(() => new AesGcmPayloadCodec(parseCodecKeys(`k1:${Buffer.from('short').toString('base64')}`, 'k1'))).toThrow(
      /32/,
    );
    expect(() => new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1}`, 'k9'))).toThrow(/active/);
  });

  it('refuses payloads it did not encrypt: each becomes the refused-payload marker, naming its encoding', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1}`, 'k1'));
    const forged = [payload, defaultPayloadConverter.toPayload(undefined), { data: Buffer.from('raw') }];
    const decoded = (await codec.decode(forged)).map((p) => defaultPayloadConverter.fromPayload(p));
    expect(decoded).toEqual([
      { [REFUSED_PAYLOAD_KEY]: 'json/plain' },
      { [REFUSED_PAYLOAD_KEY]: 'binary/null' },
      { [REFUSED_PAYLOAD_KEY]: 'none' },
    ]);
    expect(decoded.every(isRefusedPayload)).toBe(true);
    expect(JSON.stringify(decoded)).not.toContain('Ivan Petrov');
  });

  describe('compression before encryption', () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1}`, 'k1'));
    // A process view's shape: repetitive JSON, as Comity's larger payloads are.
    const view = {
      stage: 'executing',
      history: Array.from({ length: 40 }, (_, i) => ({ action: 'return-partial', sequence: i, actor: secret })),
    };
    const compressionOf = (p: { metadata?: Record<string, Uint8Array | null> | null }) =>
      p.metadata?.['encryption-compression'] && Buffer.from(p.metadata['encryption-compression']).toString();

    it('deflates a large payload before encrypting it, and restores it exactly', async () => {
      const plain = defaultPayloadConverter.toPayload(view);
      const [encoded] = await codec.encode([plain]);
      expect(compressionOf(encoded!)).toBe('deflate-raw');
      expect(encoded!.data!.length).toBeLessThan(plain.data!.length / 3);
      expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('return-partial');
      expect(defaultPayloadConverter.fromPayload((await codec.decode([encoded!]))[0]!)).toEqual(view);
    });

    it('leaves a small payload, or one deflate would not shrink, uncompressed', async () => {
      const noise = defaultPayloadConverter.toPayload(new Uint8Array(randomBytes(600)));
      const encoded = await codec.encode([payload, noise]);
      expect(encoded.map(compressionOf)).toEqual([undefined, undefined]);
      const [small, random] = await codec.decode(encoded);
      expect(defaultPayloadConverter.fromPayload(small!)).toEqual(secret);
      expect(Buffer.from(random!.data!)).toEqual(Buffer.from(noise.data!));
    });

    it('refuses a payload whose compression mark was removed, added or changed', async () => {
      const [large, small] = await codec.encode([defaultPayloadConverter.toPayload(view), payload]);
      const { ['encryption-compression']: _, ...unmarked } = large!.metadata!;
      await expect(codec.decode([{ ...large, metadata: unmarked }])).rejects.toThrow();
      const marked = { ...small!.metadata, 'encryption-compression': Buffer.from('deflate-raw') };
      await expect(codec.decode([{ ...small, metadata: marked }])).rejects.toThrow();
      const other = { ...large!.metadata, 'encryption-compression': Buffer.from('zstd') };
      await expect(codec.decode([{ ...large, metadata: other }])).rejects.toThrow(/unknown payload compression/);
    });

    it('stops inflating at 4 MiB: a payload that would inflate further is refused', async () => {
      // 5 MiB of one character: under Temporal's payload limit once compressed, over the cap inflated.
      const bomb = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.alloc(5 * 1024 * 1024, 0x61) };
      const [encoded] = await codec.encode([bomb]);
      expect(compressionOf(encoded!)).toBe('deflate-raw');
      await expect(codec.decode([encoded!])).rejects.toThrow(/buffer|length|larger/i);
    });
  });

  it('encrypts undefined too, so Comity’s own empty payloads are never refused', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(`k1:${k1}`, 'k1'));
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(undefined)]);
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toBeUndefined();
  });
});
