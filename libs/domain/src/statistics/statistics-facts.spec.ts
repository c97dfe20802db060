import type { ProcessDefinition } from '../model/process-definition';
import { extraditionDefinition } from '../processes/extradition.definition';
import { mlaDefinition } from '../processes/mla.definition';
import { foldStatistics, statisticsFactsOf, type StatisticsEvent } from './statistics-facts';

const parties = {
  requesting: { agencyId: 'gr-moj', state: 'GR' },
  requested: { agencyId: 'tr-moj', state: 'TR' },
};

/** Events of one process: [day, action, stage, payload?, deadline statuses?]. */
function events(
  definition: ProcessDefinition,
  steps: [number, string, string, Record<string, unknown>?, string[]?][],
): StatisticsEvent[] {
  return steps.map(([day, action, stage, payload = {}, statuses = []], sequence) => ({
    processId: 'p-1',
    processType: definition.type,
    caseId: 'case-aegean',
    sequence,
    action,
    stage,
    terminal: definition.states[stage]?.terminal === true,
    legalBasis: 'UNTOC',
    offence: 'migrant-smuggling',
    parties,
    deadlines: statuses.map((status) => ({ status })),
    payload,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString(),
  }));
}

describe('foldStatistics', () => {
  const mla = events(mlaDefinition, [
    [0, 'start', 'draft'],
    [1, 'submit-for-review', 'ca-review'],
    [2, 'transmit', 'transmitted'],
    [3, 'acknowledge', 'acknowledged'],
    [4, 'request-further-info', 'further-info-requested', { questions: 'which accounts?' }],
    [5, 'provide-further-info', 'acknowledged'],
    [6, 'consult', 'consultation', { intended: 'refusal', reasons: 'r' }],
    [7, 'refuse', 'refused', { ground: 'essential-interests', reasons: 'r' }, ['met', 'missed']],
  ]);

  it('records the first entry of each milestone, the outcome, its ground and the deadlines kept', () => {
    expect(statisticsFactsOf(mlaDefinition, mla)).toEqual({
      processId: 'p-1',
      type: 'mla',
      caseId: 'case-aegean',
      legalBasis: 'UNTOC',
      offence: 'migrant-smuggling',
      requestingState: 'GR',
      requestedState: 'TR',
      openedAt: '2026-01-01T00:00:00.000Z',
      // Transmitted on day 2: the requested side's timeliness counts from there, not from the draft.
      receivedAt: '2026-01-03T00:00:00.000Z',
      acknowledgedAt: '2026-01-04T00:00:00.000Z',
      decidedAt: '2026-01-08T00:00:00.000Z',
      finishedAt: '2026-01-08T00:00:00.000Z',
      outcome: 'refused',
      refusalGround: 'essential-interests',
      withinDeadline: false,
      counts: {},
      assets: [],
      lastSequence: 7,
      lastGround: 'essential-interests',
    });
  });

  it('takes the case a process was put in after its start (link-case)', () => {
    const loose = mla.slice(0, 3).map((e, i) => (i < 2 ? { ...e, caseId: undefined } : e));
    expect(statisticsFactsOf(mlaDefinition, loose.slice(0, 2))?.caseId).toBeNull();
    expect(statisticsFactsOf(mlaDefinition, loose)?.caseId).toBe('case-aegean');
  });

  it('ignores an event it has folded already, and folds events given out of order in sequence order', () => {
    const facts = statisticsFactsOf(mlaDefinition, [...mla].reverse());
    expect(facts).toEqual(statisticsFactsOf(mlaDefinition, mla));
    expect(foldStatistics(mlaDefinition, facts, mla[3] as StatisticsEvent)).toBe(facts);
  });

  it('reads an implied ground and a named count from the declaration (a national prosecuted instead)', () => {
    const facts = statisticsFactsOf(
      extraditionDefinition,
      events(extraditionDefinition, [
        [0, 'start', 'alert'],
        [1, 'arrest-provisionally', 'provisionally-arrested'],
        [41, 'release-on-expiry', 'release-due'],
        [41, 'confirm-release', 'released', { releasedAt: '2026-02-11' }],
        [45, 'receive-formal-request', 'formal-request-received'],
        [50, 'open-hearing', 'judicial-hearing'],
        [60, 'refuse-national', 'prosecution-instead', { reasons: 'national' }],
        [61, 'submit-for-prosecution', 'submitted-for-prosecution', { reference: 'X-1' }],
        [200, 'report-prosecution-result', 'prosecution-result-reported', { result: 'convicted', summary: 'x' }],
        [201, 'acknowledge-prosecution-result', 'prosecution-concluded'],
      ]),
    );
    expect(facts).toMatchObject({
      outcome: 'refused',
      refusalGround: 'nationality',
      counts: {
        'provisional-arrests-released': '2026-02-11T00:00:00.000Z',
        'nationals-prosecuted-instead': '2026-03-02T00:00:00.000Z',
      },
      withinDeadline: true,
    });
  });

  it('records asset amounts of declared actions, and nothing for a malformed one', () => {
    const withAmounts: ProcessDefinition = {
      ...mlaDefinition,
      statistics: { ...mlaDefinition.statistics, amounts: { 'return-partial': 'frozen' } },
    };
    const facts = statisticsFactsOf(
      withAmounts,
      events(withAmounts, [
        [0, 'start', 'draft'],
        [1, 'return-partial', 'draft', { amount: '10.50', currency: 'EUR' }],
        [2, 'return-partial', 'draft', { amount: 10.5, currency: 'EUR' }],
        [3, 'return-partial', 'draft', { amount: '1e3', currency: 'EUR' }],
        [4, 'return-partial', 'draft', { amount: '3', currency: 'euro' }],
      ]),
    );
    expect(facts?.assets).toEqual([
      { at: '2026-01-02T00:00:00.000Z', figure: 'frozen', currency: 'EUR', amount: '10.50' },
    ]);
  });

  it("counts a terminal stage the declaration does not map as 'closed', with an unspecified ground only for refusals", () => {
    const bare: ProcessDefinition = { ...mlaDefinition, statistics: { ...mlaDefinition.statistics, outcomes: {} } };
    const facts = statisticsFactsOf(
      bare,
      events(bare, [
        [0, 'start', 'draft'],
        [1, 'withdraw', 'withdrawn'],
      ]),
    );
    expect(facts).toMatchObject({ outcome: 'closed', refusalGround: null });
    const refused = statisticsFactsOf(
      mlaDefinition,
      events(mlaDefinition, [
        [0, 'start', 'consultation'],
        [1, 'refuse', 'refused', { reasons: 'r' }],
      ]),
    );
    expect(refused?.refusalGround).toBe('unspecified');
  });
});
