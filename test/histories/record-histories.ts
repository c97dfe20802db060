/**
 * Records the histories that test/workflows/replay.spec.ts replays against the current workflow code.
 * Run with `npm run histories:record` ONLY to add a new representative run (see README.md): never
 * to make a replay failure go away. Uses Temporal's real time-skipping test server; no services.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { format, resolveConfig } from 'prettier';
import { conditionsOf, days, hours, TransferConditions, type Actor } from '@comity/domain';
import {
  processStateQuery,
  processWorkflow,
  takeActionUpdate,
  type ProcessView,
  type StartProcessInput,
} from '@comity/workflows';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const requesting: Actor = { userId: 'fr', role: 'agency', agencyId: 'fr-ministry-of-justice' };
const requested: Actor = { userId: 'es', role: 'agency', agencyId: 'es-audiencia-nacional' };

type Handle = WorkflowHandle<typeof processWorkflow>;

interface Run {
  /** The file name (test/histories/<name>.json) and, prefixed with `replay-`, the workflow id. */
  readonly name: string;
  readonly type: string;
  readonly legalBasis: string;
  /** The definition version it runs under; absent: version 1 (the runs recorded before versions). */
  readonly definitionVersion?: number;
  /** The workflow revision it runs as; absent: revision 0 (patches decide, as in the runs recorded before revisions). */
  readonly workflowRevision?: number;
  /** Party bindings, for types whose slots are not `requesting` and `requested`. */
  readonly parties?: StartProcessInput['parties'];
  /** Drives the process; returns once it reached the point worth recording. */
  readonly drive: (p: Driver) => Promise<void>;
}

interface Driver {
  act(action: string, actor: Actor, payload?: unknown): Promise<ProcessView>;
  /** An action the workflow must reject with `code` (rejected updates leave the state unchanged). */
  reject(code: string, action: string, actor: Actor, payload?: unknown): Promise<void>;
  sleep(ms: number): Promise<void>;
  expectStage(stage: string): Promise<void>;
  /** Waits for the workflow to complete. */
  finish(): Promise<void>;
}

const reasons = 'recorded for the replay test';

/** An agency bound to a party slot of the further process types (`<slot>-agency`, state by position). */
const agencyOf = (slot: string): Actor => ({ userId: `${slot}-clerk`, role: 'agency', agencyId: `${slot}-agency` });
const partiesOf = (...slots: string[]): StartProcessInput['parties'] =>
  Object.fromEntries(slots.map((slot, i) => [slot, { agencyId: `${slot}-agency`, state: ['GR', 'IT', 'GR'][i] }]));
const italy: Actor = { userId: 'it', role: 'agency', agencyId: 'it-dda' };
const eur = (amount: string) => ({ amount, currency: 'EUR' });

const refusalReasons = 'recorded for the replay test, with reasons of some length';
const runs: Run[] = [
  {
    name: 'mla-v2-consulted-conditions-partly-refused',
    type: 'mla',
    legalBasis: 'UNTOC',
    definitionVersion: 2,
    drive: async (p) => {
      await p.act('submit-for-review', requesting);
      await p.act('record-translation', coordinator, { language: 'es' });
      await p.act('transmit', coordinator);
      await p.act('acknowledge', requested);
      await p.act('start-execution', requested);
      await p.act('consult', requested, { intended: 'conditions', reasons: refusalReasons });
      await p.reject('PRECONDITION_UNMET', 'refuse', requested, {
        ground: 'essential-interests',
        reasons: refusalReasons,
      });
      await p.sleep(days(14));
      await p.act('grant-subject-to-conditions', requested, { conditions: reasons });
      await p.act('decline-conditions', requesting, { reasons });
      const partial = { ground: 'essential-interests', reasons: refusalReasons, part: 'the phone records' };
      await p.act('refuse-in-part', requested, partial);
      await p.act('return-partial', requested, { description: 'Bank statements 2024' });
      await p.act('complete-partial-execution', requested);
      await p.finish();
    },
  },
  {
    name: 'extradition-v2-released-national-prosecuted',
    type: 'extradition',
    legalBasis: 'ECE',
    definitionVersion: 2,
    drive: async (p) => {
      await p.act('arrest-provisionally', requested);
      await p.sleep(days(40));
      await p.expectStage('release-due');
      await p.act('confirm-release', requested, { releasedAt: '2026-02-10' });
      await p.act('receive-formal-request', requesting);
      await p.act('open-hearing', requested);
      await p.reject('PRECONDITION_UNMET', 'decide-barred', requested, {
        ground: 'nationality',
        reasons: refusalReasons,
      });
      await p.act('refuse-national', requested, { reasons: refusalReasons });
      await p.sleep(days(30));
      await p.act('submit-for-prosecution', requested, { reference: 'PROS-2026-4' });
      await p.act('report-prosecution-result', requested, { result: 'convicted', summary: reasons });
      await p.act('acknowledge-prosecution-result', requesting);
      await p.finish();
    },
  },
  {
    name: 'transfer-of-sentenced-person-v2-short-sentence',
    type: 'transfer-of-sentenced-person',
    legalBasis: 'UNTOC',
    definitionVersion: 2,
    parties: partiesOf('sentencing', 'administering'),
    drive: async (p) => {
      const sentencing = agencyOf('sentencing');
      const administering = agencyOf('administering');
      for (const condition of conditionsOf('sentencing')) {
        const finding = condition === 'six-months-left' ? { remainingMonths: 4 } : { met: true };
        await p.act('record-condition', sentencing, { condition, ...finding, evidence: reasons });
      }
      await p.act('transmit', sentencing);
      await p.act('acknowledge', administering);
      await p.reject('PRECONDITION_UNMET', 'record-condition', administering, {
        condition: 'consent',
        met: false,
        evidence: reasons,
      });
      for (const condition of conditionsOf('administering')) {
        await p.act('record-condition', administering, { condition, met: true, evidence: reasons });
      }
      await p.reject('PRECONDITION_UNMET', 'agree-administering', administering);
      await p.act('agree-short-sentence-exception', administering, { party: 'administering', reasons });
      await p.act('agree-short-sentence-exception', sentencing, { party: 'sentencing', reasons });
      await p.act('agree-administering', administering);
      await p.act('agree-sentencing', sentencing);
      await p.act('schedule-handover', sentencing, { date: '2026-04-01', place: 'Athens airport' });
      await p.act('confirm-handover', administering);
      await p.finish();
    },
  },
  {
    name: 'use-consent-granted',
    type: 'use-consent',
    legalBasis: 'UNTOC',
    drive: async (p) => {
      const request = { originProcessId: 'replay-mla-executed', proceedings: reasons, reasons };
      await p.act('request-consent', requesting, { subject: 'evidence-use', ...request });
      await p.act('request-further-info', requested, { questions: 'Which proceedings?' });
      await p.act('provide-further-info', requesting);
      await p.sleep(days(30));
      await p.act('grant-consent', requested, { conditions: reasons });
      await p.finish();
    },
  },
  {
    name: 'mla-executed',
    type: 'mla',
    legalBasis: 'UNTOC',
    drive: async (p) => {
      await p.act('submit-for-review', requesting);
      await p.reject('PRECONDITION_UNMET', 'transmit', coordinator);
      await p.reject('ACTION_UNKNOWN', 'teleport', coordinator);
      await p.act('record-translation', coordinator, { language: 'es' });
      await p.act('transmit', coordinator);
      await p.act('acknowledge', requested);
      await p.act('request-further-info', requested, { questions: 'Which accounts?' });
      await p.act('provide-further-info', requesting);
      await p.act('start-execution', requested);
      await p.act('return-partial', requested, { description: 'Bank statements 2023' });
      await p.act('return-partial', requested, { description: 'Bank statements 2024' });
      await p.act('complete-execution', requested);
      await p.finish();
    },
  },
  {
    name: 'mla-refused',
    type: 'mla',
    legalBasis: 'UNTOC',
    drive: async (p) => {
      await p.act('submit-for-review', requesting);
      await p.act('record-translation', coordinator, { language: 'en' });
      await p.act('transmit', coordinator);
      await p.act('acknowledge', requested);
      await p.act('consult', requested, { intended: 'refusal', reasons });
      await p.reject('NOT_PERMITTED_BY_LEGAL_BASIS', 'refuse', requested, { ground: 'no-such-ground', reasons });
      await p.act('refuse', requested, { ground: 'essential-interests', reasons });
      await p.finish();
    },
  },
  {
    name: 'mla-overdue-withdrawn',
    type: 'mla',
    legalBasis: 'EU-EIO',
    drive: async (p) => {
      await p.act('submit-for-review', requesting);
      await p.act('record-translation', coordinator, { language: 'es' });
      await p.act('transmit', coordinator);
      await p.act('acknowledge', requested);
      await p.act('start-execution', requested);
      // 90 days to execute: two reminders, then the expiry escalates.
      await p.sleep(days(91));
      await p.expectStage('in-execution');
      await p.act('withdraw', requesting, { reasons });
      await p.finish();
    },
  },
  {
    name: 'extradition-released',
    type: 'extradition',
    legalBasis: 'ECE',
    drive: async (p) => {
      await p.act('arrest-provisionally', requested);
      // ECE art. 16(4): released automatically after 40 days. Left running, as in-flight workflows are.
      await p.sleep(days(40) + 60_000);
      await p.expectStage('released');
    },
  },
  {
    name: 'extradition-surrendered',
    type: 'extradition',
    legalBasis: 'ECE',
    drive: async (p) => {
      await p.act('receive-formal-request', requested);
      await p.act('open-hearing', requested);
      await p.act('decide-eligible', requested);
      await p.act('refer-to-executive', requested);
      await p.act('order-surrender', requested, { date: '2026-03-02' });
      await p.act('confirm-surrender', requested);
      await p.finish();
    },
  },
  {
    name: 'extradition-national-prosecuted',
    type: 'extradition',
    legalBasis: 'ECE',
    drive: async (p) => {
      await p.act('receive-formal-request', requested);
      await p.act('open-hearing', requested);
      await p.act('refuse-national', requested, { reasons });
      await p.act('submit-for-prosecution', requested, { reference: 'AN-2025-0042' });
      await p.finish();
    },
  },
  {
    name: 'mla-priority-changed',
    type: 'mla',
    legalBasis: 'UNTOC',
    drive: async (p) => {
      await p.act('submit-for-review', requesting);
      await p.act('record-translation', coordinator, { language: 'fr' });
      await p.act('transmit', coordinator);
      await p.act('acknowledge', requested);
      await p.act('start-execution', requested);
      await p.act('change-priority', coordinator, { priority: 'urgent', reason: 'suspect about to flee' });
      await p.act('complete-execution', requested);
      await p.finish();
    },
  },
  {
    // Started outside any case (as the API starts one without caseId), then put in one: the one
    // CaseId upsert of revision 1; a second link is refused (never in the history).
    name: 'mla-linked-to-case--r1',
    type: 'mla',
    legalBasis: 'UNTOC',
    workflowRevision: 1,
    drive: async (p) => {
      await p.act('submit-for-review', requesting);
      await p.act('link-case', coordinator, { caseId: 'case-replay-linked', reason: 'the same smuggling network' });
      await p.reject('PRECONDITION_UNMET', 'link-case', coordinator, {
        caseId: 'case-replay-other',
        reason: 'a second case',
      });
      await p.act('record-translation', coordinator, { language: 'es' });
      await p.act('transmit', coordinator);
      await p.act('acknowledge', requested);
      await p.act('start-execution', requested);
      await p.act('complete-execution', requested);
      await p.finish();
    },
  },
  {
    name: 'transfer-of-proceedings-taken-over',
    type: 'transfer-of-proceedings',
    legalBasis: 'UNTOC',
    drive: async (p) => {
      await p.act('conclude-consultation', requested, { view: 'favourable' });
      await p.act('transmit-request', coordinator);
      await p.act('acknowledge', requested);
      await p.act('request-further-info', requested, { questions: 'Which witnesses are in Spain?' });
      await p.act('provide-further-info', requesting);
      await p.reject('NOT_PERMITTED_BY_LEGAL_BASIS', 'refuse', requested, { ground: 'no-such-ground', reasons });
      await p.act('accept', requested);
      await p.act('take-over', requested, { reference: 'AN-DP-2026-0102' });
      await p.finish();
    },
  },
  {
    name: 'asset-confiscation-disposed',
    type: 'asset-confiscation',
    legalBasis: 'EU-2018-1805',
    drive: async (p) => {
      await p.act('request-freezing', requesting, {
        description: 'accounts and a villa',
        synchronisedWithArrest: true,
      });
      // 4 days to recognise a non-urgent freezing order: a reminder, then the expiry escalates.
      await p.sleep(days(5));
      await p.act('recognise-freezing', requested);
      await p.act('execute-freezing', requested, eur('900000.00'));
      await p.act('freeze-more', requested, { amount: '12000.50', currency: 'USD' });
      await p.act('transmit-confiscation-order', requesting, { mode: 'enforce', reference: 'TJ-Paris-2026-77' });
      await p.reject('PRECONDITION_UNMET', 'enforce-confiscation', requested, eur('900000.01'));
      await p.act('enforce-confiscation', requested, eur('800000'));
      await p.act('release-assets', requested, { ...eur('100000'), reasons });
      await p.act('record-management-cost', requested, eur('15000'));
      await p.act('begin-disposal', requested);
      await p.reject('PRECONDITION_UNMET', 'share', requested, { ...eur('1'), withState: 'FR' });
      await p.act('return-to-victims', requested, { ...eur('500000'), claim: 'smuggled migrants' });
      await p.act('settle-victim-claims', requested);
      await p.act('share', requested, { ...eur('142500'), withState: 'FR' });
      await p.act('close-disposal', requested);
      await p.finish();
    },
  },
  {
    name: 'transfer-of-sentenced-person-transferred',
    type: 'transfer-of-sentenced-person',
    legalBasis: 'UNTOC',
    parties: partiesOf('sentencing', 'administering'),
    drive: async (p) => {
      const sentencing = agencyOf('sentencing');
      const administering = agencyOf('administering');
      await p.act('transmit', sentencing);
      await p.act('acknowledge', administering);
      await p.reject('PRECONDITION_UNMET', 'agree-administering', administering);
      for (const condition of Object.keys(TransferConditions)) {
        await p.act('record-condition', administering, { condition, met: true, evidence: reasons });
      }
      await p.act('agree-administering', administering);
      await p.act('agree-sentencing', sentencing);
      await p.act('schedule-handover', sentencing, { date: '2026-04-01', place: 'Athens airport' });
      await p.act('confirm-handover', administering);
      await p.finish();
    },
  },
  {
    name: 'special-investigative-technique-concluded',
    type: 'special-investigative-technique',
    legalBasis: 'UNTOC',
    drive: async (p) => {
      await p.act('declare-route', requesting, { states: ['AL', 'ES'] });
      await p.act('request-authorisation', requesting);
      await p.act('acknowledge', requested);
      await p.act('record-authorisation', requested, {
        state: 'ES',
        authority: 'Audiencia Nacional',
        reference: 'ES-1',
      });
      await p.reject('PRECONDITION_UNMET', 'start-delivery', requesting);
      await p.act('record-authorisation', coordinator, { state: 'AL', authority: 'SPAK', reference: 'AL-7' });
      await p.act('start-delivery', requesting);
      await p.act('conclude', requesting, { outcome: 'seized-and-arrested', summary: reasons });
      await p.finish();
    },
  },
  {
    name: 'law-enforcement-exchange-overdue-promoted',
    type: 'law-enforcement-exchange',
    legalBasis: 'EU-2023-977',
    drive: async (p) => {
      await p.act('acknowledge', requested);
      // 7 days to answer: a reminder a day before, then the expiry escalates.
      await p.sleep(days(7) + 60_000);
      await p.expectStage('in-progress');
      await p.act('answer', requested, { summary: 'two subscribers identified' });
      await p.act('promote-to-mla', coordinator, { reference: 'MLA-FR-2026-17' });
      await p.finish();
    },
  },
  {
    name: 'domestic-taskforce-closed',
    type: 'domestic-taskforce',
    legalBasis: 'UNTOC',
    parties: partiesOf('coordination', 'fiu', 'institution'),
    drive: async (p) => {
      const coordination = agencyOf('coordination');
      const fiu = agencyOf('fiu');
      await p.reject('PRECONDITION_UNMET', 'activate', coordination);
      await p.act('add-member', coordination, { agencyId: 'gr-hellenic-police', role: 'police' });
      await p.act('add-member', coordinator, { agencyId: 'gr-coast-guard', role: 'border-guard' });
      await p.act('activate', coordination);
      await p.act('request-information', coordination, { member: 'gr-coast-guard', questions: 'Which vessels?' });
      await p.act('record-information', coordination, {
        member: 'gr-coast-guard',
        reference: 'HCG-1',
        summary: reasons,
      });
      await p.act('request-money-trace', coordination, { subjects: 'the organiser and two couriers' });
      await p.act('request-institution-records', fiu, { institutionKind: 'mvts', scope: 'transfers 2025' });
      await p.act('return-records', agencyOf('institution'), { reference: 'MVTS-9' });
      await p.act('report-money-trace', fiu, { reference: 'FIU-2026-3', summary: reasons });
      await p.act('close', coordinator, { reasons });
      await p.finish();
    },
  },
  {
    name: 'document-verification-not-genuine',
    type: 'document-verification',
    legalBasis: 'UNTOC',
    parties: partiesOf('requesting', 'issuing'),
    drive: async (p) => {
      const issuing = agencyOf('issuing');
      await p.act('acknowledge', issuing);
      await p.act('request-further-details', issuing, { questions: 'A scan of the data page' });
      await p.act('provide-further-details', agencyOf('requesting'));
      await p.act('report-not-genuine', issuing, { finding: 'falsified', details: reasons });
      await p.finish();
    },
  },
  {
    name: 'migrant-return-returned',
    type: 'migrant-return',
    legalBasis: 'UNTOC',
    parties: partiesOf('requesting', 'origin'),
    drive: async (p) => {
      const origin = agencyOf('origin');
      const receiving = agencyOf('requesting');
      await p.act('confirm-status', origin, { status: 'national' });
      await p.act('issue-travel-documents', origin, { document: 'laissez-passer', reference: 'LP-2026-1' });
      await p.act('schedule-return', receiving, { date: '2026-03-20', arrangements: 'escorted flight' });
      await p.act('suspend', receiving, { reasons });
      await p.act('resume', coordinator);
      await p.act('schedule-return', receiving, { date: '2026-04-02', arrangements: 'escorted flight' });
      await p.act('confirm-arrival', origin);
      await p.finish();
    },
  },
  {
    name: 'protection-referral-closed',
    type: 'protection-referral',
    legalBasis: 'UNTOC',
    parties: partiesOf('referring', 'provider'),
    drive: async (p) => {
      const provider = agencyOf('provider');
      await p.act('refer', agencyOf('referring'), { providerKind: 'ngo', needs: ['shelter', 'legal-aid'] });
      // 72 hours to answer: a reminder, then the expiry escalates.
      await p.sleep(hours(72) + 60_000);
      await p.act('accept', provider);
      await p.act('report-progress', provider, { summary: reasons });
      await p.act('record-outcome', provider, { outcome: 'protection-granted', summary: reasons });
      await p.finish();
    },
  },
  {
    name: 'joint-investigation-evaluated',
    type: 'joint-investigation',
    legalBasis: 'EU-JIT',
    drive: async (p) => {
      await p.act('propose-agreement', requesting, { summary: reasons });
      await p.act('join', requesting, { agencyId: 'it-dda', state: 'IT' });
      await p.act('sign-agreement', requesting, { signatory: 'fr-ministry-of-justice' });
      await p.act('sign-agreement', requested, { signatory: 'es-audiencia-nacional' });
      await p.reject('PRECONDITION_UNMET', 'conclude-agreement', requesting);
      await p.act('sign-agreement', italy, { signatory: 'it-dda' });
      await p.act('conclude-agreement', requesting);
      await p.act('adopt-action-plan', coordinator, { summary: reasons });
      for (const [sender, recipient, handlingCode] of [
        [requesting, 'es-audiencia-nacional', 'H2'],
        [requested, 'it-dda', 'H3'],
        [italy, 'fr-ministry-of-justice', 'H1'],
      ] as const) {
        await p.act('share-evidence', sender, { recipients: [recipient], item: reasons, handlingCode });
      }
      // Starts an asset confiscation in the case (a child workflow that outlives the team).
      await p.act('refer-for-confiscation', requesting, { description: reasons });
      await p.sleep(days(500));
      for (const [actor, consenting] of [
        [requesting, 'fr-ministry-of-justice'],
        [requested, 'es-audiencia-nacional'],
        [italy, 'it-dda'],
      ] as const) {
        await p.act('consent-to-extension', actor, { consenting, until: '2029-01-31' });
      }
      await p.act('extend-term', requesting, { until: '2029-01-31' });
      await p.act('close', requesting, { reasons });
      await p.act('evaluate', coordinator, { summary: reasons });
      await p.finish();
    },
  },
];

/**
 * Runs recorded again, as `<run>--<shape>`, after a change of the commands the workflow issues: the
 * older recordings stay (processes of their shape may still be running) and these pin the new one.
 *   2026-12: one timer per deadline occurrence, not one per wake; a stage's task and event in one activity
 *   r1: workflow revision 1 — no patch markers, search attributes set at the start only
 */
const reshaped: readonly (readonly [string, readonly string[], Partial<Run>?])[] = [
  [
    '2026-12',
    [
      'mla-executed',
      'mla-overdue-withdrawn',
      'mla-v2-consulted-conditions-partly-refused',
      'extradition-released',
      'protection-referral-closed',
    ],
  ],
  [
    'r1',
    [
      'mla-executed',
      'mla-overdue-withdrawn',
      'mla-priority-changed',
      'mla-v2-consulted-conditions-partly-refused',
      'extradition-released',
      'protection-referral-closed',
      'joint-investigation-evaluated',
    ],
    { workflowRevision: 1 },
  ],
];
runs.push(
  ...reshaped.flatMap(([shape, names, change]) =>
    names.map((name) => {
      const run = runs.find((r) => r.name === name);
      if (!run) throw new Error(`reshaped: no run '${name}'`);
      return { ...run, ...change, name: `${name}--${shape}` };
    }),
  ),
);

/**
 * The proto3 JSON form of a history, as `temporal workflow show --output json` and the Web UI export it.
 * `historyToJSON` from @temporalio/common misreads the fetched history's bytes values: they are Node
 * Buffers viewing a shared pool (a non-zero byteOffset), which it either rejects ("don't know how to
 * convert value json/plain") or reads from the pool's start. A plain Uint8Array copy of each, owning
 * its bytes, converts as it should.
 */
function toJSON(history: temporal.api.history.v1.IHistory): string {
  const ownBytes = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (value instanceof Uint8Array) record[key] = new Uint8Array(value);
      else ownBytes(value);
    }
  };
  ownBytes(history);
  const json = historyToJSON(temporal.api.history.v1.History.fromObject(history));
  historyFromJSON(JSON.parse(json)); // what the replayer does with it: throws if it would not load
  return json;
}

function inputOf(run: Run): StartProcessInput {
  return {
    processId: `replay-${run.name}`,
    type: run.type,
    legalBasis: run.legalBasis,
    priority: 'normal',
    handlingCode: 'H2',
    parties:
      run.parties ??
      (run.type === 'joint-investigation'
        ? {
            lead: { agencyId: 'fr-ministry-of-justice', state: 'FR' },
            member: { agencyId: 'es-audiencia-nacional', state: 'ES' },
          }
        : {
            requesting: { agencyId: 'fr-ministry-of-justice', state: 'FR' },
            requested: { agencyId: 'es-audiencia-nacional', state: 'ES' },
          }),
    ...(run.type === 'joint-investigation' ? { caseId: 'case-replay-jit' } : {}),
    data: { recordedFor: 'test/workflows/replay.spec.ts' },
    startedBy: coordinator,
    ...(run.definitionVersion !== undefined ? { definitionVersion: run.definitionVersion } : {}),
    ...(run.workflowRevision !== undefined ? { workflowRevision: run.workflowRevision } : {}),
  };
}

function driverOf(harness: TimeSkippingHarness, handle: Handle, processId: string): Driver {
  const published = () => harness.events.filter((e) => e.data.processId === processId).length;
  /** Waits until every event the workflow recorded so far has been published, so histories stay tidy. */
  const settle = async () => {
    const { sequence } = await handle.query(processStateQuery);
    for (let tries = 0; published() < sequence; tries++) {
      if (tries > 500) throw new Error(`${processId}: ${published()} of ${sequence} events published`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const update = (action: string, actor: Actor, payload?: unknown) =>
    handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] });
  return {
    act: async (action, actor, payload) => {
      const view = await update(action, actor, payload);
      await settle();
      return view;
    },
    reject: async (code, action, actor, payload) => {
      const failure = await update(action, actor, payload).then(
        () => undefined,
        (err: unknown) => err,
      );
      const cause = failure instanceof WorkflowUpdateFailedError ? failure.cause : undefined;
      if (!(cause instanceof ApplicationFailure) || cause.type !== code) {
        throw new Error(`${processId}: expected '${action}' to be rejected with ${code}, got ${String(failure)}`);
      }
    },
    sleep: async (ms) => {
      await harness.env.sleep(ms);
      await settle();
    },
    expectStage: async (stage) => {
      const view = await handle.query(processStateQuery);
      if (view.stage !== stage) throw new Error(`${processId}: expected stage '${stage}', got '${view.stage}'`);
    },
    finish: async () => {
      const result = await handle.result();
      if (!result.terminal) throw new Error(`${processId}: completed in non-terminal stage '${result.stage}'`);
    },
  };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const selected = only.length ? runs.filter((r) => only.includes(r.name)) : runs;
  const harness = await createTimeSkippingHarness();
  const prettierOptions = { ...(await resolveConfig(__filename)), parser: 'json' };
  try {
    for (const run of selected) {
      const args = inputOf(run);
      const handle = await harness.withWorker(async () => {
        const handle = await harness.env.client.workflow.start(processWorkflow, {
          workflowId: args.processId,
          taskQueue: harness.taskQueue,
          args: [args],
        });
        await run.drive(driverOf(harness, handle, args.processId));
        return handle;
      });
      const history = await handle.fetchHistory();
      const json = await format(toJSON(history), prettierOptions);
      const file = path.join(__dirname, `${run.name}.json`);
      await writeFile(file, json);
      console.log(`${path.relative(process.cwd(), file)}: ${history.events?.length ?? 0} events`);
    }
  } finally {
    await harness.teardown();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
