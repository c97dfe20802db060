import { z } from 'zod';
import { typedAction, type GuardContext, type GuardProblem, type ProcessDefinition } from '../model/process-definition';
import { reasons, refusalReasons, required } from './common';

/**
 * What the requesting state asks consent for: to use evidence received through mutual legal
 * assistance in proceedings other than those stated in the request (UNTOC art. 18(19)), or to
 * prosecute, sentence or detain a surrendered person for an offence other than the one extradited
 * for (speciality: ECE art. 14(1)(a); UNTOC art. 16 read with the applicable treaty), either by
 * waiving speciality for an offence or by extending the surrender to further offences.
 */
export const UseConsentSubjects = {
  'evidence-use': { article: 'UNTOC art. 18(19)', origin: 'mla' },
  'speciality-waiver': { article: 'ECE art. 14(1)(a); UNTOC art. 16', origin: 'extradition' },
  'speciality-extension': { article: 'ECE art. 14(1)(a), 12; UNTOC art. 16', origin: 'extradition' },
} as const;
type Subject = keyof typeof UseConsentSubjects;
const subjects = Object.keys(UseConsentSubjects) as [Subject, ...Subject[]];

/** Speciality binds extradition instruments; the use limitation of 18(19) binds MLA ones (UNTOC, the fallback, both). */
function subjectFitsBasis({ payload, basis }: GuardContext<{ readonly subject: Subject }>): GuardProblem[] {
  const { subject } = payload;
  const origin = UseConsentSubjects[subject].origin;
  return basis.appliesTo.includes('*') || basis.appliesTo.includes(origin)
    ? []
    : [
        {
          code: 'NOT_PERMITTED_BY_LEGAL_BASIS',
          detail: `payload.subject '${subject}' concerns ${origin} processes, which ${basis.id} does not govern`,
        },
      ];
}

/**
 * Consent to further use (UNTOC arts 18(19), 18(20); speciality in extradition, ECE art. 14): after
 * an MLA was executed or a person surrendered, the requesting state asks the requested state's
 * consent to use the evidence in other proceedings, or to waive or extend speciality; the
 * requested state grants (possibly subject to conditions), asks for more, or refuses with reasons,
 * within a deadline. What was consented to is the evidence's or the person's permitted use, shown
 * on the process (`legalRecord.permittedUse`); each step is in the process's audit chain.
 */
export const useConsentDefinition = {
  type: 'use-consent',
  title: 'Consent to further use (use limitation, speciality)',
  legalReference: 'UNTOC arts 18(19), 18(20); ECE art. 14',
  parties: ['requesting', 'requested'],
  publicFacts: ['consentRequest', 'permittedUse', 'refusal'],
  initial: 'draft',
  states: {
    draft: { label: 'Request for consent being prepared', awaiting: 'requesting' },
    requested: { label: 'Consent requested', awaiting: 'requested' },
    'further-info-requested': { label: 'Further information requested', awaiting: 'requesting' },
    granted: { label: 'Consent granted', terminal: true },
    refused: { label: 'Consent refused', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    'request-consent': typedAction({
      label: 'Ask consent to use the evidence, or to waive or extend speciality',
      from: ['draft'],
      to: 'requested',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({
        subject: z.enum(subjects),
        /** The executed MLA or the surrendered extradition the consent concerns. */
        originProcessId: required('originProcessId'),
        /** The other proceedings, or the further offences, the use is asked for. */
        proceedings: required('proceedings'),
        reasons: required('reasons'),
      }),
      guard: subjectFitsBasis,
      records: ({ subject, originProcessId, proceedings, reasons }) => ({
        consentRequest: {
          subject,
          article: UseConsentSubjects[subject].article,
          originProcessId,
          proceedings,
          reasons,
        },
      }),
    }),
    'request-further-info': {
      label: 'Ask for further information (e.g. the statement of the person surrendered)',
      from: ['requested'],
      to: 'further-info-requested',
      by: [{ party: 'requested' }],
      payload: z.object({ questions: required('questions') }),
    },
    'provide-further-info': {
      label: 'Provide the information asked for',
      from: ['further-info-requested'],
      to: 'requested',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    'grant-consent': typedAction({
      label: 'Grant consent, possibly subject to conditions',
      from: ['requested'],
      to: 'granted',
      by: [{ party: 'requested' }],
      payload: z.object({ conditions: required('conditions').optional() }),
      records: (payload, facts) => {
        const request = facts['consentRequest'] as { subject: string; proceedings: string } | undefined;
        return {
          permittedUse: {
            subject: request?.subject,
            proceedings: request?.proceedings,
            ...(payload.conditions !== undefined ? { conditions: payload.conditions } : {}),
          },
        };
      },
    }),
    'refuse-consent': typedAction({
      label: 'Refuse consent, with reasons',
      from: ['requested'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons: refusalReasons }),
      records: (payload) => ({ refusal: { reasons: payload.reasons } }),
    }),
    withdraw: {
      label: 'Withdraw the request',
      from: ['draft', 'requested', 'further-info-requested'],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'decision',
      label: 'Decide on the consent',
      rule: 'use-consent',
      while: ['requested'],
      // The requesting state, whose proceedings wait on the consent, hears that the decision is overdue.
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    acknowledgedAt: ['requested'],
    decidedAt: ['granted', 'refused'],
    outcomes: { granted: 'executed', refused: 'refused', withdrawn: 'withdrawn' },
  },
} as const satisfies ProcessDefinition;
