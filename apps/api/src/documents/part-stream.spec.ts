import { PassThrough, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { newDataKey, SealPartStream } from '@comity/crypto';
import { PARTS_AT_ONCE, PARTS_PER_CALLER, partSlots, streamPart, type PartPace } from './part-stream';

/** A store's upload of one part: takes what it is sent, stores it only at its end, stops when aborted. */
function fakeStore() {
  const state = { bytes: 0, stored: false, aborted: false };
  const send = (sealed: Readable, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => {
        state.aborted = true;
        reject(new Error('aborted'));
      });
      sealed.on('data', (piece: Buffer) => (state.bytes += piece.length));
      sealed.on('end', () => {
        state.stored = !signal.aborted;
        resolve();
      });
    });
  return { state, send };
}

/** A sender writing `pieces` of `bytes` each, `gapMs` apart, into what stands for the request body. */
async function sendPaced(body: PassThrough, pieces: { bytes: number; gapMs: number }[]) {
  for (const { bytes, gapMs } of pieces) {
    if (body.destroyed) return;
    body.write(Buffer.alloc(bytes, 7));
    await sleep(gapMs);
  }
  if (!body.destroyed) body.end();
}

/** 10 KB/s over 300 ms windows, measured every 20 ms. */
const pace: PartPace = { bytesPerSecond: 10_000, windowMs: 300, everyMs: 20 };

async function receive(size: number, pieces: { bytes: number; gapMs: number }[]) {
  const body = new PassThrough();
  const store = fakeStore();
  const sealer = new SealPartStream(newDataKey(), 'doc-test', 0, true, size);
  const sending = sendPaced(body, pieces);
  const outcome = await streamPart(body, sealer, 'path.part', store.send, pace).then(
    () => undefined,
    (err: unknown) => err,
  );
  await sending;
  return { outcome, store: store.state, body };
}

describe('streamPart', () => {
  it('stores a part sent at the pace or faster, pauses shorter than a window forgiven', async () => {
    const pieces = [
      ...Array(8).fill({ bytes: 1_000, gapMs: 20 }),
      { bytes: 1_000, gapMs: 200 },
      { bytes: 1_000, gapMs: 0 },
    ];
    const { outcome, store } = await receive(10_000, pieces);
    expect(outcome).toBeUndefined();
    expect(store).toMatchObject({ stored: true, aborted: false });
  });

  it('drops a sender trickling bytes: the store request aborted, nothing stored, the pace named', async () => {
    const { outcome, store, body } = await receive(10_000, Array(40).fill({ bytes: 10, gapMs: 25 }));
    expect(outcome).toMatchObject({ status: 400, code: 'PART_TOO_SLOW' });
    expect((outcome as Error).message).toMatch(/too slowly: \d+ bytes in \d+\.\d s, under 9\.765625 KiB\/s/);
    expect(store).toMatchObject({ stored: false, aborted: true });
    expect(body.destroyed).toBe(true);
  });

  it('measures each window, not the average since the start: a fast start does not buy a trickle', async () => {
    const pieces = [{ bytes: 9_000, gapMs: 10 }, ...Array(40).fill({ bytes: 10, gapMs: 25 })];
    const { outcome, store } = await receive(10_000, pieces);
    expect(outcome).toMatchObject({ code: 'PART_TOO_SLOW' });
    expect(store.stored).toBe(false);
  });

  it('still refuses a part of the wrong length as before', async () => {
    const { outcome, store } = await receive(10_000, [{ bytes: 4_000, gapMs: 0 }]);
    expect(outcome).toMatchObject({ status: 400, code: 'PART_SIZE_WRONG' });
    expect(store.stored).toBe(false);
  });
});

describe('partSlots', () => {
  /** Work that runs until released; `started` says whether it got a slot. */
  function held() {
    const run = { started: false, release: () => undefined as void };
    const work = () =>
      new Promise<void>((resolve) => {
        run.started = true;
        run.release = resolve;
      });
    return { run, work };
  }
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (err: unknown) => err,
    );

  it(`holds at most ${PARTS_PER_CALLER} parts per caller, sent or waiting, then answers 429 naming the cap`, async () => {
    const slots = partSlots();
    const mine = Array.from({ length: PARTS_PER_CALLER }, () => held());
    const running = mine.map((h) => slots.hold('agency-user', h.work));
    expect(await refusal(slots.hold('agency-user', async () => undefined))).toMatchObject({
      status: 429,
      code: 'TOO_MANY_PARTS_AT_ONCE',
      message: expect.stringContaining(`at most ${PARTS_PER_CALLER} parts per caller`),
    });
    mine[0]!.run.release();
    await running[0];
    await expect(slots.hold('agency-user', async () => 'sent')).resolves.toBe('sent');
    mine.slice(1).forEach((h) => h.run.release());
    await Promise.all(running);
  });

  it("lets a second caller's part through at once while the first holds all it may", async () => {
    const slots = partSlots();
    const first = Array.from({ length: PARTS_AT_ONCE + 2 }, () => held());
    const firstRunning = first.map((h) => refusal(slots.hold('trickler', h.work)));
    const second = held();
    const secondRunning = slots.hold('someone-else', second.work);
    await sleep(0);
    expect(second.run.started).toBe(true);
    expect(first.filter((h) => h.run.started)).toHaveLength(PARTS_PER_CALLER);
    second.run.release();
    await secondRunning;
    first.forEach((h) => h.run.release());
    await Promise.all(firstRunning);
  });

  it("frees a caller's share when its part fails", async () => {
    const slots = partSlots();
    for (let n = 0; n < PARTS_PER_CALLER + 1; n += 1) {
      await expect(slots.hold('agency-user', () => Promise.reject(new Error('cut off')))).rejects.toThrow('cut off');
    }
    await expect(slots.hold('agency-user', async () => 'sent')).resolves.toBe('sent');
  });
});
