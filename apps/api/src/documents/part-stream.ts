import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PartLengthError, type SealPartStream } from '@comity/crypto';
import { ClientError } from '../http/api-error';
import { FairSlots, PerKeyLimit, Slots } from './slots';

/** Parts one API process receives at once (each streamed through to the store: a connection, no part held). */
export const PARTS_AT_ONCE = 4;
/** Parts waiting for a slot; more are told to come back (429). */
export const PARTS_WAITING = 16;
/**
 * Parts one caller may have received or waiting at once. Fewer than PARTS_AT_ONCE, so one caller
 * never holds every slot; 3 because the dashboard sends 3 parts at once, and a lower cap would turn
 * its uploads into 429s retried until they run out.
 */
export const PARTS_PER_CALLER = 3;

/**
 * The slowest a part may arrive: a sender (or a store) below it over any window, from the part's
 * start, is dropped, since it holds a slot. A window, not an instant, so a pause (a retransmission,
 * a busy store) is forgiven; 64 KiB/s (half a megabit) is far below any link an agency uploads over,
 * yet keeps a full part's hold on a slot to minutes, not the hours a trickle of bytes could.
 */
export interface PartPace {
  readonly bytesPerSecond: number;
  readonly windowMs: number;
  /** How often the pace is measured. */
  readonly everyMs: number;
}
export const PART_PACE: PartPace = { bytesPerSecond: 64 * 1024, windowMs: 30_000, everyMs: 1_000 };

/** The slots parts are received in: PARTS_AT_ONCE shared, PARTS_PER_CALLER of them (or waiting) per caller. */
export function partSlots(): FairSlots {
  return new FairSlots(
    new Slots(
      PARTS_AT_ONCE,
      PARTS_WAITING,
      () =>
        new ClientError(429, 'UPLOADS_BUSY', 'this server is receiving as many parts as it holds; send again shortly'),
    ),
    new PerKeyLimit(
      PARTS_PER_CALLER,
      () =>
        new ClientError(
          429,
          'TOO_MANY_PARTS_AT_ONCE',
          `at most ${PARTS_PER_CALLER} parts per caller at once, sent or waiting; send the next when one is answered`,
        ),
    ),
  );
}

/**
 * Streams a part's request body through `sealer` into `send` (the store's upload of the part), both
 * legs at once. A body of the wrong length, or one cut off or slower than `pace` mid-part, is refused
 * naming `field`, and the store's request is aborted before its last byte, so nothing of the part is
 * kept. A part dropped for its pace has its connection closed, as one cut off.
 */
export async function streamPart(
  body: Readable,
  sealer: SealPartStream,
  field: string,
  send: (sealed: Readable, signal: AbortSignal) => Promise<unknown>,
  pace: PartPace = PART_PACE,
): Promise<void> {
  const abort = new AbortController();
  // The store's client reads `sent`, never the sealer: a failed body destroys the sealer with its
  // error, which the client would re-emit where nothing listens; `sent` is only ever ended or closed.
  const sent = new PassThrough();
  sealer.pipe(sent);
  let storeFailed = false;
  const tooSlow = paceCheck(body, sealer, pace);
  const [received, stored] = await Promise.allSettled([
    pipeline(body, sealer).catch((err: unknown) => {
      abort.abort();
      sent.destroy();
      throw err;
    }),
    send(sent, abort.signal).catch((err: unknown) => {
      // The store refused or failed on its own: stop receiving what it will not take.
      if (!abort.signal.aborted) {
        storeFailed = true;
        sealer.destroy();
        sent.destroy();
      }
      throw err;
    }),
  ]).finally(() => tooSlow.stop());
  if (stored.status === 'rejected' && storeFailed) throw stored.reason;
  if (received.status === 'rejected') {
    const reason = received.reason as unknown;
    if (tooSlow.reason) {
      throw new ClientError(400, 'PART_TOO_SLOW', tooSlow.reason, [
        `${field}, at ${pace.bytesPerSecond / 1024} KiB/s or more over any ${pace.windowMs / 1000} s`,
      ]);
    }
    throw reason instanceof PartLengthError
      ? new ClientError(400, 'PART_SIZE_WRONG', reason.message, [field])
      : new ClientError(400, 'PART_SIZE_WRONG', `the part was cut off after ${sealer.received} bytes`, [field]);
  }
  if (stored.status === 'rejected') throw stored.reason;
}

/**
 * Measures what `sealer` has taken every `pace.everyMs`; once a whole window has passed since the
 * part's start, a window that brought less than the pace asks destroys `body` (a part wholly
 * received is left to the store). `reason` says why, once it has.
 */
function paceCheck(body: Readable, sealer: SealPartStream, pace: PartPace) {
  const check = { reason: undefined as string | undefined, stop: () => clearInterval(timer) };
  const marks = [{ at: Date.now(), received: 0 }];
  const timer = setInterval(() => {
    const now = Date.now();
    marks.push({ at: now, received: sealer.received });
    // marks[0] becomes the newest mark at least a window old (the part's start, until one is).
    while (marks.length > 1 && now - marks[1]!.at >= pace.windowMs) marks.shift();
    const from = marks[0]!;
    const span = now - from.at;
    const got = sealer.received - from.received;
    if (body.readableEnded || span < pace.windowMs || got >= (pace.bytesPerSecond * span) / 1000) return;
    check.reason = `the part arrived too slowly: ${got} bytes in ${(span / 1000).toFixed(1)} s, under ${pace.bytesPerSecond / 1024} KiB/s`;
    check.stop();
    body.destroy(new Error(check.reason));
  }, pace.everyMs);
  return check;
}
