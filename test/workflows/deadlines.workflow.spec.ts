import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { SYSTEM_ACTOR, days, type Actor } from '@comity/domain';
import { agencyTaskId } from '@comity/events';
import { processStateQuery, takeActionUpdate, type StartProcessInput } from '@comity/workflows';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * Deadlines, refusals and the order of a process's messages on Temporal's real time-skipping
 * server: days pass in milliseconds.
 */
let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await createTimeSkippingHarness();
}, 120_000);

afterAll(() => harness?.teardown());

const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const requesting: Actor = { userId: 'fr', role: 'agency', agencyId: 'fr-ministry-of-justice' };
const requested: Actor = { userId: 'es', role: 'agency', agencyId: 'es-audiencia-nacional' };

function input(
  type: string,
  legalBasis: string,
  priority: StartProcessInput['priority'] = 'normal',
): StartProcessInput {
  return {
    processId: `${type}-${randomUUID()}`,
    type,
    legalBasis,
    priority,
    handlingCode: 'H2',
    parties: {
      requesting: { agencyId: 'fr-ministry-of-justice', state: 'FR' },
      requested: { agencyId: 'es-audiencia-nacional', state: 'ES' },
    },
    data: {},
    startedBy: coordinator,
  };
}

const start = (args: StartProcessInput) => harness.startProcess(args);

const eventsOf = (processId: string) => harness.events.filter((e) => e.data.processId === processId);

describe('provisional arrest', () => {
  it('under the European Convention, releases the person when 40 days pass without a formal request', async () => {
    await harness.withWorker(async () => {
      const args = input('extradition', 'ECE');
      const handle = await start(args);
      await handle.executeUpdate(takeActionUpdate, { args: [{ action: 'arrest-provisionally', actor: requested }] });

      await harness.sleep(days(39));
      expect((await handle.query(processStateQuery)).stage).toBe('provisionally-arrested');

      await harness.sleep(days(1) + 1000);
      const state = await handle.query(processStateQuery);
      expect(state.stage).toBe('released');
      expect(state.deadlines).toEqual([expect.objectContaining({ id: 'provisional-arrest', status: 'missed' })]);

      const actions = eventsOf(args.processId).map((e) => e.data.action);
      expect(actions).toEqual([
        'start',
        'arrest-provisionally',
        'deadline-reminder', // day 18: the convention's first release point
        'deadline-reminder', // three days before the limit
        'deadline-expired',
        'release-on-expiry',
      ]);
      const release = eventsOf(args.processId).at(-1);
      expect(release).toMatchObject({ type: 'comity.extradition.released.v1', data: { actor: { role: 'admin' } } });
      expect(eventsOf(args.processId).map((e) => e.data.sequence)).toEqual([0, 1, 2, 3, 4, 5]);
    });
  }, 60_000);

  it('under a 60-day bilateral treaty, still holds the person at day 41', async () => {
    await harness.withWorker(async () => {
      const args = input('extradition', 'BILATERAL-60');
      const handle = await start(args);
      await handle.executeUpdate(takeActionUpdate, { args: [{ action: 'arrest-provisionally', actor: requested }] });
      await harness.sleep(days(41));
      const state = await handle.query(processStateQuery);
      expect(state.stage).toBe('provisionally-arrested');
      expect(state.deadlines[0]).toMatchObject({ status: 'running' });
      expect(eventsOf(args.processId).map((e) => e.data.action)).not.toContain('release-on-expiry');

      // The formal request arrives in time: the deadline is met and no release follows.
      await handle.executeUpdate(takeActionUpdate, { args: [{ action: 'receive-formal-request', actor: requested }] });
      await harness.sleep(days(30));
      const after = await handle.query(processStateQuery);
      expect(after.stage).toBe('formal-request-received');
      expect(after.deadlines[0]).toMatchObject({ status: 'met' });
    });
  }, 60_000);
});

describe('MLA execution deadline', () => {
  it('escalates an overdue MLA under EIO deadlines (90 days to execute)', async () => {
    await harness.withWorker(async () => {
      const args = input('mla', 'EU-EIO');
      const handle = await start(args);
      const act = (action: string, actor: Actor, payload?: unknown) =>
        handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
      await act('submit-for-review', coordinator);
      await act('record-translation', coordinator, { language: 'es' });
      await act('transmit', coordinator);
      await act('acknowledge', requested);
      await act('start-execution', requested);

      await harness.sleep(days(89));
      expect((await handle.query(processStateQuery)).overdue).toBe(false);
      await harness.sleep(days(1) + 1000);

      const state = await handle.query(processStateQuery);
      expect(state).toMatchObject({ stage: 'in-execution', overdue: true });
      const expired = eventsOf(args.processId).find((e) => e.data.action === 'deadline-expired');
      expect(expired).toMatchObject({
        type: 'comity.mla.deadline-expired.v1',
        data: { overdue: true, payload: { deadlineId: 'execution', consequence: 'escalated' } },
      });

      // Completing after the deadline records it as missed and clears the overdue flag.
      const done = await act('complete-execution', requested);
      expect(done).toMatchObject({ stage: 'executed', overdue: false });
      expect(done.deadlines.find((d) => d.id === 'execution')).toMatchObject({ status: 'missed' });
      await handle.result();
    });
  }, 60_000);
});

describe('deadline timers', () => {
  it('keeps one timer per deadline occurrence while actions wake the process', async () => {
    await harness.withWorker(async () => {
      const args = input('mla', 'EU-EIO');
      const handle = await start(args);
      const act = async (action: string, actor: Actor, payload?: unknown) => {
        await handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
        await harness.idle(handle);
      };
      const timers = async () => {
        const { events } = await handle.fetchHistory();
        const count = (key: 'timerStartedEventAttributes' | 'timerCanceledEventAttributes') =>
          (events ?? []).filter((e) => e[key]).length;
        return { started: count('timerStartedEventAttributes'), cancelled: count('timerCanceledEventAttributes') };
      };
      await act('submit-for-review', coordinator);
      await act('record-translation', coordinator, { language: 'es' });
      await act('transmit', coordinator);
      await act('acknowledge', requested);
      await act('start-execution', requested);
      const inExecution = await timers();
      // Three actions that leave the stage and its 90-day deadline as they are: no timer started or cancelled.
      for (const part of ['bank records', 'witness statement', 'phone extraction']) {
        await act('return-partial', requested, { description: part });
      }
      expect(await timers()).toEqual(inExecution);
      expect(inExecution.started).toBeGreaterThan(0);

      // The deadline still expires on time with that one timer.
      await harness.sleep(days(90) + 1000);
      expect(await handle.query(processStateQuery)).toMatchObject({ stage: 'in-execution', overdue: true });
    });
  }, 60_000);
});

describe('a refused action', () => {
  it('returns its stable error code and changes nothing', async () => {
    await harness.withWorker(async () => {
      const args = input('mla', 'UNTOC');
      const handle = await start(args);
      const before = await handle.query(processStateQuery);

      const codeOf = async (action: string, actor: Actor, payload?: unknown) => {
        try {
          await handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
        } catch (err) {
          expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
          const cause = (err as WorkflowUpdateFailedError).cause;
          expect(cause).toBeInstanceOf(ApplicationFailure);
          return (cause as ApplicationFailure).type;
        }
        return 'accepted';
      };
      // An agency that is no party learns nothing, not even that the action is wrong for the stage.
      const outsider: Actor = { userId: 'de', role: 'agency', agencyId: 'de-bka' };
      expect(await codeOf('acknowledge', outsider)).toBe('NOT_A_PARTY');
      expect(await codeOf('submit-for-review', outsider)).toBe('NOT_A_PARTY');
      expect(await codeOf('acknowledge', requested)).toBe('ACTION_NOT_ALLOWED_IN_STATE');
      expect(await codeOf('submit-for-review', requested)).toBe('ACTOR_NOT_PERMITTED');
      expect(await codeOf('teleport', coordinator)).toBe('ACTION_UNKNOWN');
      // Only the process itself acts as the system (a release on expiry): no message may claim to.
      expect(await codeOf('withdraw', SYSTEM_ACTOR, { reason: 'forged' })).toBe('ACTOR_NOT_PERMITTED');
      expect(await codeOf('return-to-draft', coordinator)).toBe('ACTION_NOT_ALLOWED_IN_STATE');
      expect(await codeOf('submit-for-review', requesting)).toBe('accepted');
      expect(await codeOf('transmit', coordinator)).toBe('PRECONDITION_UNMET');
      expect(await codeOf('record-translation', coordinator, { language: 'xx' })).toBe('NOT_PERMITTED_BY_LEGAL_BASIS');

      const after = await handle.query(processStateQuery);
      expect(after.stage).toBe('ca-review');
      expect(after.sequence).toBe(before.sequence + 1);
      expect(eventsOf(args.processId).map((e) => e.data.action)).toEqual(['start', 'submit-for-review']);
    });
  }, 60_000);
});

describe('publication order', () => {
  it("publishes each stage's task before the event that records the stage, and the events in order", async () => {
    await harness.withWorker(async () => {
      const args = input('mla', 'UNTOC');
      const handle = await start(args);
      const act = async (action: string, actor: Actor, payload?: unknown) => {
        await handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
        await harness.idle(handle);
      };
      await act('submit-for-review', requesting);
      await act('record-translation', coordinator, { language: 'es' });
      await act('transmit', coordinator);

      const events = eventsOf(args.processId);
      expect(events.map((e) => e.data.sequence)).toEqual([0, 1, 2, 3]);
      const event = (sequence: number) => events[sequence]?.id;
      const task = (sequence: number) => agencyTaskId(args.processId, sequence);
      // The agency's answer moves the process on, so its task goes first. draft and ca-review
      // await the requesting state, the translation stays in ca-review (no new task), and
      // transmitted awaits the requested state.
      expect(harness.published.filter((id) => id.startsWith(args.processId))).toEqual([
        task(0),
        event(0),
        task(1),
        event(1),
        event(2),
        task(3),
        event(3),
      ]);
      expect(harness.tasks.filter((t) => t.data.processId === args.processId).map((t) => t.data.agencyId)).toEqual([
        'fr-ministry-of-justice',
        'fr-ministry-of-justice',
        'es-audiencia-nacional',
      ]);
    });
  }, 60_000);
});
