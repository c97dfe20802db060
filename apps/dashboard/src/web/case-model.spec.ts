import type { ProcessType } from './api-types';
import { caseRules } from './case-model';
import { t } from './i18n';

const type = (over: Partial<ProcessType>): ProcessType =>
  ({
    stages: [],
    actions: [],
    caseRules: { spawns: [], holds: [], obligations: [] },
    ...over,
  }) as unknown as ProcessType;

const extradition = type({
  type: 'extradition',
  title: 'Extradition',
  stages: [
    { stage: 'prosecution-instead', label: 'Prosecution instead', terminal: false, awaiting: 'prosecutor' },
    { stage: 'submitted-for-prosecution', label: 'Submitted for prosecution', terminal: false, awaiting: null },
  ],
  actions: [{ action: 'arrest-provisionally', label: 'Arrest provisionally', from: [], to: null, by: [], payload: {} }],
  caseRules: {
    spawns: [],
    holds: [],
    obligations: [
      {
        id: 'prosecute-instead',
        label: 'Submit the case for prosecution',
        article: 'UNTOC art. 16(10)',
        owedBy: 'prosecutor',
        openWhile: ['prosecution-instead'],
        dischargedAt: ['submitted-for-prosecution'],
      },
    ],
  },
});
const confiscation = type({
  type: 'asset-confiscation',
  title: 'Asset confiscation',
  stages: [{ stage: 'frozen', label: 'Frozen', terminal: false, awaiting: null }],
  actions: [{ action: 'request-freezing', label: 'Request freezing', from: [], to: null, by: [], payload: {} }],
  caseRules: {
    spawns: [],
    holds: [
      {
        action: 'request-freezing',
        field: 'synchronisedWith',
        holds: 'arrest-provisionally',
        releasedAt: ['frozen'],
        reason: 'the assets are frozen first',
      },
    ],
    obligations: [],
  },
});
const jit = type({
  type: 'joint-investigation',
  title: 'Joint investigation team',
  actions: [
    { action: 'refer-for-confiscation', label: 'Refer for confiscation', from: [], to: null, by: [], payload: {} },
  ],
  caseRules: { spawns: [{ action: 'refer-for-confiscation', type: 'asset-confiscation' }], holds: [], obligations: [] },
});
const all = [extradition, confiscation, jit, type({ type: 'mla', title: 'Mutual legal assistance' })];

/** The rules as the case page says them, in English. */
const caseRulesInForce = (present: readonly string[], types: readonly ProcessType[]) =>
  caseRules(present, types).map((rule) => t(rule.key, { ...rule.params, ...rule.english }));

describe('caseRules', () => {
  it("says each rule of the case's process types once, in the types' own words", () => {
    expect(caseRulesInForce(['extradition', 'asset-confiscation', 'joint-investigation', 'extradition'], all)).toEqual([
      'Extradition: Submit the case for prosecution (UNTOC art. 16(10)), owed by the party “Prosecuting authority”, open while “Prosecution instead”, discharged at “Submitted for prosecution”.',
      'Asset confiscation: “Request freezing” holds back “Arrest provisionally” in the process it names (synchronisedWith) until this one is “Frozen”: the assets are frozen first',
      'Joint investigation team: “Refer for confiscation” starts a new Asset confiscation process in this case.',
    ]);
  });

  it('has nothing to say for types without case rules, or unknown to the page', () => {
    expect(caseRulesInForce(['mla', 'no-such-type'], all)).toEqual([]);
  });
});
