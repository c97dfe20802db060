import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  NoSuchKey,
  NotFound,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { DocumentsConfig } from '@comity/config';

export interface StoredPart {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
}

export interface StoredObject {
  readonly size: number;
  readonly etag: string;
}

/**
 * Where documents' encrypted bytes are kept: any S3-compatible object store (versitygw here,
 * docs/documents.md). Only ciphertext reaches it; it never sees a key.
 */
export interface ObjectStore {
  startUpload(key: string): Promise<string>;
  /**
   * Stores a part from a stream of exactly `length` bytes, sent as they come (in pieces of at
   * least 8 KiB but the last). Aborting `signal` ends the request before its last byte, so nothing
   * of the part is stored.
   */
  putPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable,
    length: number,
    signal: AbortSignal,
  ): Promise<string>;
  listParts(key: string, uploadId: string): Promise<StoredPart[]>;
  completeUpload(key: string, uploadId: string, parts: readonly StoredPart[]): Promise<void>;
  abortUpload(key: string, uploadId: string): Promise<void>;
  /** The object's size and entity tag; undefined when there is none. */
  head(key: string): Promise<StoredObject | undefined>;
  /** The object's bytes as a stream; undefined when there is none. */
  read(key: string): Promise<Readable | undefined>;
  /** Deletes the object; one already gone is not an error. */
  delete(key: string): Promise<void>;
}

const unquoted = (etag: string | undefined) => (etag ?? '').replace(/^"|"$/g, '');

export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: DocumentsConfig['store']) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: true,
      credentials: { accessKeyId: config.accessKeyId ?? '', secretAccessKey: config.secretAccessKey ?? '' },
      // Checksums only where asked for: a part (below) carries a CRC32 trailer; nothing else does.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async startUpload(key: string): Promise<string> {
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: 'application/octet-stream',
      }),
    );
    if (!UploadId) throw new Error('the object store started an upload without an id');
    return UploadId;
  }

  async putPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable,
    length: number,
    signal: AbortSignal,
  ): Promise<string> {
    const { ETag } = await this.client.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
        ContentLength: length,
        // Sent after the last byte (aws-chunked), so the store takes the part only once it has its
        // end: versitygw keeps a request cut off mid-body as a part of the declared length, whereas
        // a part whose checksum never came is refused.
        ChecksumAlgorithm: 'CRC32',
      }),
      { abortSignal: signal },
    );
    return unquoted(ETag);
  }

  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.client.send(
        new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }),
      );
      for (const p of page.Parts ?? []) {
        parts.push({ partNumber: p.PartNumber ?? 0, size: p.Size ?? 0, etag: unquoted(p.ETag) });
      }
      if (!page.IsTruncated || page.NextPartNumberMarker === undefined) return parts;
      marker = page.NextPartNumberMarker;
    }
  }

  async completeUpload(key: string, uploadId: string, parts: readonly StoredPart[]): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: `"${p.etag}"` })) },
      }),
    );
  }

  async abortUpload(key: string, uploadId: string): Promise<void> {
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, etag: unquoted(head.ETag) };
    } catch (err) {
      if (err instanceof NotFound || err instanceof NoSuchKey) return undefined;
      throw err;
    }
  }

  async read(key: string): Promise<Readable | undefined> {
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Body as Readable;
    } catch (err) {
      if (err instanceof NoSuchKey) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (!(err instanceof NotFound || err instanceof NoSuchKey)) throw err;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
