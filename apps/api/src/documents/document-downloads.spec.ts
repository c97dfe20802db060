import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DocumentIntegrityError } from '@comity/crypto';
import { lastChunkAfterDigest } from './document-downloads';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function through(pieces: Buffer[], expected: string) {
  const received: Buffer[] = [];
  const stream = Readable.from(pieces).pipe(lastChunkAfterDigest(expected));
  stream.on('data', (b: Buffer) => received.push(b));
  const error = await new Promise<unknown>((resolve) =>
    stream.on('end', () => resolve(undefined)).on('error', resolve),
  );
  return { received: Buffer.concat(received), error };
}

describe('lastChunkAfterDigest', () => {
  const pieces = [Buffer.from('first '), Buffer.from('second '), Buffer.from('last')];
  const whole = Buffer.concat(pieces);

  it('passes every byte on when the whole is the sealed document', async () => {
    expect(await through(pieces, sha256(whole))).toEqual({ received: whole, error: undefined });
  });

  it('never passes the last piece of a document that is not the sealed one', async () => {
    const { received, error } = await through(pieces, sha256(Buffer.from('something else')));
    expect(error).toBeInstanceOf(DocumentIntegrityError);
    expect(received.toString()).toBe('first second ');
  });
});
