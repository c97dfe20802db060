import { z } from 'zod';
import { typedAction, type GuardContext, type GuardProblem, type ProcessDefinition } from '../model/process-definition';
import { HandlingCodes } from '../model/process-state';
import { reasons } from './common';

const agencyId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only');
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2027-06-30')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a calendar date');
const summary = z.string().trim().min(1, 'a summary is required');

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const signaturesOf = (facts: Readonly<Record<string, unknown>>) => strings(facts['signatures']);
const consentsOf = (facts: Readonly<Record<string, unknown>>) =>
  (facts['extensionConsents'] ?? {}) as Readonly<Record<string, readonly string[]>>;
const partyAgencies = (context: GuardContext) => Object.values(context.snapshot.parties).map((p) => p.agencyId);

/** The agency a member signs or consents for must be a party, and an agency acts only for itself. */
const actsFor =
  <F extends string>(field: F) =>
  (context: GuardContext<Readonly<Record<F, string>>>): GuardProblem[] => {
    const agency = context.payload[field];
    if (!partyAgencies(context).includes(agency)) {
      return [{ code: 'PRECONDITION_UNMET', detail: `payload.${field}: '${agency}' is not a member of the team` }];
    }
    if (context.actor.role === 'agency' && context.actor.agencyId !== agency) {
      return [{ code: 'PRECONDITION_UNMET', detail: `payload.${field}: an agency acts only for itself` }];
    }
    return [];
  };

/** Parties that have not signed the agreement (a member that joined signs it on accession). */
const unsigned = (context: GuardContext): string[] => {
  const signed = signaturesOf(context.snapshot.facts);
  return partyAgencies(context).filter((agency) => !signed.includes(agency));
};

const everyoneSigned = (context: GuardContext): GuardProblem[] => {
  const missing = unsigned(context);
  return missing.length ? [{ code: 'PRECONDITION_UNMET', detail: `not yet signed by: ${missing.join(', ')}` }] : [];
};

/** Evidence moves only between members that have signed the agreement. */
const exchangeBetweenSignatories = (
  context: GuardContext<{ readonly recipients: readonly string[] }>,
): GuardProblem[] => {
  const signed = signaturesOf(context.snapshot.facts);
  const sender = context.actor.agencyId;
  const { recipients } = context.payload;
  return [
    ...(sender !== undefined && !signed.includes(sender)
      ? [{ code: 'PRECONDITION_UNMET' as const, detail: `'${sender}' has not signed the agreement` }]
      : []),
    ...recipients
      .filter((r) => !signed.includes(r) || r === sender)
      .map((r) => ({
        code: 'PRECONDITION_UNMET' as const,
        detail: `payload.recipients: '${r}' is ${r === sender ? 'the sender' : 'not a signatory member'}`,
      })),
  ];
};

/** An extension of the term needs every signatory's consent to the same date (art. 19: by agreement). */
const everyoneConsented = (context: GuardContext): GuardProblem[] => {
  const until = String(context.payload.until);
  const consented = consentsOf(context.snapshot.facts)[until] ?? [];
  const missing = signaturesOf(context.snapshot.facts).filter((agency) => !consented.includes(agency));
  return missing.length
    ? [{ code: 'PRECONDITION_UNMET', detail: `no consent to extend until ${until} from: ${missing.join(', ')}` }]
    : [];
};

/**
 * Joint investigation team (UNTOC art. 19). A lead state assesses the need and proposes an
 * agreement; every member state signs it (members may join later and sign on accession); an
 * operational action plan is adopted; the team is active for a term set by the legal basis, which
 * the members may extend by consent — when it runs out unextended, the team moves to closure.
 * While active, members exchange evidence: each exchange is an event (who shared what with whom,
 * under which handling code), so the log is the process's timeline and audit chain; the state
 * keeps only the counts, which keeps a team that runs for years small (the workflow also
 * continues as new when its history grows). Closure ends with an evaluation.
 */
export const jointInvestigationDefinition = {
  type: 'joint-investigation',
  title: 'Joint investigation team',
  legalReference: 'UNTOC art. 19',
  parties: ['lead', 'member'],
  groups: ['member'],
  initial: 'needs-assessment',
  states: {
    'needs-assessment': { label: 'Needs assessment', awaiting: 'lead' },
    'agreement-drafting': { label: 'Agreement: to be signed by every member', awaiting: 'member' },
    'action-plan': { label: 'Operational action plan', awaiting: 'lead' },
    active: { label: 'Active' },
    closure: { label: 'Closure', awaiting: 'lead' },
    evaluated: { label: 'Evaluated', terminal: true },
    withdrawn: { label: 'Not set up', terminal: true },
  },
  actions: {
    'propose-agreement': {
      label: 'Propose the agreement to the members',
      from: ['needs-assessment'],
      to: 'agreement-drafting',
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ summary }),
    },
    join: {
      label: 'A further member joins the team',
      from: ['agreement-drafting', 'active'],
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      // Bound as `member:<agencyId>`, which the read model keeps in 40 characters.
      payload: z.object({
        agencyId: agencyId.max(33, 'at most 33 characters'),
        state: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
      }),
      joins: 'member',
    },
    'sign-agreement': typedAction({
      label: 'Sign the agreement (or accede to it)',
      from: ['agreement-drafting', 'active'],
      by: [{ party: 'member' }, { party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ signatory: agencyId }),
      guard: actsFor('signatory'),
      records: (payload, facts) => ({
        signatures: [...new Set([...signaturesOf(facts), payload.signatory])],
      }),
    }),
    'conclude-agreement': {
      label: 'Agreement signed by every member: draw up the action plan',
      from: ['agreement-drafting'],
      to: 'action-plan',
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      guard: everyoneSigned,
    },
    'adopt-action-plan': {
      label: 'Adopt the operational action plan: the team is active',
      from: ['action-plan'],
      to: 'active',
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ summary }),
    },
    'share-evidence': typedAction({
      label: 'Share evidence with other members (recorded in the exchange log)',
      from: ['active'],
      by: [{ party: 'member' }, { party: 'lead' }],
      payload: z.object({
        recipients: z.array(agencyId).min(1, 'at least one recipient'),
        item: z.string().trim().min(1, 'what is shared').max(500),
        handlingCode: z.enum(HandlingCodes),
      }),
      guard: exchangeBetweenSignatories,
      records: (payload, facts) => {
        const log = (facts['exchangeLog'] ?? { count: 0, byHandlingCode: {} }) as {
          count: number;
          byHandlingCode: Record<string, number>;
        };
        const code = payload.handlingCode;
        return {
          exchangeLog: {
            count: log.count + 1,
            byHandlingCode: { ...log.byHandlingCode, [code]: (log.byHandlingCode[code] ?? 0) + 1 },
          },
        };
      },
    }),
    'consent-to-extension': typedAction({
      label: 'Consent to extending the term until a date',
      from: ['active'],
      by: [{ party: 'member' }, { party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ consenting: agencyId, until: date }),
      guard: actsFor('consenting'),
      records: (payload, facts) => {
        const consents = consentsOf(facts);
        const until = payload.until;
        return {
          extensionConsents: {
            ...consents,
            [until]: [...new Set([...(consents[until] ?? []), payload.consenting])],
          },
        };
      },
    }),
    'extend-term': typedAction({
      label: 'Extend the term (every signatory consented)',
      from: ['active'],
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ until: date }),
      guard: everyoneConsented,
      extendsDeadline: 'term',
    }),
    'refer-for-confiscation': {
      label: 'Refer assets the team found for freezing and confiscation (starts an asset-confiscation in the case)',
      from: ['active'],
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ description: summary }),
      spawns: { type: 'asset-confiscation', parties: { requesting: 'lead', requested: 'member' } },
    },
    close: {
      label: 'Close the operations',
      from: ['active'],
      to: 'closure',
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
    'expire-term': {
      label: 'The term ran out without an extension',
      from: ['active'],
      to: 'closure',
      by: [],
    },
    evaluate: {
      label: 'Evaluate the team',
      from: ['closure'],
      to: 'evaluated',
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ summary }),
    },
    withdraw: {
      label: 'Do not set the team up',
      from: ['needs-assessment', 'agreement-drafting', 'action-plan'],
      to: 'withdrawn',
      by: [{ party: 'lead' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'term',
      label: "The team's term (extendable by consent)",
      rule: 'jit-term',
      while: ['active'],
      onExpiry: { kind: 'transition', action: 'expire-term' },
    },
  ],
  statistics: {
    requestingParty: 'lead',
    requestedParty: 'member',
    acknowledgedAt: ['agreement-drafting'],
    decidedAt: ['action-plan'],
    outcomes: { evaluated: 'executed', withdrawn: 'withdrawn' },
    counts: { 'teams-active': ['active'] },
  },
} as const satisfies ProcessDefinition;
