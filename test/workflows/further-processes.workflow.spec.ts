import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { days, definitionOf, hours, TransferConditions, type Actor, type Priority } from '@comity/domain';
import { processStateQuery, takeActionUpdate, type ProcessView } from '@comity/workflows';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The deadlines of the further process types on Temporal's real time-skipping server: each runs
 * for the time its legal-basis rule sets for the priority, escalates when it runs out, and ends
 * as met or missed when the process moves on.
 */
let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await createTimeSkippingHarness();
}, 120_000);

afterAll(() => harness?.teardown());

const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const agencyOf = (slot: string): Actor => ({ userId: `${slot}-clerk`, role: 'agency', agencyId: `${slot}-agency` });

interface Run {
  readonly processId: string;
  act(action: string, actor: Actor, payload?: unknown): Promise<ProcessView>;
  /** The stable code an action is refused with. */
  refusal(action: string, actor: Actor, payload?: unknown): Promise<string>;
  sleep(ms: number): Promise<void>;
  state(): Promise<ProcessView>;
  deadline(id: string): Promise<ProcessView['deadlines'][number] | undefined>;
  actions(): string[];
  result(): Promise<unknown>;
}

/** Starts a process of the type, every party slot bound to `<slot>-agency`. */
async function run(
  type: string,
  legalBasis: string,
  priority: Priority = 'normal',
  data: Record<string, unknown> = {},
): Promise<Run> {
  const processId = `${type}-${randomUUID()}`;
  const parties = Object.fromEntries(
    definitionOf(type).parties.map((slot, i) => [slot, { agencyId: `${slot}-agency`, state: i ? 'IT' : 'GR' }]),
  );
  const handle = await harness.startProcess({
    processId,
    type,
    legalBasis,
    priority,
    handlingCode: 'H2',
    parties,
    data,
    startedBy: coordinator,
  });
  const update = (action: string, actor: Actor, payload?: unknown) =>
    handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
  // Each step waits until the workflow is idle, its events published.
  const act = async (action: string, actor: Actor, payload?: unknown) => {
    const view = await update(action, actor, payload);
    await harness.idle(handle);
    return view;
  };
  const state = () => handle.query(processStateQuery);
  return {
    processId,
    act,
    refusal: async (action, actor, payload) => {
      const failure = await update(action, actor, payload).then(
        () => undefined,
        (err: unknown) => err,
      );
      const cause = failure instanceof WorkflowUpdateFailedError ? failure.cause : undefined;
      return cause instanceof ApplicationFailure ? String(cause.type) : `accepted or ${String(failure)}`;
    },
    sleep: (ms) => harness.sleep(ms),
    state,
    deadline: async (id) => (await state()).deadlines.filter((d) => d.id === id).at(-1),
    actions: () => harness.events.filter((e) => e.data.processId === processId).map((e) => e.data.action),
    result: () => handle.result(),
  };
}

const SECOND = 1000;

describe('law-enforcement-exchange: the answer deadline', () => {
  it('escalates an urgent request after 8 hours, with a reminder two hours before', async () => {
    await harness.withWorker(async () => {
      const p = await run('law-enforcement-exchange', 'UNTOC', 'urgent');
      await p.act('acknowledge', agencyOf('requested'));
      await p.sleep(hours(6) + SECOND);
      expect(await p.state()).toMatchObject({ overdue: false });
      expect(p.actions()).toContain('deadline-reminder');
      await p.sleep(hours(2));
      expect(await p.state()).toMatchObject({ stage: 'in-progress', overdue: true });
      // The escalation reaches the party the definition names (the requesting side) as a task.
      const escalation = { agencyId: 'requesting-agency', party: 'requesting', status: 'open', escalates: 'answer' };
      expect((await p.state()).tasks).toContainEqual(expect.objectContaining(escalation));
      const published = harness.tasks.find((t) => t.data.processId === p.processId && t.data.escalates);
      expect(published?.data).toMatchObject({
        agencyId: 'requesting-agency',
        party: 'requesting',
        escalates: { deadlineId: 'answer' },
        expectedActions: expect.arrayContaining([expect.objectContaining({ action: 'withdraw' })]),
      });

      await p.act('answer', agencyOf('requested'), { summary: 'two phone numbers identified' });
      const promoted = await p.act('promote-to-mla', coordinator, { reference: 'MLA-GR-2026-31' });
      expect(promoted).toMatchObject({ stage: 'promoted-to-mla', terminal: true, overdue: false });
      expect(promoted.facts).toEqual({ promotedToMla: 'MLA-GR-2026-31' });
      expect(await p.deadline('answer')).toMatchObject({ status: 'missed' });
      await p.result();
      expect(p.actions()).toEqual([
        'start',
        'acknowledge',
        'deadline-reminder',
        'deadline-expired',
        'answer',
        'promote-to-mla',
      ]);
    });
  }, 60_000);

  it('under Directive 2023/977 gives urgent requests 8 hours (direct) or 3 days (indirect), others 7 days', async () => {
    await harness.withWorker(async () => {
      const direct = await run('law-enforcement-exchange', 'EU-2023-977', 'urgent', {
        accessibility: 'directly-accessible',
      });
      const indirect = await run('law-enforcement-exchange', 'EU-2023-977', 'urgent', {
        accessibility: 'indirectly-accessible',
      });
      const high = await run('law-enforcement-exchange', 'EU-2023-977', 'high', {
        accessibility: 'indirectly-accessible',
      });
      await direct.sleep(hours(8) + SECOND);
      expect(await direct.state()).toMatchObject({ overdue: true });
      expect(await indirect.state()).toMatchObject({ overdue: false });
      await indirect.sleep(days(3) - hours(8));
      expect(await indirect.state()).toMatchObject({ overdue: true });
      expect(await high.state()).toMatchObject({ overdue: false });
      await high.sleep(days(4));
      expect(await high.state()).toMatchObject({ overdue: true });
      const due = (view: ProcessView) => Date.parse(view.deadlines[0]!.dueAt) - Date.parse(view.startedAt);
      expect([due(await direct.state()), due(await indirect.state()), due(await high.state())]).toEqual([
        hours(8),
        days(3),
        days(7),
      ]);
    });
  }, 60_000);
});

describe('document-verification: the answer deadline', () => {
  it('runs on while the issuing state asks for details, escalates at 14 days, and is missed by a late answer', async () => {
    await harness.withWorker(async () => {
      const p = await run('document-verification', 'UNTOC');
      const issuing = agencyOf('issuing');
      await p.act('acknowledge', issuing);
      await p.act('request-further-details', issuing, { questions: 'A scan of the data page, please.' });
      await p.sleep(days(10));
      await p.act('provide-further-details', agencyOf('requesting'));
      await p.sleep(days(4) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'under-verification', overdue: true });
      const done = await p.act('report-not-genuine', issuing, { finding: 'falsified', details: 'photo substituted' });
      expect(done).toMatchObject({ stage: 'not-verified', terminal: true });
      expect(await p.deadline('verification')).toMatchObject({ status: 'missed' });
    });
  }, 60_000);
});

describe('transfer-of-proceedings: consultation and decision deadlines', () => {
  it('escalates a consultation left 30 days, then meets a 90-day decision', async () => {
    await harness.withWorker(async () => {
      const p = await run('transfer-of-proceedings', 'UNTOC');
      const requested = agencyOf('requested');
      await p.sleep(days(30) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'consultation', overdue: true });
      await p.act('conclude-consultation', requested, { view: 'favourable' });
      await p.act('transmit-request', coordinator);
      await p.act('acknowledge', requested);
      await p.sleep(days(89));
      expect(await p.state()).toMatchObject({ overdue: false });
      expect(
        await p.refusal('refuse', requested, {
          ground: 'not-a-ground',
          reasons: 'the proceedings are better left where the evidence is',
        }),
      ).toBe('NOT_PERMITTED_BY_LEGAL_BASIS');
      await p.act('accept', requested);
      expect(await p.deadline('decision')).toMatchObject({ status: 'met' });
      expect(await p.act('take-over', requested, { reference: 'PROC-IT-2026-8' })).toMatchObject({
        stage: 'taken-over',
      });
      await p.result();
    });
  }, 60_000);
});

describe('transfer-of-sentenced-person: agreement and handover deadlines', () => {
  it('refuses agreement until every condition is met, then escalates a handover left 30 days', async () => {
    await harness.withWorker(async () => {
      const p = await run('transfer-of-sentenced-person', 'UNTOC');
      const sentencing = agencyOf('sentencing');
      const administering = agencyOf('administering');
      await p.act('transmit', sentencing);
      await p.act('acknowledge', administering);
      expect(await p.refusal('agree-administering', administering)).toBe('PRECONDITION_UNMET');
      for (const condition of Object.keys(TransferConditions)) {
        await p.act('record-condition', administering, { condition, met: true, evidence: 'file' });
      }
      await p.act('agree-administering', administering);
      await p.sleep(days(100));
      await p.act('agree-sentencing', sentencing);
      expect(await p.deadline('agreement')).toMatchObject({ status: 'met' });
      await p.sleep(days(30) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'agreed', overdue: true });
      await p.act('schedule-handover', sentencing, { date: '2026-09-01', place: 'Rome Fiumicino' });
      expect(await p.act('confirm-handover', administering)).toMatchObject({ stage: 'transferred', overdue: false });
      expect(await p.deadline('handover')).toMatchObject({ status: 'missed' });
    });
  }, 60_000);
});

describe('special-investigative-technique: authorisation deadline', () => {
  it('escalates an urgent controlled delivery not authorised within 24 hours', async () => {
    await harness.withWorker(async () => {
      const p = await run('special-investigative-technique', 'UNTOC', 'urgent');
      const requesting = agencyOf('requesting');
      await p.act('declare-route', requesting, { states: ['AL', 'IT'] });
      await p.act('request-authorisation', requesting);
      await p.act('acknowledge', agencyOf('requested'));
      await p.act('record-authorisation', requesting, { state: 'AL', authority: 'SPAK', reference: 'AL-1' });
      await p.sleep(hours(24) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'authorising', overdue: true });
      expect(await p.refusal('start-delivery', requesting)).toBe('PRECONDITION_UNMET');
      await p.act('record-authorisation', coordinator, { state: 'IT', authority: 'DDA Bari', reference: 'IT-9' });
      expect(await p.act('start-delivery', requesting)).toMatchObject({ stage: 'active', overdue: false });
      // Urgent: the operation is to be concluded within 7 days.
      await p.sleep(days(6));
      expect(await p.state()).toMatchObject({ overdue: false });
      await p.act('conclude', requesting, { outcome: 'seized-and-arrested', summary: 'seized in Bari' });
      expect(await p.deadline('operation')).toMatchObject({ status: 'met' });
    });
  }, 60_000);
});

describe('domestic-taskforce: money-trace deadlines', () => {
  it('escalates an institution that lets 24 hours pass on an urgent trace, while the FIU still has time', async () => {
    await harness.withWorker(async () => {
      const p = await run('domestic-taskforce', 'UNTOC', 'urgent');
      const coordination = agencyOf('coordination');
      const fiu = agencyOf('fiu');
      await p.act('add-member', coordination, { agencyId: 'gr-hellenic-police', role: 'police' });
      await p.act('activate', coordination);
      await p.act('request-money-trace', coordination, { subjects: 'hawala operator in Piraeus' });
      await p.act('request-institution-records', fiu, { institutionKind: 'mvts', scope: 'transfers 2025-2026' });
      await p.sleep(hours(24) + SECOND);
      expect(await p.deadline('institution-records')).toMatchObject({ status: 'expired' });
      expect(await p.deadline('money-trace')).toMatchObject({ status: 'running' });
      await p.act('return-records', agencyOf('institution'), { reference: 'MVTS-2026-3' });
      const reported = await p.act('report-money-trace', fiu, { reference: 'FIU-GR-2026-40', summary: '14 transfers' });
      expect(reported).toMatchObject({
        stage: 'active',
        overdue: false,
        facts: { 'result:FIU-GR-2026-40': 'money-trace' },
      });
      expect(await p.deadline('money-trace')).toMatchObject({ status: 'met' });
      expect(await p.deadline('institution-records')).toMatchObject({ status: 'missed' });

      // Information from a member: 2 days when urgent.
      await p.act('request-information', coordination, { member: 'gr-hellenic-police', questions: 'arrests?' });
      await p.sleep(days(2) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'information-requested', overdue: true });
    });
  }, 60_000);
});

describe('migrant-return: verification and travel-document deadlines', () => {
  it('meets the 30-day verification, escalates 14 days without travel documents, then returns the person', async () => {
    await harness.withWorker(async () => {
      const p = await run('migrant-return', 'UNTOC');
      const origin = agencyOf('origin');
      await p.sleep(days(29));
      await p.act('confirm-status', origin, { status: 'national' });
      expect(await p.deadline('status-verification')).toMatchObject({ status: 'met' });
      await p.sleep(days(14) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'verified', overdue: true });
      await p.act('issue-travel-documents', origin, { document: 'laissez-passer', reference: 'LP-77' });
      await p.act('schedule-return', agencyOf('requesting'), { date: '2026-06-10', arrangements: 'escorted flight' });
      expect(await p.act('confirm-arrival', origin)).toMatchObject({ stage: 'returned', terminal: true });
      expect(await p.deadline('travel-documents')).toMatchObject({ status: 'missed' });
    });
  }, 60_000);
});

describe('protection-referral: response and follow-up deadlines', () => {
  it('escalates a referral unanswered for 72 hours and an assistance with no outcome after 30 days', async () => {
    await harness.withWorker(async () => {
      const p = await run('protection-referral', 'UNTOC');
      const provider = agencyOf('provider');
      await p.act('refer', agencyOf('referring'), { providerKind: 'ngo', needs: ['shelter', 'child-protection'] });
      await p.sleep(hours(72) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'referred', overdue: true });
      await p.act('accept', provider);
      expect(await p.deadline('provider-response')).toMatchObject({ status: 'missed' });
      await p.act('report-progress', provider, { summary: 'placed in a shelter' });
      await p.sleep(days(30) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'assisting', overdue: true });
      const closed = await p.act('record-outcome', provider, { outcome: 'protection-granted', summary: 'asylum' });
      expect(closed).toMatchObject({ stage: 'closed', terminal: true, facts: { outcome: 'protection-granted' } });
    });
  }, 60_000);
});
