/**
 * The guards of the further process types, step by step (process-types.spec.ts covers every
 * stage × action, permission and legal-basis ground of every type generically).
 */
import {
  applyTransition,
  checkOpen,
  conditionFact,
  decide,
  definitionOf,
  DomainError,
  DomainErrorCode,
  hours,
  days,
  openProcess,
  TransferConditions,
  conditionsOf,
  exceptionFact,
  type Actor,
  type Priority,
  type ProcessSnapshot,
} from '../index';

const NOW = Date.parse('2026-05-04T08:00:00.000Z');
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const agencyOf = (slot: string): Actor => ({ userId: `${slot}-clerk`, role: 'agency', agencyId: `${slot}-agency` });

function open(
  type: string,
  legalBasis = 'UNTOC',
  priority: Priority = 'normal',
  data: Record<string, unknown> = {},
): ProcessSnapshot {
  const definition = definitionOf(type);
  const parties = Object.fromEntries(
    definition.parties.map((slot, i) => [slot, { agencyId: `${slot}-agency`, state: i ? 'TR' : 'GR' }]),
  );
  return openProcess(
    definition,
    { processId: `${type}-1`, type, legalBasis, priority, handlingCode: 'H1', parties, data },
    NOW,
  );
}

/** Takes the action, or throws its DomainError. */
function take(snapshot: ProcessSnapshot, actor: Actor, action: string, payload?: unknown): ProcessSnapshot {
  const definition = definitionOf(snapshot.type);
  return applyTransition(definition, snapshot, decide(definition, snapshot, { action, payload }, actor), NOW);
}

/** The DomainError a refused action throws (its code and details). */
function refusal(snapshot: ProcessSnapshot, actor: Actor, action: string, payload?: unknown) {
  try {
    take(snapshot, actor, action, payload);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error(`'${action}' was accepted`);
}

describe('transfer-of-sentenced-person: agreement needs every condition recorded as met', () => {
  const sentencing = agencyOf('sentencing');
  const administering = agencyOf('administering');
  const conditions = Object.keys(TransferConditions);
  /** Each condition recorded by the state that answers for it; months left as a number. */
  const record = (s: ProcessSnapshot, condition: string, met: boolean) =>
    take(
      s,
      conditionsOf('administering').includes(condition as never) ? administering : sentencing,
      'record-condition',
      condition === 'six-months-left'
        ? { condition, remainingMonths: met ? 6 : 5, evidence: 'court record' }
        : { condition, met, evidence: 'court record' },
    );
  const checking = () =>
    take(take(open('transfer-of-sentenced-person'), sentencing, 'transmit'), administering, 'acknowledge');

  it('lists every condition not yet recorded', () => {
    const { code, details } = refusal(checking(), administering, 'agree-administering');
    expect(code).toBe(DomainErrorCode.PreconditionUnmet);
    expect(details).toHaveLength(1);
    for (const condition of conditions) expect(details[0]).toContain(condition);
  });

  it('lists a condition recorded as not met, and only that one', () => {
    let s = checking();
    for (const condition of conditions) s = record(s, condition, condition !== 'six-months-left');
    expect(s.facts[conditionFact('six-months-left')]).toBe(false);
    const { details } = refusal(s, administering, 'agree-administering');
    expect(details).toEqual([
      `conditions not recorded as met: six-months-left (${TransferConditions['six-months-left'].meaning}, recorded by the sentencing state)`,
    ]);
  });

  it('lets both states agree once all are met, and a withdrawn consent stops the second agreement', () => {
    let s = checking();
    for (const condition of conditions) s = record(s, condition, true);
    s = take(s, administering, 'agree-administering');
    expect(s.stage).toBe('administering-state-agreed');

    const consentWithdrawn = take(s, sentencing, 'record-condition', {
      condition: 'consent',
      met: false,
      evidence: 'the prisoner withdrew consent',
    });
    expect(refusal(consentWithdrawn, sentencing, 'agree-sentencing').details[0]).toContain('consent');

    s = take(s, sentencing, 'agree-sentencing');
    expect(s.stage).toBe('agreed');
    s = take(s, coordinator, 'schedule-handover', { date: '2026-07-01', place: 'Athens airport' });
    expect(take(s, administering, 'confirm-handover').stage).toBe('transferred');
  });

  it("lets each state record only the conditions it answers for, never the other state's finding", () => {
    const s = checking();
    const sentencingFinding = { condition: 'final-judgment', met: true, evidence: 'court record' };
    expect(refusal(s, administering, 'record-condition', sentencingFinding).details).toEqual([
      "payload.condition 'final-judgment' is for the sentencing state to record (it may record: final-judgment, six-months-left, consent)",
    ]);
    const administeringFinding = { condition: 'dual-criminality', met: false, evidence: 'our penal code' };
    expect(refusal(s, sentencing, 'record-condition', administeringFinding).code).toBe(
      DomainErrorCode.PreconditionUnmet,
    );
    expect(refusal(s, coordinator, 'record-condition', sentencingFinding).code).toBe(DomainErrorCode.ActorNotPermitted);
    expect(take(s, sentencing, 'record-condition', sentencingFinding).facts[conditionFact('final-judgment')]).toBe(
      true,
    );
  });

  it('takes the months left as a number and finds the condition from it (at least six)', () => {
    const months = (n: number) =>
      take(checking(), sentencing, 'record-condition', {
        condition: 'six-months-left',
        remainingMonths: n,
        evidence: 'x',
      }).facts;
    expect(months(6)).toMatchObject({ [conditionFact('six-months-left')]: true, remainingMonths: 6 });
    expect(months(5.5)).toMatchObject({ [conditionFact('six-months-left')]: false, remainingMonths: 5.5 });
    const asText = { condition: 'six-months-left', remainingMonths: 'seven', evidence: 'x' };
    expect(refusal(checking(), sentencing, 'record-condition', asText).details).toEqual([
      'payload.remainingMonths: Invalid input: expected number, received string',
    ]);
  });

  it('agrees to a transfer with less than six months left once both states consent to the exception (art. 3(2))', () => {
    let s = checking();
    for (const condition of conditions) s = record(s, condition, condition !== 'six-months-left');
    const exception = (party: string) => ({ party, reasons: 'the prisoner is gravely ill and family is at home' });
    expect(refusal(s, sentencing, 'agree-short-sentence-exception', exception('administering')).code).toBe(
      DomainErrorCode.PreconditionUnmet,
    );
    s = take(s, administering, 'agree-short-sentence-exception', exception('administering'));
    expect(refusal(s, administering, 'agree-administering').details[0]).toContain('six-months-left');
    s = take(s, sentencing, 'agree-short-sentence-exception', exception('sentencing'));
    expect(s.facts).toMatchObject({ [exceptionFact('sentencing')]: true, [exceptionFact('administering')]: true });
    expect(take(s, administering, 'agree-administering').stage).toBe('administering-state-agreed');
  });

  it('rejects a condition the convention does not know', () => {
    expect(
      refusal(checking(), administering, 'record-condition', { condition: 'good-behaviour', met: true, evidence: 'x' })
        .code,
    ).toBe(DomainErrorCode.PayloadInvalid);
  });
});

describe('special-investigative-technique: a controlled delivery starts only when every route state authorised it', () => {
  const requesting = agencyOf('requesting');
  const requested = agencyOf('requested');
  const authorise = (s: ProcessSnapshot, state: string) =>
    take(s, coordinator, 'record-authorisation', { state, authority: 'prosecutor', reference: `CD-${state}` });

  it('needs a route before authorisations are requested', () => {
    expect(refusal(open('special-investigative-technique'), requesting, 'request-authorisation').details).toEqual([
      'the route must be declared first',
    ]);
  });

  it('names the route states still to authorise, and refuses an authorisation off the route', () => {
    let s = take(open('special-investigative-technique'), requesting, 'declare-route', { states: ['TR', 'BG', 'RO'] });
    s = take(take(s, requesting, 'request-authorisation'), requested, 'acknowledge');
    expect(refusal(s, requesting, 'start-delivery').details).toEqual(['not yet authorised by: TR, BG, RO']);

    s = authorise(s, 'BG');
    expect(refusal(s, requesting, 'start-delivery').details).toEqual(['not yet authorised by: TR, RO']);
    expect(refusal(s, coordinator, 'record-authorisation', { state: 'HU', authority: 'x', reference: 'y' })).toEqual({
      code: DomainErrorCode.PreconditionUnmet,
      details: ['HU is not on the route (TR, BG, RO)'],
    });

    s = authorise(authorise(s, 'TR'), 'RO');
    // A route changed after authorisations needs the new state's too.
    const rerouted = take(s, requesting, 'declare-route', { states: ['TR', 'BG', 'RO', 'HU'] });
    expect(refusal(rerouted, requesting, 'start-delivery').details).toEqual(['not yet authorised by: HU']);

    s = take(s, requesting, 'start-delivery');
    expect(s.stage).toBe('active');
    s = take(s, requested, 'conclude', { outcome: 'seized-and-arrested', summary: 'seized at Giurgiu' });
    expect(s).toMatchObject({ stage: 'concluded', facts: { outcome: 'seized-and-arrested' } });
  });

  it('gives the route states a day to authorise an urgent delivery, a week otherwise', () => {
    const requestedAuthorisation = (priority: Priority) => {
      const s = take(open('special-investigative-technique', 'UNTOC', priority), requesting, 'declare-route', {
        states: ['TR'],
      });
      const deadline = take(s, requesting, 'request-authorisation').deadlines[0];
      return Date.parse(deadline.dueAt) - Date.parse(deadline.startedAt);
    };
    expect(requestedAuthorisation('urgent')).toBe(hours(24));
    expect(requestedAuthorisation('normal')).toBe(days(7));
  });
});

describe('law-enforcement-exchange', () => {
  const requesting = agencyOf('requesting');
  const answerDue = (legalBasis: string, priority: Priority, accessibility?: string) => {
    const data = accessibility ? { accessibility } : {};
    const [deadline] = open('law-enforcement-exchange', legalBasis, priority, data).deadlines;
    return Date.parse(deadline.dueAt) - Date.parse(deadline.startedAt);
  };

  it.each([
    ['UNTOC', 'urgent', undefined, hours(8)],
    ['UNTOC', 'normal', undefined, days(7)],
    // Dir. 2023/977 art. 5(1): by urgency and by what the request declares about accessibility.
    ['EU-2023-977', 'urgent', 'directly-accessible', hours(8)],
    ['EU-2023-977', 'urgent', 'indirectly-accessible', days(3)],
    ['EU-2023-977', 'high', 'directly-accessible', days(7)],
    ['EU-2023-977', 'high', 'indirectly-accessible', days(7)],
    ['EU-2023-977', 'normal', 'directly-accessible', days(7)],
    ['EU-2023-977', 'normal', 'indirectly-accessible', days(7)],
  ] as const)(
    'under %s, a %s request for %s information is due in the time the basis sets',
    (basis, priority, accessibility, due) => {
      expect(answerDue(basis, priority, accessibility)).toBe(due);
    },
  );

  it('records the declared accessibility, and keeps the 3 days when an urgent request turns out indirect', () => {
    const s = open('law-enforcement-exchange', 'EU-2023-977', 'normal', { accessibility: 'indirectly-accessible' });
    expect(s.facts).toEqual({ accessibility: 'indirectly-accessible' });
    const urgent = take(s, coordinator, 'change-priority', { priority: 'urgent', reason: 'a boat is at sea' });
    const [deadline] = urgent.deadlines;
    expect(Date.parse(deadline!.dueAt) - Date.parse(deadline!.startedAt)).toBe(days(3));
  });

  it('must declare the accessibility under Dir. 2023/977, naming the values allowed', () => {
    const definition = definitionOf('law-enforcement-exchange');
    const parties = { requesting: { agencyId: 'a', state: 'FR' }, requested: { agencyId: 'b', state: 'ES' } };
    const refusedWith = (legalBasis: string, data: Record<string, unknown>) => {
      try {
        checkOpen(definition, { legalBasis, parties, data });
        return [];
      } catch (err) {
        return (err as DomainError).details;
      }
    };
    const expected = 'data.accessibility: expected one of "directly-accessible", "indirectly-accessible"';
    expect(refusedWith('EU-2023-977', {})).toEqual([expect.stringContaining(expected)]);
    expect(refusedWith('EU-2023-977', { accessibility: 'somewhere' })).toEqual([expected]);
    expect(refusedWith('EU-2023-977', { accessibility: 'directly-accessible' })).toEqual([]);
    expect(refusedWith('UNTOC', {})).toEqual([]);
  });

  it('is promoted to a formal MLA, recording its reference (or only that it was promoted)', () => {
    const s = open('law-enforcement-exchange');
    expect(take(s, requesting, 'promote-to-mla', { reference: 'MLA-GR-2026-7' })).toMatchObject({
      stage: 'promoted-to-mla',
      facts: { promotedToMla: 'MLA-GR-2026-7' },
    });
    expect(take(s, coordinator, 'promote-to-mla', {}).facts).toEqual({ promotedToMla: true });
    expect(refusal(s, requesting, 'promote-to-mla', { reference: ' ' }).code).toBe(DomainErrorCode.PayloadInvalid);
  });
});

describe('domestic-taskforce: members', () => {
  const coordination = agencyOf('coordination');

  it('starts work only with a member, and asks only members for information', () => {
    const s = open('domestic-taskforce');
    expect(refusal(s, coordination, 'activate').details).toEqual(['at least one member agency must be added first']);
    const active = take(
      take(s, coordination, 'add-member', { agencyId: 'gr-coast-guard', role: 'border-guard' }),
      coordination,
      'activate',
    );
    expect(
      refusal(active, coordination, 'request-information', { member: 'gr-customs', questions: 'vessels?' }).details,
    ).toEqual(["'gr-customs' is not a member of the task force"]);
    const asked = take(active, coordination, 'request-information', {
      member: 'gr-coast-guard',
      questions: 'vessels?',
    });
    expect(asked.stage).toBe('information-requested');
    const answered = take(asked, coordinator, 'record-information', {
      member: 'gr-coast-guard',
      reference: 'HCG-2026-14',
      summary: 'three vessels',
    });
    expect(answered).toMatchObject({ stage: 'active', facts: { 'result:HCG-2026-14': 'information' } });
  });
});
