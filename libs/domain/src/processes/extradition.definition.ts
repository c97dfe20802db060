import { z } from 'zod';
import { typedAction, type Facts, type ProcessDefinition } from '../model/process-definition';
import type { ProcessSnapshot } from '../model/process-state';
import {
  date,
  permittedGround,
  reasons,
  refusalPayload,
  refusalReasons,
  refusalRecord,
  required,
  type RefusalPayload,
} from './common';

/** A refusal's record, read by the other state on the process (`legalRecord.refusal`). */
const recordsRefusal = (payload: RefusalPayload, _facts: Facts, snapshot: ProcessSnapshot) => ({
  refusal: refusalRecord(snapshot.legalBasis, snapshot.type, payload),
});

/**
 * Extradition (UNTOC art. 16). After a provisional arrest the formal request must arrive within
 * the legal basis's limit, or the person must be released (ECE art. 16(4)): the requested state,
 * which holds the person, gets the task of releasing them and confirms it; release does not bar a
 * later request. The judicial phase checks the bars (political offence, ne bis in idem,
 * nationality, death penalty without assurances, discrimination 16(14)); an eligibility decision
 * may be appealed; the executive decides; surrender may be postponed or temporary. Consent to
 * simplified surrender shortens the path. A national who is not surrendered must be submitted
 * for prosecution instead (16(10)) — on every path that refuses on nationality, the court's
 * included — by its prosecutor (an optional party; the requested central authority stands in until
 * one is named), within a deadline, and the requesting state is told the result (ECE art. 6(2)).
 * Version 2 (version 1: extradition.definition.v1.ts).
 */
export const extraditionDefinition = {
  type: 'extradition',
  title: 'Extradition',
  legalReference: 'UNTOC art. 16',
  parties: ['requesting', 'requested'],
  optionalParties: { prosecutor: { standIn: 'requested' } },
  publicFacts: ['refusal', 'release', 'prosecution', 'prosecutionOutcome'],
  initial: 'alert',
  states: {
    alert: { label: 'Alert / provisional-arrest request', awaiting: 'requested' },
    'provisionally-arrested': { label: 'Provisionally arrested (formal request awaited)', awaiting: 'requesting' },
    'release-due': { label: 'Provisional-arrest limit passed: release the person', awaiting: 'requested' },
    released: { label: 'Released (a formal request may still follow)', awaiting: 'requesting' },
    'formal-request-received': { label: 'Formal request received', awaiting: 'requested' },
    'additional-info-requested': { label: 'Additional information requested', awaiting: 'requesting' },
    'judicial-hearing': { label: 'Judicial hearing', awaiting: 'requested' },
    eligible: { label: 'Found eligible for extradition', awaiting: 'requested' },
    appeal: { label: 'Appeal', awaiting: 'requested' },
    'executive-decision': { label: 'Executive decision', awaiting: 'requested' },
    'surrender-scheduled': { label: 'Surrender scheduled', awaiting: 'requested' },
    'surrender-postponed': { label: 'Surrender postponed', awaiting: 'requested' },
    'temporarily-surrendered': { label: 'Temporarily surrendered', awaiting: 'requesting' },
    'prosecution-instead': { label: 'National not surrendered: prosecute instead (16(10))', awaiting: 'prosecutor' },
    'submitted-for-prosecution': {
      label: 'Submitted for domestic prosecution (result to be reported)',
      awaiting: 'prosecutor',
    },
    'prosecution-result-reported': {
      label: 'Result of the domestic prosecution reported (ECE art. 6(2))',
      awaiting: 'requesting',
    },
    surrendered: { label: 'Surrendered', terminal: true },
    refused: { label: 'Refused', terminal: true },
    'prosecution-concluded': { label: 'Prosecuted instead: result received', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    'arrest-provisionally': {
      label: 'Arrest provisionally',
      from: ['alert'],
      to: 'provisionally-arrested',
      by: [{ party: 'requested' }],
    },
    'receive-formal-request': {
      label: 'Formal request transmitted (requesting) or recorded as received (requested)',
      from: ['alert', 'provisionally-arrested', 'released'],
      to: 'formal-request-received',
      by: [{ party: 'requesting' }, { party: 'requested' }],
    },
    'release-on-expiry': {
      label: 'The provisional-arrest limit passed without a formal request: the person must be released',
      from: ['provisionally-arrested'],
      to: 'release-due',
      by: [],
    },
    'confirm-release': typedAction({
      label: 'The person has been released',
      from: ['release-due'],
      to: 'released',
      by: [{ party: 'requested' }],
      payload: z.object({ releasedAt: date }),
      records: (payload) => ({ release: { releasedAt: payload.releasedAt, onExpiry: true } }),
    }),
    release: typedAction({
      label: 'Release by court order',
      from: ['provisionally-arrested'],
      to: 'released',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons }),
      records: (payload) => ({ release: { reasons: payload.reasons, onExpiry: false } }),
    }),
    'request-additional-info': {
      label: 'Ask for additional information',
      from: ['formal-request-received', 'judicial-hearing'],
      to: 'additional-info-requested',
      by: [{ party: 'requested' }],
      payload: z.object({ questions: z.string().trim().min(1, 'questions are required') }),
    },
    'provide-additional-info': {
      label: 'Provide the additional information',
      from: ['additional-info-requested'],
      to: 'formal-request-received',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    'open-hearing': {
      label: 'Open the judicial hearing',
      from: ['formal-request-received'],
      to: 'judicial-hearing',
      by: [{ party: 'requested' }],
    },
    'consent-to-simplified-surrender': {
      label: 'The person consents to simplified surrender',
      from: ['provisionally-arrested', 'formal-request-received', 'judicial-hearing'],
      to: 'executive-decision',
      by: [{ party: 'requested' }],
    },
    'decide-eligible': {
      label: 'Court finds the person eligible',
      from: ['judicial-hearing'],
      to: 'eligible',
      by: [{ party: 'requested' }],
    },
    'decide-barred': typedAction({
      label: 'Court finds extradition barred (ground and reasons)',
      from: ['judicial-hearing', 'appeal'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: refusalPayload,
      guard: permittedGround,
      records: recordsRefusal,
    }),
    'lodge-appeal': {
      label: 'Appeal lodged against eligibility',
      from: ['eligible'],
      to: 'appeal',
      by: [{ party: 'requested' }],
    },
    'dismiss-appeal': {
      label: 'Appeal dismissed',
      from: ['appeal'],
      to: 'executive-decision',
      by: [{ party: 'requested' }],
    },
    'refer-to-executive': {
      label: 'Refer to the executive (no appeal)',
      from: ['eligible'],
      to: 'executive-decision',
      by: [{ party: 'requested' }],
    },
    'order-surrender': {
      label: 'Executive orders surrender',
      from: ['executive-decision'],
      to: 'surrender-scheduled',
      by: [{ party: 'requested' }],
      payload: z.object({ date }),
    },
    'refuse-surrender': typedAction({
      label: 'Executive refuses surrender (ground and reasons)',
      from: ['executive-decision'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: refusalPayload,
      // Nationality opens the 16(10) obligation: the state machine refuses it here, names
      // 'refuse-national', and leaves it out of the grounds this action lists as permitted.
      guard: permittedGround,
      records: recordsRefusal,
    }),
    'refuse-national': typedAction({
      label: 'Refuse surrender of a national: prosecute instead (16(10))',
      from: ['judicial-hearing', 'executive-decision'],
      to: 'prosecution-instead',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons: refusalReasons }),
      guard: (context) => permittedGround({ ...context, payload: { ...context.payload, ground: 'nationality' } }),
      records: (payload, facts, snapshot) => recordsRefusal({ ...payload, ground: 'nationality' }, facts, snapshot),
    }),
    'submit-for-prosecution': typedAction({
      label: 'Case submitted to the prosecuting authorities',
      from: ['prosecution-instead'],
      to: 'submitted-for-prosecution',
      by: [{ party: 'prosecutor' }, { party: 'requested' }],
      payload: z.object({ reference: z.string().trim().min(1, 'the prosecution reference is required') }),
      records: (payload) => ({ prosecution: { reference: payload.reference } }),
    }),
    'report-prosecution-result': typedAction({
      label: 'Report the result of the domestic prosecution to the requesting state',
      from: ['submitted-for-prosecution'],
      to: 'prosecution-result-reported',
      by: [{ party: 'prosecutor' }, { party: 'requested' }],
      payload: z.object({
        result: z.enum(['convicted', 'acquitted', 'discontinued', 'not-prosecuted']),
        summary: required('summary'),
      }),
      records: (payload) => ({ prosecutionOutcome: { result: payload.result, summary: payload.summary } }),
    }),
    'acknowledge-prosecution-result': {
      label: 'The requesting state has received the result',
      from: ['prosecution-result-reported'],
      to: 'prosecution-concluded',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    'postpone-surrender': {
      label: 'Postpone surrender (e.g. domestic proceedings)',
      from: ['surrender-scheduled'],
      to: 'surrender-postponed',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons, until: date.optional() }),
    },
    'reschedule-surrender': {
      label: 'Reschedule surrender',
      from: ['surrender-postponed'],
      to: 'surrender-scheduled',
      by: [{ party: 'requested' }],
      payload: z.object({ date }),
    },
    'surrender-temporarily': {
      label: 'Temporary surrender for trial, to be returned',
      from: ['surrender-scheduled', 'surrender-postponed'],
      to: 'temporarily-surrendered',
      by: [{ party: 'requested' }],
      payload: z.object({ returnBy: date }),
    },
    'return-after-temporary-surrender': {
      label: 'Returned after temporary surrender',
      from: ['temporarily-surrendered'],
      to: 'surrender-postponed',
      by: [{ party: 'requesting' }],
    },
    'confirm-surrender': {
      label: 'Surrender carried out',
      from: ['surrender-scheduled'],
      to: 'surrendered',
      by: [{ party: 'requested' }],
    },
    withdraw: {
      label: 'Withdraw the request',
      from: [
        'alert',
        'provisionally-arrested',
        'released',
        'formal-request-received',
        'additional-info-requested',
        'judicial-hearing',
        'eligible',
        'appeal',
        'executive-decision',
        'surrender-scheduled',
        'surrender-postponed',
      ],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  caseObligations: {
    // 16(10): the refusal of a national obliges the requested state to prosecute; the case shows it until done.
    'prosecute-instead': {
      label: 'Submit the case of the national whose extradition was refused for prosecution',
      article: 'UNTOC art. 16(10); ECE art. 6(2)',
      openWhile: ['prosecution-instead'],
      dischargedAt: ['submitted-for-prosecution', 'prosecution-result-reported', 'prosecution-concluded'],
      owedBy: 'prosecutor',
    },
    // ECE art. 6(2): "The requested Party shall inform the requesting Party of the result of its request."
    'report-prosecution-result': {
      label: 'Inform the requesting state of the result of the prosecution',
      article: 'ECE art. 6(2); UNTOC art. 16(10) (cooperation on the prosecution)',
      openWhile: ['submitted-for-prosecution'],
      dischargedAt: ['prosecution-result-reported', 'prosecution-concluded'],
      owedBy: 'prosecutor',
    },
  },
  deadlines: [
    {
      id: 'provisional-arrest',
      label: 'Formal request due before the provisional-arrest limit',
      rule: 'provisional-arrest',
      while: ['provisionally-arrested'],
      onExpiry: { kind: 'transition', action: 'release-on-expiry' },
    },
    {
      id: 'release',
      label: 'Release the person held beyond the provisional-arrest limit',
      rule: 'release-on-expiry',
      while: ['release-due'],
      // The requesting state hears that the person it had arrested is held beyond the limit.
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: 'prosecution-submission',
      label: 'Submit the case for prosecution without undue delay (16(10))',
      rule: 'prosecute-instead',
      while: ['prosecution-instead'],
      // The requesting state, to which the 16(10) duty is owed, hears that it is overdue.
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    acknowledgedAt: ['formal-request-received'],
    // The executive decision: surrender ordered, refused, or a national kept for prosecution here.
    decidedAt: ['surrender-scheduled', 'refused', 'prosecution-instead'],
    outcomes: {
      surrendered: 'executed',
      refused: 'refused',
      'prosecution-concluded': 'refused',
      withdrawn: 'withdrawn',
    },
    groundAt: { 'prosecution-instead': 'nationality' },
    counts: {
      'provisional-arrests-released': ['release-due', 'released'],
      'nationals-prosecuted-instead': ['prosecution-instead'],
    },
  },
} as const satisfies ProcessDefinition;
