import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  CHUNK_BYTES,
  CHUNK_OVERHEAD,
  DocumentIntegrityError,
  encryptedLength,
  newDataKey,
  OpenDocumentStream,
  PartLengthError,
  sealChunks,
  SealPartStream,
} from './document-cipher';

const id = 'doc-1';

/** Stores `plain` as an upload would: parts of `partChunks` chunks each. */
function store(key: Buffer, plain: Buffer, partChunks = 2, documentId = id): Buffer {
  const partBytes = partChunks * CHUNK_BYTES;
  const parts = Math.max(1, Math.ceil(plain.length / partBytes));
  const sealed: Buffer[] = [];
  for (let p = 0; p < parts; p += 1) {
    sealed.push(
      sealChunks(key, documentId, p * partChunks, p === parts - 1, plain.subarray(p * partBytes, (p + 1) * partBytes)),
    );
  }
  return Buffer.concat(sealed);
}

/** Pieces of `bytes`, `piece` long (the last shorter). */
const piecesOf = (bytes: Buffer, piece: number) => {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += piece) pieces.push(bytes.subarray(at, at + piece));
  return pieces;
};

/** Stores `plain` as the API does: each part streamed through SealPartStream, fed in `piece`s. */
async function streamed(key: Buffer, plain: Buffer, partChunks: number, piece: number): Promise<Buffer> {
  const partBytes = partChunks * CHUNK_BYTES;
  const parts = Math.max(1, Math.ceil(plain.length / partBytes));
  const sealed: Buffer[] = [];
  for (let p = 0; p < parts; p += 1) {
    const part = plain.subarray(p * partBytes, (p + 1) * partBytes);
    const sealer = new SealPartStream(key, id, p * partChunks, p === parts - 1, part.length);
    sealed.push(await buffer(Readable.from(piecesOf(part, piece)).pipe(sealer)));
  }
  return Buffer.concat(sealed);
}

/** Reads a stored document back through OpenDocumentStream, fed in pieces of `piece` bytes. */
const open = (key: Buffer, stored: Buffer, size: number, piece = 65_537, documentId = id) => {
  return buffer(Readable.from(piecesOf(stored, piece)).pipe(new OpenDocumentStream(key, documentId, size)));
};

describe('document cipher', () => {
  const key = newDataKey();

  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 5 * CHUNK_BYTES + 17])(
    'stores %i bytes at the computed length and reads them back whatever the read sizes',
    async (size) => {
      const plain = randomBytes(size);
      const stored = store(key, plain);
      expect(stored.length).toBe(encryptedLength(size));
      expect((await open(key, stored, size)).equals(plain)).toBe(true);
      expect((await open(key, stored, size, 7)).equals(plain)).toBe(true);
    },
  );

  it('refuses a flipped bit, a swapped chunk, a cut-off end, extra bytes, another document or another key', async () => {
    const size = 3 * CHUNK_BYTES + 5;
    const stored = store(key, randomBytes(size));
    const flipped = Buffer.from(stored);
    flipped[CHUNK_BYTES + 100] = flipped[CHUNK_BYTES + 100]! ^ 1;
    const one = CHUNK_BYTES + CHUNK_OVERHEAD;
    const swapped = Buffer.concat([stored.subarray(one, 2 * one), stored.subarray(0, one), stored.subarray(2 * one)]);
    // The first three chunks only: the third was not sealed as the last.
    const cut = stored.subarray(0, 3 * one);
    const longer = Buffer.concat([stored, Buffer.from('x')]);
    for (const [bytes, documentId, k] of [
      [flipped, id, key],
      [swapped, id, key],
      [cut, id, key],
      [longer, id, key],
      [stored, 'doc-2', key],
      [stored, id, newDataKey()],
    ] as const) {
      await expect(open(k, bytes, size, 65_537, documentId)).rejects.toBeInstanceOf(DocumentIntegrityError);
    }
    // A truncation at a chunk boundary whose sizes still fit: the last chunk is missing.
    await expect(open(key, stored.subarray(0, 3 * one), 3 * CHUNK_BYTES)).rejects.toBeInstanceOf(
      DocumentIntegrityError,
    );
  });

  it('gives out nothing of a chunk that does not authenticate', async () => {
    const size = 2 * CHUNK_BYTES;
    const stored = store(key, randomBytes(size));
    const flipped = Buffer.from(stored);
    flipped[stored.length - 1] = flipped[stored.length - 1]! ^ 1;
    const received: Buffer[] = [];
    const stream = Readable.from([flipped]).pipe(new OpenDocumentStream(key, id, size));
    stream.on('data', (b: Buffer) => received.push(b));
    await expect(new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject))).rejects.toThrow(
      'chunk 1 does not authenticate',
    );
    expect(Buffer.concat(received).length).toBe(CHUNK_BYTES);
  });

  it.each([0, 1, CHUNK_BYTES, 2 * CHUNK_BYTES, 5 * CHUNK_BYTES + 17])(
    'streams %i bytes through part by part to the computed length, read back as sealed whole',
    async (size) => {
      const plain = randomBytes(size);
      for (const piece of [65_536, 100_003]) {
        const stored = await streamed(key, plain, 2, piece);
        expect(stored.length).toBe(encryptedLength(size));
        expect((await open(key, stored, size)).equals(plain)).toBe(true);
      }
    },
  );

  it('refuses a streamed part longer or shorter than its place, and holds back its last tag until it ends', async () => {
    const part = randomBytes(CHUNK_BYTES + 10);
    const longer = new SealPartStream(key, id, 0, true, part.length - 1);
    await expect(buffer(Readable.from([part]).pipe(longer))).rejects.toBeInstanceOf(PartLengthError);
    const shorter = new SealPartStream(key, id, 0, true, part.length + 1);
    await expect(buffer(Readable.from([part]).pipe(shorter))).rejects.toThrow('the part ended after');

    const sealer = new SealPartStream(key, id, 0, true, part.length);
    const out: Buffer[] = [];
    sealer.on('data', (b: Buffer) => out.push(b));
    for (const piece of piecesOf(part, 1000))
      await new Promise<void>((resolve) => sealer.write(piece, () => resolve()));
    await new Promise(setImmediate);
    expect(Buffer.concat(out).length).toBeLessThan(encryptedLength(part.length));
    sealer.end();
    await new Promise((resolve) => sealer.on('end', resolve));
    expect(Buffer.concat(out).length).toBe(encryptedLength(part.length));
    // In pieces a store's chunked upload takes (S3: at least 8 KiB each but the last).
    expect(out.slice(0, -1).every((b) => b.length >= 8 * 1024)).toBe(true);
  });
});
