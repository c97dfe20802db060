import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { currentDefinitionVersion, days, hours, type Actor, type PartyBinding } from '@comity/domain';
import { processStateQuery, takeActionUpdate, type ProcessView } from '@comity/workflows';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * What the instruments require of the paths through extradition and MLA, on Temporal's real
 * time-skipping server: who gets the task at each turn (the state holding the person, the
 * prosecutor, the requesting side asked for its view), which refusals wait for what, and the
 * deadlines that run meanwhile.
 */
let harness: TimeSkippingHarness;

beforeAll(async () => {
  harness = await createTimeSkippingHarness();
}, 120_000);

afterAll(() => harness?.teardown());

const SECOND = 1000;
const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const agency = (agencyId: string): Actor => ({ userId: `${agencyId}-clerk`, role: 'agency', agencyId });
const requesting = agency('gr-ministry-of-justice');
const requested = agency('al-ministry-of-justice');
const prosecutor = agency('al-prokuroria');
const REASONS = 'the person is a national of Albania, whose constitution bars the extradition of nationals';

async function run(type: string, legalBasis: string, parties: Record<string, PartyBinding>) {
  const processId = `${type}-${randomUUID()}`;
  const handle = await harness.startProcess({
    processId,
    type,
    legalBasis,
    priority: 'normal',
    handlingCode: 'H2',
    parties,
    data: {},
    startedBy: coordinator,
    definitionVersion: currentDefinitionVersion(type),
  });
  const update = (action: string, actor: Actor, payload?: unknown) =>
    handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
  return {
    act: async (action: string, actor: Actor, payload?: unknown): Promise<ProcessView> => {
      const view = await update(action, actor, payload);
      await harness.idle(handle);
      return view;
    },
    /** The stable code and message an action is refused with. */
    refusal: async (action: string, actor: Actor, payload?: unknown) => {
      const failure = await update(action, actor, payload).then(
        () => undefined,
        (err: unknown) => err,
      );
      const cause = failure instanceof WorkflowUpdateFailedError ? failure.cause : undefined;
      return cause instanceof ApplicationFailure ? `${cause.type}: ${cause.message}` : `accepted or ${String(failure)}`;
    },
    state: () => handle.query(processStateQuery),
    /** The tasks published for this process: stage and addressee, in order. */
    tasks: () =>
      harness.tasks.filter((t) => t.data.processId === processId).map((t) => `${t.data.stage} -> ${t.data.agencyId}`),
    lastTask: () => harness.tasks.filter((t) => t.data.processId === processId).at(-1)?.data,
  };
}

const extradition = (withProsecutor: boolean) =>
  run('extradition', 'ECE', {
    requesting: { agencyId: 'gr-ministry-of-justice', state: 'GR' },
    requested: { agencyId: 'al-ministry-of-justice', state: 'AL' },
    ...(withProsecutor ? { prosecutor: { agencyId: 'al-prokuroria', state: 'AL' } } : {}),
  });

describe('extradition: release on expiry of the provisional arrest', () => {
  it('tasks the requested state, which holds the person, to release them, and escalates if it does not', async () => {
    await harness.withWorker(async () => {
      const p = await extradition(false);
      await p.act('arrest-provisionally', requested);
      await harness.sleep(days(40) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'release-due', overdue: false });
      expect(p.tasks().at(-1)).toBe('release-due -> al-ministry-of-justice');
      expect(p.lastTask()?.expectedActions.map((a) => a.action)).toEqual(['confirm-release']);

      await harness.sleep(hours(24));
      expect(await p.state()).toMatchObject({ stage: 'release-due', overdue: true });

      const released = await p.act('confirm-release', requested, { releasedAt: '2026-03-01' });
      expect(released.stage).toBe('released');
      expect(released.facts['release']).toEqual({ releasedAt: '2026-03-01', onExpiry: true });
      // Then the requesting state hears of it: its task, to send the formal request or withdraw.
      expect(p.tasks().at(-1)).toBe('released -> gr-ministry-of-justice');
    });
  }, 120_000);
});

describe('extradition: the duty to prosecute a national instead (16(10), ECE art. 6(2))', () => {
  it('cannot be bypassed by the court: a bar on nationality leads to prosecution, not to a plain refusal', async () => {
    await harness.withWorker(async () => {
      const p = await extradition(true);
      await p.act('receive-formal-request', requesting);
      await p.act('open-hearing', requested);
      expect(await p.refusal('decide-barred', requested, { ground: 'nationality', reasons: REASONS })).toBe(
        "PRECONDITION_UNMET: 'decide-barred' cannot be taken: 'decide-barred' on ground 'nationality' would bypass the obligation 'prosecute-instead' (UNTOC art. 16(10); ECE art. 6(2)): use 'refuse-national'",
      );
      expect(await p.refusal('refuse-national', requested, { reasons: '.' })).toMatch(/^PAYLOAD_INVALID: .*reasons/);

      const kept = await p.act('refuse-national', requested, { reasons: REASONS });
      expect(kept.stage).toBe('prosecution-instead');
      expect(kept.facts['refusal']).toEqual({
        ground: 'nationality',
        article: 'ECE art. 6(1)(a), 6(2)',
        reasons: REASONS,
      });
      // The prosecutor owes the obligation: the task is theirs, with the submission deadline.
      expect(p.tasks().at(-1)).toBe('prosecution-instead -> al-prokuroria');
      const submission = kept.deadlines.find((d) => d.id === 'prosecution-submission');
      expect(p.lastTask()?.dueAt).toBe(submission?.dueAt);

      await harness.sleep(days(30) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'prosecution-instead', overdue: true });

      await p.act('submit-for-prosecution', prosecutor, { reference: 'AL-PROS-2026-4' });
      expect(p.tasks().at(-1)).toBe('submitted-for-prosecution -> al-prokuroria');
      await p.act('report-prosecution-result', prosecutor, { result: 'convicted', summary: 'eight years' });
      // The requesting state hears the result.
      expect(p.tasks().at(-1)).toBe('prosecution-result-reported -> gr-ministry-of-justice');
      const done = await p.act('acknowledge-prosecution-result', requesting);
      expect(done).toMatchObject({ stage: 'prosecution-concluded', terminal: true });
      expect(done.facts['prosecutionOutcome']).toEqual({ result: 'convicted', summary: 'eight years' });
    });
  }, 120_000);

  it('goes to the requested central authority while no prosecutor is named', async () => {
    await harness.withWorker(async () => {
      const p = await extradition(false);
      await p.act('receive-formal-request', requesting);
      await p.act('open-hearing', requested);
      await p.act('refuse-national', requested, { reasons: REASONS });
      expect(p.tasks().at(-1)).toBe('prosecution-instead -> al-ministry-of-justice');
      // A prosecutor not named is no party: refused as any outsider is, before the action is considered.
      expect(await p.refusal('submit-for-prosecution', prosecutor, { reference: 'X' })).toMatch(/^NOT_A_PARTY/);
    });
  }, 120_000);
});

describe('mla: consultation before refusal (18(26))', () => {
  const mla = () =>
    run('mla', 'UNTOC', {
      requesting: { agencyId: 'gr-central-authority', state: 'GR' },
      requested: { agencyId: 'tr-central-authority', state: 'TR' },
    });
  const grCa = agency('gr-central-authority');
  const trCa = agency('tr-central-authority');
  const intended = {
    intended: 'refusal',
    ground: 'essential-interests',
    reasons: 'the records concern an operation of the national intelligence service',
  };
  const refusal = { ground: 'essential-interests', reasons: intended.reasons };

  async function consulting() {
    const p = await mla();
    await p.act('submit-for-review', grCa);
    await p.act('record-translation', grCa, { language: 'en' });
    await p.act('transmit', grCa);
    await p.act('acknowledge', trCa);
    await p.act('consult', trCa, intended);
    return p;
  }

  it('asks the requesting side, and refuses only after its answer or its time to answer', async () => {
    await harness.withWorker(async () => {
      const p = await consulting();
      expect(p.tasks().at(-1)).toBe('consultation -> gr-central-authority');
      expect(p.lastTask()?.expectedActions.map((a) => a.action)).toEqual(['answer-consultation', 'withdraw']);
      expect(await p.refusal('refuse', trCa, refusal)).toMatch(/^PRECONDITION_UNMET: .*prior consultation/);

      await harness.sleep(days(14) + SECOND);
      expect(await p.state()).toMatchObject({ stage: 'consultation', overdue: true });
      const refused = await p.act('refuse', trCa, refusal);
      expect(refused.stage).toBe('refused');
      expect(refused.facts['refusal']).toEqual({ ...refusal, article: 'UNTOC art. 18(21)(b)' });
    });
  }, 120_000);

  it('grants subject to conditions the requesting side accepts, after it answered', async () => {
    await harness.withWorker(async () => {
      const p = await consulting();
      await p.act('answer-consultation', grCa, { answer: 'we can narrow the request to two accounts' });
      expect(p.tasks().at(-1)).toBe('consulted -> tr-central-authority');
      const offered = await p.act('grant-subject-to-conditions', trCa, {
        conditions: 'the records are used only in the smuggling proceedings',
      });
      expect(offered.stage).toBe('conditions-proposed');
      expect(p.tasks().at(-1)).toBe('conditions-proposed -> gr-central-authority');
      const accepted = await p.act('accept-conditions', grCa);
      expect(accepted.stage).toBe('in-execution');
      expect(accepted.facts['conditions']).toEqual({
        text: 'the records are used only in the smuggling proceedings',
        status: 'accepted',
      });
    });
  }, 120_000);
});
