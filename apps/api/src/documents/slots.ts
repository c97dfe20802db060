import type { ClientError } from '../http/api-error';

/**
 * A counting semaphore with a bounded queue: at most `limit` holders at once, at most `queue`
 * waiting in turn; beyond that the caller is told to come back (429), rather than held without end.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(
    limit: number,
    private readonly queue: number,
    private readonly busy: () => ClientError,
  ) {
    this.free = limit;
  }

  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else if (this.waiting.length >= this.queue) throw this.busy();
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/** At most `limit` at once per key (e.g. per caller); beyond, `busy()` is thrown. */
export class PerKeyLimit {
  private readonly held = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly busy: () => ClientError,
  ) {}

  async hold<T>(key: string, work: () => Promise<T>): Promise<T> {
    const count = this.held.get(key) ?? 0;
    if (count >= this.limit) throw this.busy();
    this.held.set(key, count + 1);
    try {
      return await work();
    } finally {
      const left = (this.held.get(key) ?? 1) - 1;
      if (left) this.held.set(key, left);
      else this.held.delete(key);
    }
  }
}

/**
 * Shared slots no one key can fill: at most `perKey` held or waiting per key (checked first, so a
 * key over its share is refused without taking a place in the queue), then a turn in `slots`.
 */
export class FairSlots {
  constructor(
    private readonly slots: Slots,
    private readonly perKey: PerKeyLimit,
  ) {}

  hold<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.perKey.hold(key, () => this.slots.hold(work));
  }
}
