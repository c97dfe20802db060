/**
 * Deadline arithmetic, with explicit clock values: when deadlines start, fall due and remind, how
 * they end, how a priority change reschedules them, and the order in which they fire.
 */
import { definitionOf, legalBasisIds, processTypes } from '../index';
import type { Actor } from './actor';
import { afterOccurrence, nextOccurrence, type DeadlineOccurrence } from './deadlines';
import { days, hours } from './duration';
import type { ProcessDefinition } from './process-definition';
import { isOverdue, type DeadlineState, type Priority, type ProcessSnapshot } from './process-state';
import { applyTransition, decide, openProcess, SYSTEM_ACTOR } from './state-machine';

const T0 = Date.parse('2026-01-05T08:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

/** Who acts does not matter to deadlines; an admin may take any action but the system's. */
const admin: Actor = { userId: 'admin-1', role: 'admin' };

type Step = string | readonly [action: string, payload: Record<string, unknown>];

function open(
  type: string,
  legalBasis: string,
  priority: Priority = 'normal',
  definition: ProcessDefinition = definitionOf(type),
): ProcessSnapshot {
  const parties = Object.fromEntries(
    definition.parties.map((slot) => [slot, { agencyId: `${slot}-agency`, state: 'FR' }]),
  );
  return openProcess(definition, { processId: 'p-1', type, legalBasis, priority, handlingCode: 'H1', parties }, T0);
}

/** Takes each step at `now`. */
function act(snapshot: ProcessSnapshot, now: number, ...steps: Step[]): ProcessSnapshot {
  const definition = definitionOf(snapshot.type);
  return steps.reduce((current, step) => {
    const [action, payload] = typeof step === 'string' ? [step, undefined] : step;
    return applyTransition(definition, current, decide(definition, current, { action, payload }, admin), now);
  }, snapshot);
}

const deadline = (snapshot: ProcessSnapshot, id: string, status = 'running'): DeadlineState | undefined =>
  snapshot.deadlines.find((d) => d.id === id && d.status === status);
const statuses = (snapshot: ProcessSnapshot) => snapshot.deadlines.map((d) => `${d.id}:${d.status}`);

/** Lets every reminder and expiry due by `now` happen (no automatic action is taken). */
function occurUntil(snapshot: ProcessSnapshot, now: number): ProcessSnapshot {
  let deadlines = snapshot.deadlines;
  for (let due = nextOccurrence(deadlines); due && Date.parse(due.at) <= now; due = nextOccurrence(deadlines)) {
    deadlines = afterOccurrence(deadlines, due);
  }
  return { ...snapshot, deadlines };
}

const changePriority = (priority: Priority): Step => ['change-priority', { priority, reason: 'new facts' }];
const translate: Step = ['record-translation', { language: 'en' }];
const toTranslation: Step[] = ['submit-for-review'];
const toRecognition: Step[] = [...toTranslation, translate, 'transmit'];
const toExecution: Step[] = [...toRecognition, 'acknowledge'];
const toProvisionalArrest: Step[] = ['arrest-provisionally'];

describe('a deadline starts when the process enters its stages', () => {
  it.each([
    // basis, type, priority, path, deadline, length, reminders (after the start)
    ['UNTOC', 'mla', 'normal', toTranslation, 'translation', days(14), [days(11)]],
    ['UNTOC', 'mla', 'high', toTranslation, 'translation', days(14), [days(11)]], // no 'high': normal applies
    ['UNTOC', 'mla', 'urgent', toTranslation, 'translation', days(2), []], // 3 days before would precede the start
    ['UNTOC', 'mla', 'normal', toRecognition, 'recognition', days(30), [days(23), days(29)]],
    ['UNTOC', 'mla', 'urgent', toRecognition, 'recognition', days(5), [days(4)]],
    ['UNTOC', 'mla', 'normal', toExecution, 'execution', days(120), [days(106), days(117)]],
    ['UNTOC', 'mla', 'high', toExecution, 'execution', days(60), [days(46), days(57)]],
    ['UNTOC', 'mla', 'urgent', toExecution, 'execution', days(20), [days(6), days(17)]],
    ['EU-EIO', 'mla', 'normal', toTranslation, 'translation', days(14), [days(11)]], // EIO sets none: UNTOC's
    ['EU-EIO', 'mla', 'urgent', toTranslation, 'translation', days(2), []],
    ['EU-EIO', 'mla', 'normal', toRecognition, 'recognition', days(30), [days(25), days(29) + hours(18)]],
    ['EU-EIO', 'mla', 'high', toRecognition, 'recognition', days(30), [days(25), days(29) + hours(18)]],
    ['EU-EIO', 'mla', 'urgent', toRecognition, 'recognition', hours(24), [hours(18)]],
    ['EU-EIO', 'mla', 'normal', toExecution, 'execution', days(90), [days(76), days(88)]],
    ['EU-EIO', 'mla', 'urgent', toExecution, 'execution', days(10), [days(8)]],
    ['ECE', 'extradition', 'normal', toProvisionalArrest, 'provisional-arrest', days(40), [days(18), days(37)]],
    ['ECE', 'extradition', 'urgent', toProvisionalArrest, 'provisional-arrest', days(40), [days(18), days(37)]],
    ['BILATERAL-60', 'extradition', 'high', toProvisionalArrest, 'provisional-arrest', days(60), [days(50)]],
    ['UNTOC', 'extradition', 'normal', toProvisionalArrest, 'provisional-arrest', days(60), [days(50), days(58)]],
  ] as const)('%s %s at %s priority, after %j: %s', (basis, type, priority, path, id, length, reminders) => {
    const start = T0 + hours(3);
    const snapshot = act(open(type, basis, priority), start, ...path);
    expect(deadline(snapshot, id)).toEqual({
      id,
      label: definitionOf(type).deadlines.find((d) => d.id === id)?.label,
      startedAt: at(start),
      dueAt: at(start + length),
      reminders: reminders.map((r) => at(start + r)),
      remindersSent: 0,
      status: 'running',
    });
  });

  it.each(processTypes.flatMap((type) => legalBasisIds.map((basis) => [type, basis])))(
    'opening a %s process under %s starts only the deadlines of its first stage',
    (type, basis) => {
      const definition = definitionOf(type);
      const first = definition.deadlines.filter((d) => d.while.includes(definition.initial)).map((d) => d.id);
      expect(open(type, basis).deadlines.map((d) => d.id)).toEqual(first);
    },
  );

  it('opening a process starts a deadline that runs in its first stage', () => {
    const mla = definitionOf('mla');
    const drafting = {
      id: 'drafting',
      label: 'Draft promptly',
      rule: 'translation',
      while: ['draft'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    } as const;
    const noRule = { ...drafting, id: 'unruled', rule: 'no-such-rule' };
    const snapshot = open('mla', 'EU-EIO', 'normal', { ...mla, deadlines: [drafting, noRule] });
    expect(snapshot.deadlines).toEqual([
      {
        id: 'drafting',
        label: 'Draft promptly',
        startedAt: at(T0),
        dueAt: at(T0 + days(14)),
        reminders: [at(T0 + days(11))],
        remindersSent: 0,
        status: 'running',
      },
    ]);
  });
});

describe('a deadline ends when the process leaves its stages', () => {
  const acknowledged = act(open('mla', 'UNTOC'), T0, ...toExecution);

  it('is met when left in time, and the next stage’s deadline starts', () => {
    const transmitted = act(open('mla', 'UNTOC'), T0, ...toRecognition);
    const later = act(transmitted, T0 + days(2), 'acknowledge');
    expect(deadline(later, 'recognition', 'met')).toEqual({ ...deadline(transmitted, 'recognition'), status: 'met' });
    expect(deadline(later, 'execution')?.startedAt).toBe(at(T0 + days(2)));
  });

  it('is missed when left after it expired', () => {
    const transmitted = act(open('mla', 'UNTOC'), T0, ...toRecognition);
    const overdue = occurUntil(transmitted, T0 + days(31));
    expect(statuses(overdue)).toEqual(['translation:met', 'recognition:expired']);
    expect(isOverdue(overdue)).toBe(true);
    expect(statuses(act(overdue, T0 + days(31), 'acknowledge'))).toEqual([
      'translation:met',
      'recognition:missed',
      'execution:running',
    ]);
  });

  const DOMESTIC_TRIAL = 'execution would interfere with a domestic trial now under way';

  it('keeps running, unchanged, while the process moves between its stages', () => {
    const moved = act(
      acknowledged,
      T0 + days(5),
      'start-execution',
      ['request-further-info', { questions: 'which accounts?' }],
      'provide-further-info',
      'start-execution',
      ['return-partial', { description: 'bank records' }],
      ['consult', { intended: 'postponement', reasons: DOMESTIC_TRIAL }],
      ['answer-consultation', { answer: 'the trial date is not yet set' }],
    );
    expect(moved.deadlines.filter((d) => d.id !== 'consultation')).toEqual(acknowledged.deadlines);
  });

  it('runs on through a postponement (18(25)): the clock does not restart', () => {
    const consulting = act(acknowledged, T0, ['consult', { intended: 'postponement', reasons: DOMESTIC_TRIAL }]);
    const consulted = act(consulting, T0 + days(2), ['answer-consultation', { answer: 'agreed' }]);
    const postponed = act(consulted, T0 + days(5), ['postpone', { reasons: DOMESTIC_TRIAL }]);
    const resumed = act(postponed, T0 + days(50), 'resume-execution');
    expect(statuses(resumed)).toEqual(['translation:met', 'recognition:met', 'execution:running', 'consultation:met']);
    expect(deadline(resumed, 'execution')).toEqual(deadline(acknowledged, 'execution'));
  });

  it('starts afresh when the process comes back to its stages', () => {
    const reviewing = act(open('mla', 'UNTOC'), T0, ...toTranslation);
    const returned = act(reviewing, T0 + days(3), ['return-to-draft', { reasons: 'incomplete' }]);
    const again = act(returned, T0 + days(10), 'submit-for-review');
    expect(deadline(again, 'translation', 'met')?.startedAt).toBe(at(T0));
    expect(deadline(again, 'translation', 'running')).toMatchObject({
      startedAt: at(T0 + days(10)),
      dueAt: at(T0 + days(24)),
    });
  });

  it('ends in a final stage too: met, or missed if it had expired', () => {
    const inExecution = act(acknowledged, T0, 'start-execution');
    expect(statuses(act(inExecution, T0 + days(10), 'complete-execution'))).toContain('execution:met');
    const overdue = occurUntil(inExecution, T0 + days(121));
    expect(statuses(act(overdue, T0 + days(121), 'complete-execution'))).toContain('execution:missed');
    const reviewing = act(open('mla', 'UNTOC'), T0, ...toTranslation);
    expect(statuses(act(reviewing, T0 + days(1), ['withdraw', { reasons: 'case closed' }]))).toEqual([
      'translation:met',
    ]);
  });
});

describe('changing the priority', () => {
  const inExecution = act(open('mla', 'UNTOC'), T0, ...toExecution, 'start-execution');

  it('reschedules running deadlines from their start, and leaves ended ones alone', () => {
    const urgent = act(inExecution, T0 + days(3), changePriority('urgent'));
    expect(urgent.priority).toBe('urgent');
    expect(deadline(urgent, 'execution')).toEqual({
      ...deadline(inExecution, 'execution'),
      dueAt: at(T0 + days(20)),
      reminders: [at(T0 + days(6)), at(T0 + days(17))],
    });
    expect(urgent.deadlines.filter((d) => d.status === 'met')).toEqual(
      inExecution.deadlines.filter((d) => d.status === 'met'),
    );
    const high = act(urgent, T0 + days(4), changePriority('high'));
    expect(deadline(high, 'execution')?.dueAt).toBe(at(T0 + days(60)));
  });

  it('keeps the same schedule for the same priority', () => {
    expect(act(inExecution, T0 + days(3), changePriority('normal')).deadlines).toEqual(inExecution.deadlines);
  });

  it('does not revive an expired deadline', () => {
    const overdue = occurUntil(inExecution, T0 + days(121));
    const relaxed = act(overdue, T0 + days(121), changePriority('high'));
    expect(deadline(relaxed, 'execution', 'expired')).toEqual(deadline(overdue, 'execution', 'expired'));
  });

  it('counts reminders already sent against the new schedule', () => {
    const transmitted = act(open('mla', 'EU-EIO'), T0, ...toRecognition);
    const reminded = occurUntil(transmitted, T0 + days(29) + hours(18));
    expect(deadline(reminded, 'recognition')?.remindersSent).toBe(2);
    const urgent = act(reminded, T0 + days(29) + hours(19), changePriority('urgent'));
    expect(deadline(urgent, 'recognition')).toMatchObject({
      dueAt: at(T0 + hours(24)),
      reminders: [at(T0 + hours(18))],
      remindersSent: 1,
    });
    expect(nextOccurrence(urgent.deadlines)).toMatchObject({ kind: 'expiry', at: at(T0 + hours(24)) });
  });

  it('sets the priority the next stage’s deadlines are computed with', () => {
    const reviewing = act(open('mla', 'UNTOC'), T0, ...toTranslation, translate);
    const transmitted = act(reviewing, T0 + days(1), changePriority('urgent'), 'transmit');
    expect(deadline(transmitted, 'recognition')?.dueAt).toBe(at(T0 + days(1) + days(5)));
  });
});

describe('reminders and expiry', () => {
  it('fire in order: ECE provisional arrest reminds on days 18 and 37 and expires on day 40', () => {
    let snapshot = act(open('extradition', 'ECE'), T0, ...toProvisionalArrest);
    const fired: Pick<DeadlineOccurrence, 'kind' | 'at'>[] = [];
    for (let due = nextOccurrence(snapshot.deadlines); due; due = nextOccurrence(snapshot.deadlines)) {
      fired.push({ kind: due.kind, at: due.at });
      snapshot = { ...snapshot, deadlines: afterOccurrence(snapshot.deadlines, due) };
    }
    expect(fired).toEqual([
      { kind: 'reminder', at: at(T0 + days(18)) },
      { kind: 'reminder', at: at(T0 + days(37)) },
      { kind: 'expiry', at: at(T0 + days(40)) },
    ]);
    expect(deadline(snapshot, 'provisional-arrest', 'expired')?.remindersSent).toBe(2);

    const definition = definitionOf('extradition');
    const release = decide(definition, snapshot, { action: 'release-on-expiry' }, SYSTEM_ACTOR);
    const released = applyTransition(definition, snapshot, release, T0 + days(40));
    // The requested state, which holds the person, must now release them: a deadline of its own runs.
    expect(released.stage).toBe('release-due');
    expect(statuses(released)).toEqual(['provisional-arrest:missed', 'release:running']);
  });

  it('is met by a formal request before day 40', () => {
    const arrested = act(open('extradition', 'ECE'), T0, ...toProvisionalArrest);
    const reminded = occurUntil(arrested, T0 + days(20));
    const received = act(reminded, T0 + days(20), 'receive-formal-request');
    expect(deadline(received, 'provisional-arrest', 'met')).toMatchObject({ remindersSent: 1 });
    expect(nextOccurrence(received.deadlines)).toBeUndefined();
  });

  const running = (id: string, dueAt: number, reminders: number[], remindersSent = 0): DeadlineState => ({
    id,
    label: id,
    startedAt: at(T0),
    dueAt: at(dueAt),
    reminders: reminders.map(at),
    remindersSent,
    status: 'running',
  });

  it('takes the earliest occurrence across running deadlines', () => {
    const a = running('a', T0 + days(10), [T0 + days(8)]);
    const b = running('b', T0 + days(5), [], 0);
    const c = { ...running('c', T0 + days(1), []), status: 'met' as const };
    expect(nextOccurrence([a, b, c])).toEqual({ kind: 'expiry', deadline: b, at: at(T0 + days(5)) });
    expect(nextOccurrence([a, c])).toEqual({ kind: 'reminder', deadline: a, at: at(T0 + days(8)) });
    expect(nextOccurrence([c])).toBeUndefined();
    expect(nextOccurrence([])).toBeUndefined();
  });

  it('skips a reminder that would not come before the expiry', () => {
    const late = running('late', T0 + days(5), [T0 + days(5)]);
    expect(nextOccurrence([late])).toMatchObject({ kind: 'expiry', at: at(T0 + days(5)) });
  });

  it('records an occurrence on its own running deadline only', () => {
    const a = running('a', T0 + days(10), [T0 + days(8)]);
    const b = running('b', T0 + days(5), [T0 + days(1)]);
    const ended = { ...running('a', T0 + days(3), [T0 + days(1)]), status: 'met' as const };
    const reminder: DeadlineOccurrence = { kind: 'reminder', deadline: a, at: a.reminders[0] };
    expect(afterOccurrence([ended, a, b], reminder)).toEqual([ended, { ...a, remindersSent: 1 }, b]);
    const expiry: DeadlineOccurrence = { kind: 'expiry', deadline: b, at: b.dueAt };
    expect(afterOccurrence([a, b], expiry)).toEqual([a, { ...b, status: 'expired' }]);
  });
});
