import { z } from 'zod';
import { definitionOf, type ProcessDefinition } from '@comity/domain';
import { buildProcessEvent, type ProcessEvent } from '@comity/events';

/**
 * A fixed set of process events for the statistics tests: mutual legal assistance and extradition
 * in both directions, refusals on coded grounds, a release for want of a formal request, a national
 * prosecuted instead of surrendered, and asset amounts (through a test-only process type whose
 * definition declares `amounts`). Every figure the tests expect is worked out by hand from the
 * timelines below (see test/e2e/statistics-read-model.e2e.ts). Own state: GR.
 */
export const OWN_STATE = 'GR';
export const PERIOD = { from: '2026-01-01', to: '2026-06-30' } as const;
/** Long after the period: the figures are taken as of the period's end, 2026-07-01T00:00Z. */
export const NOW = Date.parse('2026-11-28T12:00:00.000Z');

const amount = z.object({ amount: z.string(), currency: z.string() });

/** A stand-in for an asset-confiscation process: only what the statistics read. */
export const testConfiscationDefinition: ProcessDefinition = {
  type: 'test-confiscation',
  title: 'Test confiscation',
  legalReference: 'UNTOC arts 13-14 (test)',
  parties: ['requesting', 'requested'],
  initial: 'requested',
  states: {
    requested: { label: 'Requested', awaiting: 'requested' },
    frozen: { label: 'Frozen', awaiting: 'requested' },
    disposed: { label: 'Disposed of', terminal: true },
  },
  actions: {
    freeze: { label: 'Freeze', from: ['requested'], to: 'frozen', by: [{ party: 'requested' }], payload: amount },
    confiscate: { label: 'Confiscate', from: ['frozen'], by: [{ party: 'requested' }], payload: amount },
    'return-to-victims': { label: 'Return', from: ['frozen'], by: [{ party: 'requested' }], payload: amount },
    share: { label: 'Share', from: ['frozen'], by: [{ party: 'requested' }], payload: amount },
    dispose: { label: 'Disposed of', from: ['frozen'], to: 'disposed', by: [{ party: 'requested' }] },
  },
  deadlines: [],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    acknowledgedAt: ['frozen'],
    decidedAt: ['frozen'],
    outcomes: { disposed: 'executed' },
    amounts: {
      freeze: 'frozen',
      confiscate: 'confiscated',
      'return-to-victims': 'returned-to-victims',
      share: 'shared',
    },
  },
};

/** The definitions the fixture's processes follow: the registry's, plus the test-only type. */
export const fixtureDefinitionOf = (type: string): ProcessDefinition =>
  type === testConfiscationDefinition.type ? testConfiscationDefinition : definitionOf(type);

/** [days after opening, action, stage entered (or kept), payload, statuses of the deadlines after it] */
type Step = readonly [number, string, string, Record<string, unknown>?, (readonly string[])?];

interface ProcessSpec {
  readonly id: string;
  readonly type: string;
  readonly requesting: string;
  readonly requested: string;
  readonly legalBasis: string;
  readonly offence?: ProcessEvent['data']['offence'];
  readonly caseId?: string;
  readonly openedAt: string;
  readonly steps: readonly Step[];
}

const DAY_MS = 86_400_000;
const hash = (n: number) => n.toString(16).padStart(64, '0');

function eventsOf(spec: ProcessSpec): ProcessEvent[] {
  const definition = fixtureDefinitionOf(spec.type);
  const opened = Date.parse(spec.openedAt);
  const steps: Step[] = [[0, 'start', definition.initial], ...spec.steps];
  return steps.map(([day, action, stage, payload = {}, statuses = []], sequence) =>
    buildProcessEvent(
      {
        processId: spec.id,
        processType: spec.type,
        ...(spec.caseId ? { caseId: spec.caseId } : {}),
        ...(spec.offence ? { offence: spec.offence } : {}),
        sequence,
        action,
        ...(sequence > 0 ? { fromStage: steps[sequence - 1]?.[2] } : {}),
        stage,
        terminal: definition.states[stage]?.terminal === true,
        actor: { userId: 'fixture', role: 'coordinator' },
        legalBasis: spec.legalBasis,
        priority: 'normal',
        handlingCode: 'H1',
        parties: {
          requesting: { agencyId: `${spec.requesting.toLowerCase()}-authority`, state: spec.requesting },
          requested: { agencyId: `${spec.requested.toLowerCase()}-authority`, state: spec.requested },
        },
        deadlines: statuses.map((status, i) => ({
          id: `deadline-${i}`,
          label: 'a deadline',
          startedAt: spec.openedAt,
          dueAt: new Date(opened + 30 * DAY_MS).toISOString(),
          status: status as 'running' | 'expired' | 'met' | 'missed',
        })),
        overdue: statuses.includes('expired'),
        audit: { previousHash: hash(sequence), hash: hash(sequence + 1) },
        payload,
        occurredAt: new Date(opened + day * DAY_MS).toISOString(),
      },
      'comity/statistics-fixture',
    ),
  );
}

const specs: readonly ProcessSpec[] = [
  {
    id: 'p01-mla-sent-executed',
    caseId: 'case-aegean-route',
    type: 'mla',
    requesting: 'GR',
    requested: 'TR',
    legalBasis: 'UNTOC',
    offence: 'migrant-smuggling',
    openedAt: '2026-01-10T00:00:00.000Z',
    steps: [
      [1, 'submit-for-review', 'ca-review'],
      [1, 'record-translation', 'ca-review', { language: 'en' }],
      [2, 'transmit', 'transmitted'],
      [5, 'acknowledge', 'acknowledged'],
      [8, 'start-execution', 'in-execution'],
      [30, 'complete-execution', 'executed', {}, ['met', 'met', 'met']],
    ],
  },
  {
    id: 'p02-mla-received-refused',
    caseId: 'case-central-med',
    type: 'mla',
    requesting: 'TR',
    requested: 'GR',
    legalBasis: 'UNTOC',
    offence: 'migrant-smuggling',
    openedAt: '2026-01-15T00:00:00.000Z',
    steps: [
      [0, 'submit-for-review', 'ca-review'],
      [0, 'transmit', 'transmitted'],
      [2, 'acknowledge', 'acknowledged'],
      [10, 'consult', 'consultation', { intended: 'refusal', reasons: 'security' }],
      [12, 'refuse', 'refused', { ground: 'essential-interests', reasons: 'security' }, ['met', 'met']],
    ],
  },
  {
    id: 'p03-mla-received-executed-late',
    type: 'mla',
    requesting: 'IT',
    requested: 'GR',
    legalBasis: 'EU-EIO',
    offence: 'money-laundering',
    openedAt: '2026-02-01T00:00:00.000Z',
    steps: [
      [1, 'transmit', 'transmitted'],
      [4, 'acknowledge', 'acknowledged'],
      [6, 'start-execution', 'in-execution', {}, ['met', 'running']],
      [40, 'deadline-expired', 'in-execution', { deadlineId: 'deadline-1' }, ['met', 'expired']],
      [50, 'complete-execution', 'executed', {}, ['met', 'missed']],
    ],
  },
  {
    id: 'p04-mla-sent-withdrawn',
    type: 'mla',
    requesting: 'GR',
    requested: 'AL',
    legalBasis: 'UNTOC',
    offence: 'document-fraud',
    openedAt: '2026-02-10T00:00:00.000Z',
    steps: [
      [1, 'submit-for-review', 'ca-review'],
      [3, 'withdraw', 'withdrawn', { reasons: 'no longer needed' }],
    ],
  },
  {
    id: 'p05-mla-sent-pending',
    caseId: 'case-central-med',
    type: 'mla',
    requesting: 'GR',
    requested: 'TR',
    legalBasis: 'UNTOC',
    offence: 'migrant-smuggling',
    openedAt: '2026-03-01T00:00:00.000Z',
    steps: [
      [1, 'submit-for-review', 'ca-review'],
      [2, 'transmit', 'transmitted'],
      [9, 'acknowledge', 'acknowledged'],
    ],
  },
  {
    id: 'p06-mla-received-refused',
    type: 'mla',
    requesting: 'AL',
    requested: 'GR',
    legalBasis: 'UNTOC',
    openedAt: '2026-04-20T00:00:00.000Z',
    steps: [
      [0, 'submit-for-review', 'ca-review'],
      [0, 'transmit', 'transmitted'],
      [1, 'acknowledge', 'acknowledged'],
      [3, 'consult', 'consultation', { intended: 'refusal', reasons: 'ordre public' }],
      [4, 'refuse', 'refused', { ground: 'essential-interests', reasons: 'ordre public' }],
    ],
  },
  {
    id: 'p07-extradition-sent-surrendered',
    caseId: 'case-aegean-route',
    type: 'extradition',
    requesting: 'GR',
    requested: 'AL',
    legalBasis: 'ECE',
    offence: 'migrant-smuggling',
    openedAt: '2026-01-20T00:00:00.000Z',
    steps: [
      [1, 'arrest-provisionally', 'provisionally-arrested', {}, ['running']],
      [20, 'receive-formal-request', 'formal-request-received', {}, ['met']],
      [25, 'open-hearing', 'judicial-hearing', {}, ['met']],
      [40, 'decide-eligible', 'eligible', {}, ['met']],
      [41, 'refer-to-executive', 'executive-decision', {}, ['met']],
      [45, 'order-surrender', 'surrender-scheduled', { date: '2026-03-21' }, ['met']],
      [60, 'confirm-surrender', 'surrendered', {}, ['met']],
    ],
  },
  {
    id: 'p08-extradition-received-released',
    type: 'extradition',
    requesting: 'TR',
    requested: 'GR',
    legalBasis: 'ECE',
    offence: 'trafficking-in-persons',
    openedAt: '2026-02-05T00:00:00.000Z',
    steps: [
      [2, 'arrest-provisionally', 'provisionally-arrested', {}, ['running']],
      [42, 'deadline-expired', 'provisionally-arrested', { consequence: 'release-on-expiry' }, ['expired']],
      [42, 'release-on-expiry', 'released', {}, ['missed']],
      [50, 'withdraw', 'withdrawn', { reasons: 'the person left' }, ['missed']],
    ],
  },
  {
    id: 'p09-extradition-received-national-prosecuted',
    type: 'extradition',
    requesting: 'AL',
    requested: 'GR',
    legalBasis: 'BILATERAL-60',
    offence: 'migrant-smuggling',
    openedAt: '2026-03-10T00:00:00.000Z',
    steps: [
      [1, 'arrest-provisionally', 'provisionally-arrested', {}, ['running']],
      [10, 'receive-formal-request', 'formal-request-received', {}, ['met']],
      [15, 'open-hearing', 'judicial-hearing', {}, ['met']],
      [30, 'refuse-national', 'prosecution-instead', { reasons: 'a national of GR' }, ['met']],
      [35, 'submit-for-prosecution', 'submitted-for-prosecution', { reference: 'GR-2026-77' }, ['met']],
      [36, 'report-prosecution-result', 'prosecution-result-reported', { result: 'convicted', summary: 'x' }, ['met']],
      [37, 'acknowledge-prosecution-result', 'prosecution-concluded', {}, ['met']],
    ],
  },
  {
    id: 'p10-extradition-sent-barred',
    type: 'extradition',
    requesting: 'GR',
    requested: 'IT',
    legalBasis: 'ECE',
    offence: 'participation-in-organized-criminal-group',
    openedAt: '2026-05-05T00:00:00.000Z',
    steps: [
      [1, 'arrest-provisionally', 'provisionally-arrested', {}, ['running']],
      [15, 'receive-formal-request', 'formal-request-received', {}, ['met']],
      [16, 'open-hearing', 'judicial-hearing', {}, ['met']],
      [40, 'decide-barred', 'refused', { ground: 'political-offence', reasons: 'political' }, ['met']],
    ],
  },
  {
    id: 'p11-extradition-received-pending',
    type: 'extradition',
    requesting: 'IT',
    requested: 'GR',
    legalBasis: 'ECE',
    offence: 'migrant-smuggling',
    openedAt: '2026-06-01T00:00:00.000Z',
    steps: [[3, 'arrest-provisionally', 'provisionally-arrested', {}, ['running']]],
  },
  {
    id: 'p12-confiscation-received-disposed',
    type: 'test-confiscation',
    requesting: 'TR',
    requested: 'GR',
    legalBasis: 'UNTOC',
    offence: 'money-laundering',
    openedAt: '2026-04-01T00:00:00.000Z',
    steps: [
      [2, 'freeze', 'frozen', { amount: '1250.50', currency: 'EUR' }],
      [30, 'confiscate', 'frozen', { amount: '1000.25', currency: 'EUR' }],
      [31, 'confiscate', 'frozen', { amount: '99.99', currency: 'USD' }],
      [40, 'return-to-victims', 'frozen', { amount: '600.00', currency: 'EUR' }],
      [45, 'share', 'frozen', { amount: '200.125', currency: 'EUR' }],
      [50, 'dispose', 'disposed'],
    ],
  },
  {
    id: 'p13-confiscation-sent-pending',
    type: 'test-confiscation',
    requesting: 'GR',
    requested: 'TR',
    legalBasis: 'UNTOC',
    offence: 'money-laundering',
    openedAt: '2026-06-10T00:00:00.000Z',
    steps: [
      [1, 'freeze', 'frozen', { amount: '500', currency: 'EUR' }],
      // After the period's end (2026-07-05): not in the figures for the period.
      [25, 'share', 'frozen', { amount: '100.00', currency: 'EUR' }],
    ],
  },
  {
    id: 'p14-mla-sent-before-the-period',
    type: 'mla',
    requesting: 'GR',
    requested: 'TR',
    legalBasis: 'UNTOC',
    offence: 'migrant-smuggling',
    openedAt: '2025-12-20T00:00:00.000Z',
    steps: [
      [1, 'submit-for-review', 'ca-review'],
      [2, 'transmit', 'transmitted'],
      [3, 'acknowledge', 'acknowledged'],
      [4, 'start-execution', 'in-execution'],
      [40, 'complete-execution', 'executed'],
    ],
  },
  {
    id: 'p15-mla-received-executed-after-the-period',
    type: 'mla',
    requesting: 'TR',
    requested: 'GR',
    legalBasis: 'UNTOC',
    openedAt: '2026-06-20T12:00:00.000Z',
    steps: [
      [0, 'submit-for-review', 'ca-review'],
      [0, 'transmit', 'transmitted'],
      [4.5, 'acknowledge', 'acknowledged'],
      [11.5, 'start-execution', 'in-execution'],
      [19.5, 'complete-execution', 'executed'],
    ],
  },
];

/** Every event of the fixture, one process after another, each process's in sequence order. */
export const fixtureEvents: readonly ProcessEvent[] = specs.flatMap(eventsOf);
