import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { parseCodecKeys } from '@comity/crypto';
import { INBOX_LIMITS } from '@comity/federation';
import { testMessage } from '@comity/federation/testing';
import { openReadModel } from './data-source';
import { FederationInbox, type AnswerFor } from './federation-inbox';

const keys = parseCodecKeys(`k1:${randomBytes(32).toString('base64')}`, 'k1');
const answer: AnswerFor = async (decision) => `evidence:${decision.verdict}`;

describe('FederationInbox', () => {
  let root: string;
  let dataSource: DataSource;
  let inbox: FederationInbox;

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'comity-federation-inbox-'));
    dataSource = await openReadModel({ type: 'sqlite', path: path.join(root, 'gateway.sqlite') }, keys);
    inbox = new FederationInbox(dataSource);
  });

  afterEach(async () => {
    await dataSource.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  const receive = (sequence: number, processId = 'mla-2026-0001') =>
    inbox.receive(
      {
        partner: 'gr',
        message: testMessage({ messageId: `${processId}/${sequence}`, processId, sequence }),
        envelopeDigest: `envelope-${processId}-${sequence}`,
        contentDigest: `content-${processId}-${sequence}`,
        signedMessage: 'signed',
        receivedAt: '2026-01-10T09:00:05.000Z',
      },
      answer,
    );
  const statuses = async () => (await inbox.messages('gr', 'mla-2026-0001')).map((r) => `${r.sequence}:${r.status}`);

  it('holds up to the window past what is received, and refuses beyond it keeping nothing', async () => {
    const edge = INBOX_LIMITS.window;
    expect(await receive(edge)).toMatchObject({ verdict: 'gap', status: 'held' });
    expect(await receive(edge + 1)).toMatchObject({
      verdict: 'too-far-ahead',
      reason: expect.stringContaining(`beyond ${edge}`),
      evidence: 'evidence:too-far-ahead',
    });
    expect(await receive(Number.MAX_SAFE_INTEGER)).toMatchObject({ verdict: 'too-far-ahead' });
    expect(await statuses()).toEqual([`${edge}:held`]);
    expect(await receive(1)).toMatchObject({ verdict: 'accept', status: 'received' });
    expect(await receive(edge + 1)).toMatchObject({ verdict: 'gap', status: 'held' });
  });

  it('holds at most its cap per process, and releases the held run once the gap is filled', async () => {
    const { maxHeld } = INBOX_LIMITS;
    for (let sequence = 3; sequence < 3 + maxHeld; sequence += 1) await receive(sequence);
    const after = 3 + maxHeld + 10;
    expect(await receive(after)).toMatchObject({
      verdict: 'too-far-ahead',
      reason: expect.stringContaining(`at most ${maxHeld}`),
    });
    expect(await receive(5, 'mla-2026-0002')).toMatchObject({ verdict: 'gap', status: 'held' });
    expect(await receive(1)).toMatchObject({ verdict: 'accept', status: 'received' });
    expect(await receive(2)).toMatchObject({ verdict: 'accept', status: 'received' });
    const rows = await statuses();
    expect(rows).toHaveLength(maxHeld + 2);
    expect(rows.every((r) => r.endsWith(':received'))).toBe(true);
    expect(await receive(after)).toMatchObject({ verdict: 'gap', status: 'held' });
    expect(await receive(2 + maxHeld + 1)).toMatchObject({ verdict: 'accept', status: 'received' });
  });

  it('answers a retry with the first evidence, and refuses a new id at a held sequence', async () => {
    expect(await receive(4)).toMatchObject({ status: 'held' });
    expect(await receive(4)).toEqual({ verdict: 'duplicate', evidence: 'evidence:gap' });
    const other = await inbox.receive(
      {
        partner: 'gr',
        message: testMessage({ messageId: 'another', sequence: 4 }),
        envelopeDigest: 'e',
        contentDigest: 'c',
        signedMessage: 'signed',
        receivedAt: '2026-01-10T09:00:05.000Z',
      },
      answer,
    );
    expect(other).toMatchObject({ verdict: 'replay', reason: expect.stringMatching(/already held/) });
  });
});
