import { randomUUID } from 'node:crypto';
import type { Actor } from '@comity/domain';
import { agencyTaskId } from '@comity/events';
import { takeActionUpdate } from '@comity/workflows';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The order a process's messages leave the workflow in: a stage's task before the event that
 * records the stage (the agency's answer is what moves the process on), events in sequence order.
 */
let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await createTimeSkippingHarness();
}, 120_000);

afterAll(() => harness?.teardown());

const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const france: Actor = { userId: 'fr', role: 'agency', agencyId: 'fr-ministry-of-justice' };

it("publishes each stage's task before the event that records the stage, and the events in order", async () => {
  await harness.withWorker(async () => {
    const processId = `mla-${randomUUID()}`;
    const handle = await harness.startProcess({
      processId,
      type: 'mla',
      legalBasis: 'UNTOC',
      priority: 'normal',
      handlingCode: 'H2',
      parties: {
        requesting: { agencyId: 'fr-ministry-of-justice', state: 'FR' },
        requested: { agencyId: 'es-audiencia-nacional', state: 'ES' },
      },
      data: {},
      startedBy: coordinator,
    });
    const act = async (action: string, actor: Actor, payload?: unknown) => {
      await handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
      await harness.idle(handle);
    };
    await act('submit-for-review', france);
    await act('record-translation', coordinator, { language: 'es' });
    await act('transmit', coordinator);

    const events = harness.events.filter((e) => e.data.processId === processId);
    expect(events.map((e) => e.data.sequence)).toEqual([0, 1, 2, 3]);
    const event = (sequence: number) => events[sequence]?.id;
    const task = (sequence: number) => agencyTaskId(processId, sequence);
    // draft and ca-review await the requesting state, the translation stays in ca-review (no new
    // task), and transmitted awaits the requested state.
    expect(harness.published.filter((id) => id.startsWith(processId))).toEqual([
      task(0),
      event(0),
      task(1),
      event(1),
      event(2),
      task(3),
      event(3),
    ]);
    expect(harness.tasks.filter((t) => t.data.processId === processId).map((t) => t.data.agencyId)).toEqual([
      'fr-ministry-of-justice',
      'fr-ministry-of-justice',
      'es-audiencia-nacional',
    ]);
  });
}, 60_000);
