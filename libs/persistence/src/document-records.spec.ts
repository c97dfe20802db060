import { createHash, randomBytes } from 'node:crypto';
import { custodyHash, verifyCustody, type CustodyKeys, type CustodyLink } from './document-records';

const keys: CustodyKeys = { activeKeyId: 'k1.custody', keys: new Map([['k1.custody', randomBytes(32)]]) };
const key = keys.keys.get('k1.custody')!;

function chain(events: string[]): CustodyLink[] {
  const links: CustodyLink[] = [];
  for (const [i, event] of events.entries()) {
    const unhashed = {
      documentId: 'doc-1',
      sequence: i + 1,
      event,
      actor: { userId: 'u', role: 'coordinator' },
      at: `2026-12-04T10:00:0${i}.000Z`,
      detail: { n: i },
      previousHash: links[i - 1]?.hash ?? '',
      keyId: keys.activeKeyId,
    };
    links.push({ ...unhashed, hash: custodyHash(unhashed, key) });
  }
  return links;
}

describe('the chain of custody', () => {
  const links = chain(['upload-started', 'uploaded', 'checked', 'sealed', 'downloaded']);

  it('holds as written', () => {
    expect(verifyCustody(links, keys)).toEqual({ intact: true, links: 5 });
  });

  it('breaks at a link edited, even with every hash after it recomputed without the key', () => {
    const edited = links.map((l) => ({ ...l }));
    edited[2] = { ...edited[2]!, detail: { n: 99 } };
    expect(verifyCustody(edited, keys)).toMatchObject({ intact: false, brokenAt: 3 });
    // What a database operator could do: recompute with SHA-256 (or any key but the installation's).
    const rewritten = edited.map((l) => ({ ...l }));
    for (let i = 2; i < rewritten.length; i += 1) {
      const { hash: _old, ...rest } = rewritten[i]!;
      const previousHash = rewritten[i - 1]!.hash;
      const hash = createHash('sha256')
        .update(JSON.stringify({ ...rest, previousHash }))
        .digest('hex');
      rewritten[i] = { ...rest, previousHash, hash };
    }
    expect(verifyCustody(rewritten, keys)).toMatchObject({ intact: false, brokenAt: 3 });
  });

  it('breaks where a link is removed, and for a key the installation does not hold', () => {
    expect(verifyCustody([links[0]!, ...links.slice(2)], keys)).toMatchObject({ intact: false, brokenAt: 3 });
    const other: CustodyKeys = { activeKeyId: 'k2.custody', keys: new Map([['k2.custody', randomBytes(32)]]) };
    expect(verifyCustody(links, other)).toMatchObject({ intact: false, brokenAt: 1 });
  });
});
