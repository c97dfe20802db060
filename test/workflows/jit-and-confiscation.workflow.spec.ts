import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { days, hours, type Actor } from '@comity/domain';
import { HISTORY_EVENTS_PER_RUN, processStateQuery, takeActionUpdate, type StartProcessInput } from '@comity/workflows';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * Joint investigation teams and asset confiscation on Temporal's real time-skipping server: urgent
 * freezing deadlines in hours, a team's term that runs out or is extended by consent, thousands of
 * evidence exchanges across runs (continue-as-new), and a process an action starts in the case.
 */
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await createTimeSkippingHarness();
}, 120_000);

afterAll(() => harness?.teardown());

const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const fr: Actor = { userId: 'fr', role: 'agency', agencyId: 'fr-pnf' };
const es: Actor = { userId: 'es', role: 'agency', agencyId: 'es-fiscalia' };
const nl: Actor = { userId: 'nl', role: 'agency', agencyId: 'nl-om' };
const it_: Actor = { userId: 'it', role: 'agency', agencyId: 'it-dda' };
const gr: Actor = { userId: 'gr', role: 'agency', agencyId: 'gr-police' };

function confiscation(legalBasis: string, priority: StartProcessInput['priority']): StartProcessInput {
  return {
    processId: `asset-confiscation-${randomUUID()}`,
    type: 'asset-confiscation',
    legalBasis,
    priority,
    handlingCode: 'H2',
    parties: { requesting: { agencyId: 'fr-pnf', state: 'FR' }, requested: { agencyId: 'es-fiscalia', state: 'ES' } },
    data: {},
    startedBy: coordinator,
  };
}

function team(legalBasis = 'EU-JIT'): StartProcessInput {
  return {
    processId: `joint-investigation-${randomUUID()}`,
    type: 'joint-investigation',
    caseId: `case-${randomUUID()}`,
    legalBasis,
    priority: 'normal',
    handlingCode: 'H2',
    parties: { lead: { agencyId: 'nl-om', state: 'NL' }, member: { agencyId: 'it-dda', state: 'IT' } },
    data: {},
    startedBy: coordinator,
  };
}

async function start(args: StartProcessInput) {
  const handle = await harness.startProcess(args);
  const act = (action: string, actor: Actor, payload?: unknown) =>
    handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
  return { handle, act };
}

/** The message of the domain error a refused update carries. */
async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause) return err.cause.message;
    throw err;
  }
  throw new Error('the update was accepted');
}

const eventsOf = (processId: string) => harness.events.filter((e) => e.data.processId === processId);

async function activeTeam(args: StartProcessInput) {
  const started = await start(args);
  const { act } = started;
  await act('propose-agreement', nl, { summary: 'smuggling network on the central Mediterranean route' });
  await act('join', nl, { agencyId: 'gr-police', state: 'GR' });
  for (const [actor, signatory] of [
    [nl, 'nl-om'],
    [it_, 'it-dda'],
    [gr, 'gr-police'],
  ] as const) {
    await act('sign-agreement', actor, { signatory });
  }
  await act('conclude-agreement', nl);
  await act('adopt-action-plan', nl, { summary: 'joint action days' });
  return started;
}

describe('urgent freezing', () => {
  it.each([
    ['EU-2018-1805', 48],
    ['UNTOC', 24],
  ])(
    'under %s, escalates an urgent freezing request not recognised within %i hours',
    async (basis, limit) => {
      await harness.withWorker(async () => {
        const args = confiscation(basis, 'urgent');
        const { handle, act } = await start(args);
        await act('request-freezing', fr, { description: 'accounts at Banco X', synchronisedWithArrest: true });
        await harness.sleep(hours(limit - 1));
        expect(await handle.query(processStateQuery)).toMatchObject({ stage: 'freezing-requested', overdue: false });
        await harness.sleep(hours(1) + 1000);
        expect(await handle.query(processStateQuery)).toMatchObject({ stage: 'freezing-requested', overdue: true });
        expect(eventsOf(args.processId).find((e) => e.data.action === 'deadline-expired')?.data.payload).toMatchObject({
          deadlineId: 'freezing-recognition',
          consequence: 'escalated',
        });

        // Recognised late; the execution deadline starts and is met in time.
        await act('recognise-freezing', es);
        await harness.sleep(hours(limit - 2));
        const frozen = await act('execute-freezing', es, { amount: '250000.00', currency: 'EUR' });
        expect(frozen.stage).toBe('frozen');
        expect(frozen.deadlines.map((d) => [d.id, d.status])).toEqual([
          ['freezing-recognition', 'missed'],
          ['freezing-execution', 'met'],
        ]);
        expect(frozen.ledger).toEqual({ EUR: { frozen: '250000.00' } });
      });
    },
    60_000,
  );

  it('drives a confiscation to disposal, the ledger reconciled, victims first', async () => {
    await harness.withWorker(async () => {
      const args = confiscation('EU-2018-1805', 'normal');
      const { handle, act } = await start(args);
      await act('request-freezing', fr, { description: 'villa and accounts' });
      await act('recognise-freezing', es);
      await act('execute-freezing', es, { amount: '900000', currency: 'EUR' });
      await act('freeze-more', es, { amount: '12000.50', currency: 'USD' });
      await act('transmit-confiscation-order', fr, { mode: 'enforce', reference: 'TJ-Paris-2026-77' });
      await harness.sleep(days(46));
      expect((await handle.query(processStateQuery)).overdue).toBe(true); // 45 days to decide (art. 20)
      await act('enforce-confiscation', es, { amount: '800000', currency: 'EUR' });
      await act('release-assets', es, { amount: '100000', currency: 'EUR', reasons: 'third-party owner' });
      await act('record-management-cost', es, { amount: '15000', currency: 'EUR' });
      await act('begin-disposal', es);
      expect(await refusal(act('share', es, { amount: '1', currency: 'EUR', withState: 'FR' }))).toMatch(
        /victims' claims must be settled first/,
      );
      await act('return-to-victims', es, { amount: '500000', currency: 'EUR', claim: 'smuggled migrants' });
      await act('settle-victim-claims', es);
      await act('share', es, { amount: '142500', currency: 'EUR', withState: 'FR' });
      const done = await act('close-disposal', es);
      expect(done.stage).toBe('disposed');
      expect(done.ledger).toEqual({
        EUR: {
          frozen: '900000.00',
          confiscated: '800000.00',
          released: '100000.00',
          'management-costs': '15000.00',
          'returned-to-victims': '500000.00',
          shared: '142500.00',
        },
        USD: { frozen: '12000.50' },
      });
      await handle.result();
    });
  }, 60_000);
});

describe('joint investigation team', () => {
  it('moves to closure when its term runs out, unless the members extend it by consent', async () => {
    await harness.withWorker(async () => {
      const args = team();
      const { handle, act } = await activeTeam(args);
      const term = (await handle.query(processStateQuery)).deadlines.find((d) => d.id === 'term');
      const until = new Date(Date.parse(term?.dueAt ?? '') + days(180)).toISOString().slice(0, 10);

      await harness.sleep(days(500));
      for (const [actor, consenting] of [
        [nl, 'nl-om'],
        [it_, 'it-dda'],
      ] as const) {
        await act('consent-to-extension', actor, { consenting, until });
      }
      expect(await refusal(act('extend-term', nl, { until }))).toMatch(/no consent to extend .* from: gr-police/);
      await act('consent-to-extension', coordinator, { consenting: 'gr-police', until });
      await act('extend-term', nl, { until });

      await harness.sleep(days(100)); // past the original term (540 days)
      expect((await handle.query(processStateQuery)).stage).toBe('active');
      await harness.sleep(days(130));
      const closed = await handle.query(processStateQuery);
      expect(closed.stage).toBe('closure');
      expect(
        eventsOf(args.processId)
          .slice(-2)
          .map((e) => e.data.action),
      ).toEqual(['deadline-expired', 'expire-term']);
      await act('evaluate', nl, { summary: '14 arrests, 3 convictions' });
      await handle.result();
    });
  }, 60_000);

  it('starts the asset confiscation it refers, once, in the same case', async () => {
    await harness.withWorker(async () => {
      const args = team('UNTOC');
      const { act } = await activeTeam(args);
      const referred = await act('refer-for-confiscation', nl, { description: 'yachts registered in Piraeus' });
      const childId = `${args.processId}.refer-for-confiscation.${referred.sequence - 1}`;
      const child = harness.env.client.workflow.getHandle(childId);
      let state;
      for (let i = 0; i < 50 && !state; i++) {
        state = await child.query(processStateQuery).catch(() => undefined);
        if (!state) await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toMatchObject({
        type: 'asset-confiscation',
        caseId: args.caseId,
        legalBasis: 'UNTOC',
        stage: 'tracing',
        parties: { requesting: { agencyId: 'nl-om' }, requested: { agencyId: 'it-dda' } },
      });
    });
  }, 60_000);

  it('keeps every run of a team with thousands of exchanges bounded, and loses nothing', async () => {
    const exchanges = 3_000;
    // One at a time: the time-skipping server does not move an update that races a continue-as-new
    // to the new run (a real server retries it there), so concurrent senders could wait forever.
    const BATCH = 1;
    await harness.withWorker(async () => {
      const args = team();
      const { handle, act } = await activeTeam(args);
      const members = [nl, it_, gr];
      for (let i = 0; i < exchanges; i += BATCH) {
        await Promise.all(
          Array.from({ length: BATCH }, (_, j) => {
            const sender = members[(i + j) % 3];
            const recipient = members[(i + j + 1) % 3];
            return act('share-evidence', sender, {
              recipients: [recipient.agencyId],
              item: `exhibit ${i + j}`,
              handlingCode: (['H1', 'H2', 'H3'] as const)[(i + j) % 3],
            });
          }),
        );
      }
      const state = await handle.query(processStateQuery);
      expect(state.facts['exchangeLog']).toEqual({
        count: exchanges,
        byHandlingCode: { H1: exchanges / 3, H2: exchanges / 3, H3: exchanges / 3 },
      });

      // Every exchange is an event, in one unbroken sequence and audit chain across runs.
      for (let i = 0; i < 600 && eventsOf(args.processId).length < state.sequence; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const events = eventsOf(args.processId);
      expect(events).toHaveLength(state.sequence);
      expect(events.filter((e) => e.data.action === 'share-evidence')).toHaveLength(exchanges);
      expect(events.map((e) => e.data.sequence)).toEqual(events.map((_, i) => i));
      expect(events.slice(1).every((e, i) => e.data.audit.previousHash === events[i].data.audit.hash)).toBe(true);

      // The workflow continued as new: several runs, each with a bounded history.
      const lengths: number[] = [];

      for (let runId: string | undefined = handle.firstExecutionRunId; runId;) {
        const history: { events?: HistoryEvent[] | null } = await harness.env.client.workflow
          .getHandle(args.processId, runId)
          .fetchHistory();
        const recorded: HistoryEvent[] = history.events ?? [];
        lengths.push(recorded.length);
        runId = recorded.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
      }
      expect(lengths.length).toBeGreaterThan(3);
      expect(Math.max(...lengths)).toBeLessThan(HISTORY_EVENTS_PER_RUN + 100);

      // Queries and updates reach the latest run under the same workflow id.
      const closed = await act('close', nl, { reasons: 'operational phase over' });
      expect(closed).toMatchObject({ stage: 'closure', sequence: events.length + 1 });
    });
  }, 600_000);
});

describe('a freezing synchronised with an arrest', () => {
  it('holds the arrest in the same case back until the assets are frozen', async () => {
    await harness.withWorker(async () => {
      const caseId = `case-${randomUUID()}`;
      const extraditionArgs: StartProcessInput = {
        ...confiscation('UNTOC', 'urgent'),
        processId: `extradition-${randomUUID()}`,
        type: 'extradition',
        caseId,
      };
      const extradition = await start(extraditionArgs);
      const freezing = await start({ ...confiscation('UNTOC', 'urgent'), caseId });
      // A process of another case cannot hold it back.
      const other = await start({ ...confiscation('UNTOC', 'urgent'), caseId: `case-${randomUUID()}` });
      await other.act('request-freezing', fr, { description: 'x', synchronisedWith: extraditionArgs.processId });

      await freezing.act('request-freezing', fr, {
        description: 'accounts of the network',
        synchronisedWith: extraditionArgs.processId,
      });
      const held = async () => (await extradition.handle.query(processStateQuery)).holds ?? [];
      for (let i = 0; i < 50 && (await held()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await held()).toEqual([
        expect.objectContaining({ action: 'arrest-provisionally', heldBy: freezing.handle.workflowId }),
      ]);
      expect(await refusal(extradition.act('arrest-provisionally', es))).toMatch(/held back by .*freezing/);

      await freezing.act('recognise-freezing', es);
      await freezing.act('execute-freezing', es, { amount: '1000', currency: 'EUR' });
      for (let i = 0; i < 50 && (await held()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await extradition.act('arrest-provisionally', es)).stage).toBe('provisionally-arrested');
    });
  }, 60_000);
});
