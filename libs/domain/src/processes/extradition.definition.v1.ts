import { z } from 'zod';
import { typedAction, type ProcessDefinition } from '../model/process-definition';
import { date, groundInTable, reasons } from './common';

/**
 * Version 1 of the extradition definition, kept for the processes started under it (see
 * definition-versions.ts).
 *
 * Extradition (UNTOC art. 16). After a provisional arrest the formal request must arrive within
 * the legal basis's limit, or the person is released automatically (ECE art. 16(4)); release does
 * not bar a later request. The judicial phase checks the bars (political offence, ne bis in idem,
 * nationality, death penalty without assurances, discrimination 16(14)); an eligibility decision
 * may be appealed; the executive decides; surrender may be postponed or temporary. Consent to
 * simplified surrender shortens the path. A national who is not surrendered must be submitted
 * for prosecution instead (16(10)).
 */
export const extraditionDefinitionV1 = {
  type: 'extradition',
  title: 'Extradition',
  legalReference: 'UNTOC art. 16',
  parties: ['requesting', 'requested'],
  initial: 'alert',
  states: {
    alert: { label: 'Alert / provisional-arrest request', awaiting: 'requested' },
    'provisionally-arrested': { label: 'Provisionally arrested (formal request awaited)', awaiting: 'requesting' },
    released: { label: 'Released (no formal request in time)', awaiting: 'requesting' },
    'formal-request-received': { label: 'Formal request received', awaiting: 'requested' },
    'additional-info-requested': { label: 'Additional information requested', awaiting: 'requesting' },
    'judicial-hearing': { label: 'Judicial hearing', awaiting: 'requested' },
    eligible: { label: 'Found eligible for extradition', awaiting: 'requested' },
    appeal: { label: 'Appeal', awaiting: 'requested' },
    'executive-decision': { label: 'Executive decision', awaiting: 'requested' },
    'surrender-scheduled': { label: 'Surrender scheduled', awaiting: 'requested' },
    'surrender-postponed': { label: 'Surrender postponed', awaiting: 'requested' },
    'temporarily-surrendered': { label: 'Temporarily surrendered', awaiting: 'requesting' },
    'prosecution-instead': { label: 'National not surrendered: prosecute instead (16(10))', awaiting: 'requested' },
    surrendered: { label: 'Surrendered', terminal: true },
    refused: { label: 'Refused', terminal: true },
    'submitted-for-prosecution': { label: 'Submitted for domestic prosecution', terminal: true },
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
      label: 'Released: the provisional-arrest limit passed without a formal request',
      from: ['provisionally-arrested'],
      to: 'released',
      by: [],
    },
    release: {
      label: 'Release by court order',
      from: ['provisionally-arrested'],
      to: 'released',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons }),
    },
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
      payload: z.object({ ground: z.string().trim().min(1, 'a coded ground is required'), reasons }),
      guard: groundInTable,
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
      payload: z.object({ ground: z.string().trim().min(1, 'a coded ground is required'), reasons }),
      // Nationality opens the 16(10) obligation: the state machine refuses it here and names 'refuse-national'.
      guard: groundInTable,
    }),
    'refuse-national': typedAction({
      label: 'Refuse surrender of a national: prosecute instead (16(10))',
      from: ['judicial-hearing', 'executive-decision'],
      to: 'prosecution-instead',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons }),
      guard: (context) => groundInTable({ ...context, payload: { ground: 'nationality' } }),
    }),
    'submit-for-prosecution': {
      label: 'Case submitted to the prosecuting authorities',
      from: ['prosecution-instead'],
      to: 'submitted-for-prosecution',
      by: [{ party: 'requested' }],
      payload: z.object({ reference: z.string().trim().min(1, 'the prosecution reference is required') }),
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
      label: 'Prosecute the national whose extradition was refused (16(10))',
      article: 'UNTOC art. 16(10)',
      openWhile: ['prosecution-instead'],
      dischargedAt: ['submitted-for-prosecution'],
      owedBy: 'requested',
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
      'submitted-for-prosecution': 'refused',
      withdrawn: 'withdrawn',
    },
    groundAt: { 'prosecution-instead': 'nationality' },
    counts: {
      'provisional-arrests-released': ['released'],
      'nationals-prosecuted-instead': ['prosecution-instead'],
    },
  },
} as const satisfies ProcessDefinition;
