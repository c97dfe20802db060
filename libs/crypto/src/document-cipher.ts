import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { IV_BYTES, TAG_BYTES } from './aes-gcm';

/**
 * A document's bytes at rest: AES-256-GCM under a key of its own (its data key, wrapped by the
 * installation's codec keys where it is stored), in chunks of CHUNK_BYTES of plain text, each
 * `nonce ‖ ciphertext ‖ tag` with a fresh random nonce. Each chunk's associated data names the
 * document, the chunk's place and whether it is the last, so a chunk moved, repeated, dropped or
 * cut off does not open (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár).
 * A chunk is checked before its plain text is given out: a reader never receives altered bytes.
 */
export const CHUNK_BYTES = 1024 * 1024;
export const CHUNK_OVERHEAD = IV_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;

export class DocumentIntegrityError extends Error {
  override readonly name = 'DocumentIntegrityError';
}

/** A part that is longer or shorter than its place in the document. */
export class PartLengthError extends Error {
  override readonly name = 'PartLengthError';
}

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);

/** How many chunks `size` bytes of plain text make (an empty document is one empty chunk). */
export const chunkCount = (size: number): number => Math.max(1, Math.ceil(size / CHUNK_BYTES));

/** The stored length of `size` bytes of plain text. */
export const encryptedLength = (size: number): number => size + chunkCount(size) * CHUNK_OVERHEAD;

const associatedData = (documentId: string, index: number, last: boolean) =>
  Buffer.from(`comity-document:${documentId}:${index}:${last ? 1 : 0}`);

/** Encrypts one chunk of plain text (at most CHUNK_BYTES) at its place in the document. */
export function sealChunk(key: Buffer, documentId: string, index: number, last: boolean, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(documentId, index, last));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Opens one stored chunk; DocumentIntegrityError when it is not the chunk that belongs there. */
export function openChunk(key: Buffer, documentId: string, index: number, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < CHUNK_OVERHEAD) throw new DocumentIntegrityError(`chunk ${index} is cut short`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(associatedData(documentId, index, last));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    // GCM gives everything from update(); final() only checks the tag (and returns nothing).
    const plain = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
    decipher.final();
    return plain;
  } catch {
    throw new DocumentIntegrityError(`chunk ${index} does not authenticate (altered, moved or from another document)`);
  }
}

/**
 * Encrypts a run of whole chunks starting at chunk `firstIndex` (an upload's part): `plain` is the
 * part's bytes, `lastPart` says whether its final chunk ends the document.
 */
export function sealChunks(key: Buffer, documentId: string, firstIndex: number, lastPart: boolean, plain: Buffer) {
  const count = Math.max(1, Math.ceil(plain.length / CHUNK_BYTES));
  const sealed: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const chunk = plain.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
    sealed.push(sealChunk(key, documentId, firstIndex + i, lastPart && i === count - 1, chunk));
  }
  return Buffer.concat(sealed);
}

/** The least a SealPartStream gives out at once but at its end (an S3 aws-chunked chunk is at least 8 KiB). */
const SEALED_PIECE_BYTES = 16 * 1024;

/**
 * A stream that encrypts one part of an upload as it arrives: exactly `plainBytes` of plain text
 * starting at chunk `firstIndex` become `encryptedLength(plainBytes)` bytes, each chunk's nonce,
 * ciphertext and tag given out as they are made (small ones joined into pieces of at least
 * SEALED_PIECE_BYTES), so nothing of the part is held. The last chunk's tag is held back until the
 * input ends: whoever stores the output (an upload of that exact length) can complete only on a
 * part of the right length; more or fewer bytes are a PartLengthError.
 */
export class SealPartStream extends Transform {
  /** Plain bytes taken in so far. */
  received = 0;
  private cipher: CipherGCM | undefined;
  private inChunk = 0;
  private index: number;
  private readonly lastIndex: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly key: Buffer,
    private readonly documentId: string,
    firstIndex: number,
    private readonly lastPart: boolean,
    private readonly plainBytes: number,
  ) {
    super();
    this.index = firstIndex;
    this.lastIndex = firstIndex + chunkCount(plainBytes) - 1;
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.received + data.length > this.plainBytes) {
      done(new PartLengthError('the part is larger than its place in the document'));
      return;
    }
    let at = 0;
    while (at < data.length) {
      const cipher = this.cipher ?? this.startChunk();
      const take = Math.min(data.length - at, CHUNK_BYTES - this.inChunk);
      this.give(cipher.update(data.subarray(at, at + take)));
      at += take;
      this.inChunk += take;
      this.received += take;
      if (this.inChunk === CHUNK_BYTES && this.received < this.plainBytes) this.endChunk(cipher);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.received !== this.plainBytes) {
      done(new PartLengthError(`the part ended after ${this.received} bytes`));
      return;
    }
    this.endChunk(this.cipher ?? this.startChunk());
    this.push(Buffer.concat(this.pending, this.pendingBytes));
    done();
  }

  private startChunk(): CipherGCM {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(associatedData(this.documentId, this.index, this.lastPart && this.index === this.lastIndex));
    this.give(iv);
    this.cipher = cipher;
    return cipher;
  }

  private give(piece: Buffer): void {
    if (this.pendingBytes === 0 && piece.length >= SEALED_PIECE_BYTES) {
      this.push(piece);
      return;
    }
    this.pending.push(piece);
    this.pendingBytes += piece.length;
    if (this.pendingBytes >= SEALED_PIECE_BYTES) {
      this.push(Buffer.concat(this.pending, this.pendingBytes));
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  private endChunk(cipher: CipherGCM): void {
    // GCM gives everything from update(); final() only computes the tag.
    cipher.final();
    this.give(cipher.getAuthTag());
    this.cipher = undefined;
    this.inChunk = 0;
    this.index += 1;
  }
}

/**
 * A stream that turns a stored document (all its chunks, in order) back into its plain text,
 * checking each chunk before passing it on and, at the end, that the document is whole: `size`
 * bytes of plain text in the expected number of chunks. Memory stays at about one chunk.
 */
export class OpenDocumentStream extends Transform {
  /** The chunk being gathered: its bytes are copied in once, then opened in place. */
  private frame: Buffer;
  private filled = 0;
  private index = 0;
  private readonly chunks: number;

  constructor(
    private readonly key: Buffer,
    private readonly documentId: string,
    private readonly size: number,
  ) {
    super();
    this.chunks = chunkCount(size);
    this.frame = Buffer.allocUnsafe(this.sealedLength(0));
  }

  private sealedLength(index: number): number {
    const plain = index < this.chunks - 1 ? CHUNK_BYTES : this.size - (this.chunks - 1) * CHUNK_BYTES;
    return plain + CHUNK_OVERHEAD;
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      let at = 0;
      while (at < data.length) {
        if (this.index === this.chunks) {
          throw new DocumentIntegrityError('the stored document runs on past its last chunk');
        }
        const taken = data.copy(this.frame, this.filled, at);
        this.filled += taken;
        at += taken;
        if (this.filled === this.frame.length) {
          const last = this.index === this.chunks - 1;
          this.push(openChunk(this.key, this.documentId, this.index, last, this.frame));
          this.index += 1;
          this.filled = 0;
          // The frame's bytes were decrypted into a new buffer: it can take the next chunk.
          if (!last && this.sealedLength(this.index) !== this.frame.length) {
            this.frame = Buffer.allocUnsafe(this.sealedLength(this.index));
          }
        }
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(
      this.index === this.chunks && this.filled === 0
        ? null
        : new DocumentIntegrityError(`the stored document ends after ${this.index} of its ${this.chunks} chunks`),
    );
  }
}
