import { EventEmitter } from 'node:events';
import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import { runConsumer } from './consumer-lifetime';

/** A stand-in for a kafkajs consumer: counts starts, and crashes when told to. */
function fakeConsumer(failConnects = 0) {
  const emitter = new EventEmitter();
  const calls = { connect: 0, run: 0, disconnect: 0 };
  const events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' };
  const consumer = {
    events,
    on: (event: string, listener: (e: unknown) => void) => emitter.on(event, listener),
    connect: async () => {
      calls.connect += 1;
      if (calls.connect <= failConnects) throw new Error('connect ECONNREFUSED');
    },
    run: async () => void (calls.run += 1),
    disconnect: async () => void (calls.disconnect += 1),
  } as unknown as Consumer;
  const crash = (restart: boolean) =>
    emitter.emit(events.CRASH, { payload: { error: new Error('Failed to find group coordinator'), restart } });
  return { consumer, calls, crash, join: () => emitter.emit(events.GROUP_JOIN, {}) };
}

const config: ConsumerRunConfig = { eachMessage: async () => undefined };
const quiet = () => undefined;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('runConsumer', () => {
  it('starts the consumer again when kafkajs gives up on it', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    await runConsumer(consumer, config, quiet);
    crash(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toMatchObject({ connect: 1, run: 2 });
  });

  it('leaves a crash kafkajs restarts itself to kafkajs', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    await runConsumer(consumer, config, quiet);
    crash(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls.run).toBe(1);
  });

  it('keeps trying while the broker stays away, pausing longer each time', async () => {
    const { consumer, calls, crash } = fakeConsumer(3);
    await runConsumer(consumer, config, quiet);
    crash(false);
    await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000);
    expect(calls).toMatchObject({ connect: 3, run: 1 });
    await jest.advanceTimersByTimeAsync(8_000 - 1);
    expect(calls).toMatchObject({ connect: 3, run: 1 });
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toMatchObject({ connect: 4, run: 2 });
  });

  it('does not start a stopped consumer again, and resolves done', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    const lifetime = await runConsumer(consumer, config, quiet);
    crash(false);
    await lifetime.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    await expect(lifetime.done).resolves.toBeUndefined();
    expect(calls).toMatchObject({ run: 1, disconnect: 1 });
  });
});
