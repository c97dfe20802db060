import { z } from 'zod';
import { amountPayload, fromUnits, stillFrozen, toUnits, underManagement, type Ledger } from '../model/asset-ledger';
import { typedAction, type GuardContext, type GuardProblem, type ProcessDefinition } from '../model/process-definition';
import { permittedGround, reasons, refusalPayload } from './common';

const description = z.string().trim().min(1, 'a description is required');

/** The amount asked for must not exceed what `available` leaves in its currency. */
const notBeyond =
  (what: string, available: (ledger: Ledger | undefined, currency: string) => bigint) =>
  ({ payload, snapshot }: GuardContext<{ readonly amount: string; readonly currency: string }>): GuardProblem[] => {
    const { amount, currency } = payload;
    const left = available(snapshot.ledger, currency);
    return toUnits(amount) <= left
      ? []
      : [
          {
            code: 'PRECONDITION_UNMET',
            detail: `payload.amount: ${amount} ${currency} exceeds what is ${what} (available: ${fromUnits(left)} ${currency})`,
          },
        ];
  };

const withinFrozen = notBeyond('still frozen', stillFrozen);
const withinManaged = notBeyond('confiscated and under management', underManagement);

/** Art. 14(2): victims' claims are settled before anything is shared with other states (14(3)). */
const victimsSettled = ({ snapshot }: GuardContext): GuardProblem[] =>
  snapshot.facts['victimsSettled'] === true
    ? []
    : [{ code: 'PRECONDITION_UNMET', detail: "victims' claims must be settled first ('settle-victim-claims', 14(2))" }];

/**
 * Asset confiscation (UNTOC arts 13–14). The requesting state traces and identifies the proceeds;
 * it asks the requested state to freeze or seize them — an urgent request is counted in hours,
 * from the legal basis — and then to give effect to a confiscation order (its own, enforced, or one
 * the requested state obtains, 13(1)(a)-(b)). The requested state manages the assets and disposes
 * of them: first returning them to victims (14(2)), then sharing with other states (14(3)); the
 * rest stays with it (14(1)). Every amount goes to the ledger per currency (see asset-ledger.ts),
 * and a request that would make it not reconcile is refused.
 */
export const assetConfiscationDefinition = {
  type: 'asset-confiscation',
  title: 'Asset confiscation',
  legalReference: 'UNTOC arts 13–14',
  parties: ['requesting', 'requested'],
  initial: 'tracing',
  states: {
    tracing: { label: 'Tracing and identifying the assets', awaiting: 'requested' },
    'freezing-requested': { label: 'Freezing or seizure requested', awaiting: 'requested' },
    'freezing-recognised': { label: 'Freezing order recognised (to be executed)', awaiting: 'requested' },
    frozen: { label: 'Assets frozen or seized', awaiting: 'requesting' },
    'confiscation-requested': { label: 'Confiscation order to enforce or obtain', awaiting: 'requested' },
    'asset-management': { label: 'Confiscated: assets under management', awaiting: 'requested' },
    disposal: { label: 'Disposal: return to victims, then sharing', awaiting: 'requested' },
    disposed: { label: 'Disposed of', terminal: true },
    refused: { label: 'Refused', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    'report-assets': {
      label: 'Report assets traced and identified',
      from: ['tracing'],
      by: [{ party: 'requested' }, { party: 'requesting' }],
      payload: z.object({ description }),
    },
    'request-freezing': typedAction({
      label: 'Request freezing or seizure (may be synchronised with an arrest in the case)',
      from: ['tracing'],
      to: 'freezing-requested',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({
        description,
        synchronisedWithArrest: z.boolean().default(false),
        /** The extradition of the case whose provisional arrest waits until the assets are frozen. */
        synchronisedWith: z
          .string()
          .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'a process id')
          .optional(),
      }),
      records: (payload) => ({
        synchronisedWithArrest: payload.synchronisedWithArrest === true || payload.synchronisedWith !== undefined,
        ...(payload.synchronisedWith !== undefined ? { 'held:request-freezing': payload.synchronisedWith } : {}),
      }),
      holds: {
        field: 'synchronisedWith',
        action: 'arrest-provisionally',
        releasedAt: ['frozen', 'refused', 'withdrawn'],
        reason: 'a synchronised freezing of the assets must be executed first',
      },
    }),
    'recognise-freezing': {
      label: 'Recognise the freezing order',
      from: ['freezing-requested'],
      to: 'freezing-recognised',
      by: [{ party: 'requested' }],
    },
    'refuse-freezing': typedAction({
      label: 'Refuse the freezing order (ground and reasons)',
      from: ['freezing-requested'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: refusalPayload,
      guard: permittedGround,
    }),
    'execute-freezing': {
      label: 'Freezing or seizure executed (amount frozen)',
      from: ['freezing-recognised'],
      to: 'frozen',
      by: [{ party: 'requested' }],
      payload: amountPayload,
    },
    'freeze-more': {
      label: 'Further assets frozen',
      from: ['frozen', 'confiscation-requested'],
      by: [{ party: 'requested' }],
      payload: amountPayload,
    },
    'release-assets': typedAction({
      label: 'Release frozen assets (amount and reasons)',
      from: ['frozen', 'confiscation-requested', 'asset-management'],
      by: [{ party: 'requested' }],
      payload: amountPayload.extend({ reasons }),
      guard: withinFrozen,
    }),
    'transmit-confiscation-order': {
      label: 'Transmit a confiscation order (to enforce) or ask for one (to obtain)',
      from: ['frozen'],
      to: 'confiscation-requested',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ mode: z.enum(['enforce', 'obtain']), reference: description }),
    },
    'enforce-confiscation': typedAction({
      label: "Give effect to the requesting state's confiscation order (13(1)(b))",
      from: ['confiscation-requested'],
      to: 'asset-management',
      by: [{ party: 'requested' }],
      payload: amountPayload,
      guard: withinFrozen,
    }),
    'obtain-confiscation-order': typedAction({
      label: 'Confiscation order obtained from a domestic court (13(1)(a))',
      from: ['confiscation-requested'],
      to: 'asset-management',
      by: [{ party: 'requested' }],
      payload: amountPayload,
      guard: withinFrozen,
    }),
    'refuse-confiscation': typedAction({
      label: 'Refuse the confiscation order (ground and reasons)',
      from: ['confiscation-requested'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: refusalPayload,
      guard: permittedGround,
    }),
    'confiscate-more': typedAction({
      label: 'Further frozen assets confiscated',
      from: ['asset-management'],
      by: [{ party: 'requested' }],
      payload: amountPayload,
      guard: withinFrozen,
    }),
    'record-management-cost': typedAction({
      label: 'Record a cost of managing the assets',
      from: ['asset-management', 'disposal'],
      by: [{ party: 'requested' }],
      payload: amountPayload,
      guard: withinManaged,
    }),
    'begin-disposal': {
      label: 'Begin disposal',
      from: ['asset-management'],
      to: 'disposal',
      by: [{ party: 'requested' }],
    },
    'return-to-victims': typedAction({
      label: 'Return assets to victims or legitimate owners (14(2))',
      from: ['disposal'],
      by: [{ party: 'requested' }],
      payload: amountPayload.extend({ claim: description }),
      guard: withinManaged,
    }),
    'settle-victim-claims': {
      label: "Victims' claims settled (sharing may start)",
      from: ['disposal'],
      by: [{ party: 'requested' }],
      records: () => ({ victimsSettled: true }),
    },
    share: typedAction({
      label: 'Share assets with another state (14(3))',
      from: ['disposal'],
      by: [{ party: 'requested' }],
      payload: amountPayload.extend({ withState: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code') }),
      guard: (context) => [...victimsSettled(context), ...withinManaged(context)],
    }),
    'close-disposal': {
      label: 'Disposal complete (any rest stays with the requested state, 14(1))',
      from: ['disposal'],
      to: 'disposed',
      by: [{ party: 'requested' }],
      guard: victimsSettled,
    },
    withdraw: {
      label: 'Withdraw the request',
      from: ['tracing', 'freezing-requested', 'freezing-recognised', 'frozen', 'confiscation-requested'],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'freezing-recognition',
      label: 'Decide on recognition of the freezing order',
      rule: 'freezing-recognition',
      while: ['freezing-requested'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: 'freezing-execution',
      label: 'Execute the freezing order',
      rule: 'freezing-execution',
      while: ['freezing-recognised'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: 'confiscation-recognition',
      label: 'Decide on the confiscation order',
      rule: 'confiscation-recognition',
      while: ['confiscation-requested'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    acknowledgedAt: ['freezing-recognised'],
    // The freezing decision; a later refusal of the confiscation order does not decide it twice.
    decidedAt: ['frozen', 'refused'],
    outcomes: { disposed: 'executed', refused: 'refused', withdrawn: 'withdrawn' },
    counts: { 'assets-frozen': ['frozen'], 'assets-confiscated': ['asset-management'] },
    amounts: {
      'execute-freezing': 'frozen',
      'freeze-more': 'frozen',
      'release-assets': 'released',
      'enforce-confiscation': 'confiscated',
      'obtain-confiscation-order': 'confiscated',
      'confiscate-more': 'confiscated',
      'record-management-cost': 'management-costs',
      'return-to-victims': 'returned-to-victims',
      share: 'shared',
    },
  },
} as const satisfies ProcessDefinition;
