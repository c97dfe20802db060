import { z } from 'zod';
import {
  fiscalOnlyProblem,
  ListedOffences,
  refusalGroundsOf,
  type RefusalGround,
  type RefusalStatement,
} from '../legal-basis/refusal-grounds.table';
import {
  ATTACH_DOCUMENT_ACTION,
  documentClaim,
  documentIdentifier,
  DOCUMENTS_FACT,
  type AttachedDocument,
} from '../documents/documents';
import { own } from '../model/own';
import { Priorities } from '../model/process-state';
import {
  typedAction,
  type ActionDefinition,
  type GuardContext,
  type GuardProblem,
  type ProcessDefinition,
} from '../model/process-definition';

export const reasons = z.string().trim().min(1, 'reasons are required');

// A plain pattern rather than z.iso.date(), whose check fails inside Temporal's workflow sandbox.
export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-01')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a calendar date');

/** A state, as an ISO 3166-1 alpha-2 code (party bindings use the same). */
export const stateCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as DE');

/** A non-empty text field, with a message naming it. */
export const required = (name: string) => z.string().trim().min(1, `${name} is required`);

/**
 * The reasons of a refusal (UNTOC 18(23), 16(16); EIO art. 11(4)): shown to the other state, so they
 * must say something — a minimum length and at least a few words, so that "." or "no" fails.
 */
export const refusalReasons = z
  .string()
  .trim()
  .min(30, 'reasons must explain the refusal (at least 30 characters)')
  .refine(
    (value) => (value.match(/\p{L}{2,}/gu) ?? []).length >= 5,
    'reasons must explain the refusal in words (at least 5)',
  );

/** A coded refusal: the ground, its reasons, and the statements some grounds or reasons call for. */
export const refusalPayload = z.object({
  ground: required('a coded ground'),
  reasons: refusalReasons,
  /** Required when the reasons invoke fiscal matters (see fiscalOnlyProblem). */
  beyondFiscal: refusalReasons
    .optional()
    .describe(
      'Needed when the reasons invoke fiscal matters: why the refusal would stand if the offence involved none (a refusal may not rest on fiscal matters alone, e.g. UNTOC 18(22)).',
    ),
  /** Required for UNTOC 18(9) (no dual criminality): the non-coercive assistance considered. */
  nonCoerciveAssistance: refusalReasons
    .optional()
    .describe(
      'Needed for a refusal for want of dual criminality (UNTOC 18(9)): what assistance not involving coercive action was considered, and why it is not given.',
    ),
});
export type RefusalPayload = z.infer<typeof refusalPayload>;

/** The fact a consultation's state is recorded under, and the deadline its answer runs against. */
export const CONSULTATION_FACT = 'consultation';
export const CONSULTATION_DEADLINE = 'consultation';

export interface ConsultationRecord {
  readonly intended: string;
  readonly reasons: string;
  readonly ground?: string;
  readonly status: 'awaiting-answer' | 'answered';
  readonly answer?: string;
}

/** A consultation was held: the requesting side answered, or its time to answer ran out (18(26)). */
export function consultationHeld(snapshot: GuardContext['snapshot']): boolean {
  const consultation = snapshot.facts[CONSULTATION_FACT] as ConsultationRecord | undefined;
  if (consultation?.status === 'answered') return true;
  return snapshot.deadlines.some(
    (d) => d.id === CONSULTATION_DEADLINE && (d.status === 'expired' || d.status === 'missed'),
  );
}

/**
 * The grounds the action may take: the table's for the legal basis and process type
 * (refusal-grounds.table), less those another action handles (a ground whose obligation this action
 * would bypass: the state machine refuses it), so that a refusal never lists a ground the next
 * attempt is refused on.
 */
function groundsTaken({ basis, snapshot, groundsElsewhere }: GuardContext<unknown>): string[] {
  return Object.keys(refusalGroundsOf(basis.id, snapshot.type).grounds).filter(
    (ground) => own(groundsElsewhere, ground) === undefined,
  );
}

function notPermitted(context: GuardContext<unknown>, ground: string): GuardProblem {
  const permitted = groundsTaken(context);
  return {
    code: 'NOT_PERMITTED_BY_LEGAL_BASIS',
    detail: `payload.ground '${ground}' is not permitted by ${context.basis.id} for ${context.snapshot.type} (permitted: ${permitted.length ? permitted.join(', ') : 'none'})`,
  };
}

/**
 * A refusal ground must be one the legal basis permits for this process type (refusal-grounds.table),
 * available for the process's offence, preceded by a consultation where the instrument asks for
 * one, carry the statements the ground requires, and not rest on fiscal matters alone. A ground
 * handled elsewhere is the state machine's to refuse (it names the action that takes it).
 */
export function permittedGround(context: GuardContext<RefusalPayload>): GuardProblem[] {
  const { payload, basis, snapshot, groundsElsewhere } = context;
  const { ground } = payload;
  if (own(groundsElsewhere, ground) !== undefined) return [];
  const instrument = refusalGroundsOf(basis.id, snapshot.type);
  const rule = own(instrument.grounds, ground);
  if (!rule) return [notPermitted(context, ground)];
  const problems: GuardProblem[] = [];
  if (rule.notForListedOffences && snapshot.offence && ListedOffences.includes(snapshot.offence)) {
    problems.push({
      code: 'NOT_PERMITTED_BY_LEGAL_BASIS',
      detail: `payload.ground '${ground}' is not available for ${snapshot.offence}, a listed offence (${rule.article})`,
    });
  }
  if (rule.consultFirst && !consultationHeld(snapshot)) {
    problems.push({
      code: 'PRECONDITION_UNMET',
      detail: `refusing on '${ground}' needs a prior consultation (${instrument.consultation ?? rule.article}): the requesting side has not answered and its time to answer has not run out`,
    });
  }
  for (const [field, says] of statementsRequired(rule.requires)) {
    if (payload[field] === undefined) {
      problems.push({ code: 'PRECONDITION_UNMET', detail: `payload.${field} is required for '${ground}': ${says}` });
    }
  }
  const fiscal = fiscalOnlyProblem(instrument, payload.reasons, payload.beyondFiscal);
  if (fiscal) problems.push({ code: 'NOT_PERMITTED_BY_LEGAL_BASIS', detail: fiscal });
  return problems;
}

const statementsRequired = (requires: RefusalGround['requires']) =>
  Object.entries(requires ?? {}) as [RefusalStatement, string][];

/**
 * The ground check of definitions at version 1 (the running processes started before version 2):
 * the ground must be in the table; consultation, statements and the fiscal rule came with version 2.
 */
export function groundInTable(context: GuardContext<{ readonly ground: string }>): GuardProblem[] {
  const { ground } = context.payload;
  if (own(context.groundsElsewhere, ground) !== undefined) return [];
  return own(refusalGroundsOf(context.basis.id, context.snapshot.type).grounds, ground) !== undefined
    ? []
    : [notPermitted(context, ground)];
}

/** What a refusal records, for the other state to read on the process (`legalRecord`). */
export function refusalRecord(basisId: string, processType: string, refusal: RefusalPayload) {
  return {
    ground: refusal.ground,
    article: own(refusalGroundsOf(basisId, processType).grounds, refusal.ground)?.article,
    reasons: refusal.reasons,
    ...(refusal.beyondFiscal ? { beyondFiscal: refusal.beyondFiscal } : {}),
    ...(refusal.nonCoerciveAssistance ? { nonCoerciveAssistance: refusal.nonCoerciveAssistance } : {}),
  };
}

/** The action that puts a process started outside any case into one (`setsCase`). */
export const LINK_CASE_ACTION = 'link-case';

/** A case id, as the API accepts one (letters, digits and . _ : -); the API checks link-case by it too. */
export const caseIdentifier = z
  .string()
  .trim()
  .min(1, 'a case id is required')
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/**
 * What attach-document carries: the claim check the API fills in from the document it names (the
 * caller names only the document, what it relates to and a note), never the document's bytes.
 */
const attachDocumentRequest = z.object({
  documentId: documentIdentifier,
  relatesTo: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The sequence of the event the document supports (e.g. the execution that returned it)'),
  note: z.string().trim().max(2000).optional(),
});
const attachDocumentPayload = documentClaim.extend(attachDocumentRequest.shape);

const attachedDocuments = (facts: Readonly<Record<string, unknown>>): readonly AttachedDocument[] =>
  (facts[DOCUMENTS_FACT] as readonly AttachedDocument[] | undefined) ?? [];

/** Actions every process type has, whatever its stages. */
export function withCommonActions<S extends string, A extends string>(
  definition: ProcessDefinition<S, A>,
): ProcessDefinition<S, A | 'change-priority' | typeof LINK_CASE_ACTION | typeof ATTACH_DOCUMENT_ACTION> {
  const open = (Object.keys(definition.states) as S[]).filter((s) => !definition.states[s].terminal);
  const changePriority: ActionDefinition<S> = {
    label: 'Change the priority (deadlines follow)',
    from: open,
    by: [{ role: 'coordinator' }],
    payload: z.object({ priority: z.enum(Priorities), reason: reasons }),
    setsPriority: true,
  };
  // The API checks the case exists and that the process's handling code is at least the case's.
  const linkCase: ActionDefinition<S> = {
    label: 'Put the process in a case',
    from: open,
    by: [{ role: 'coordinator' }],
    payload: z.object({ caseId: caseIdentifier, reason: reasons }),
    setsCase: true,
  };
  // Any party or a coordinator, in any open stage; the API checks the document is this process's,
  // checked and sealed, and fills in its claim check (documents.service).
  const attachDocument = typedAction<S, typeof attachDocumentPayload>({
    label: 'Attach a document',
    from: open,
    by: [{ role: 'coordinator' }, ...definition.parties.map((party) => ({ party }))],
    payload: attachDocumentPayload,
    request: attachDocumentRequest,
    guard: ({ payload, snapshot }) => [
      ...(attachedDocuments(snapshot.facts).some((d) => d.documentId === payload.documentId)
        ? [{ code: 'PRECONDITION_UNMET' as const, detail: `document '${payload.documentId}' is already attached` }]
        : []),
      ...(payload.relatesTo !== undefined && payload.relatesTo > snapshot.sequence
        ? [
            {
              code: 'PRECONDITION_UNMET' as const,
              detail: `payload.relatesTo: the process has no event ${payload.relatesTo} (its last is ${snapshot.sequence})`,
            },
          ]
        : []),
    ],
    records: ({ documentId, kind, sha256, size, language, relatesTo }, facts) => ({
      [DOCUMENTS_FACT]: [
        ...attachedDocuments(facts),
        {
          documentId,
          kind,
          sha256,
          size,
          ...(language === undefined ? {} : { language }),
          ...(relatesTo === undefined ? {} : { relatesTo }),
        },
      ],
    }),
  });
  return {
    ...definition,
    actions: {
      ...definition.actions,
      'change-priority': changePriority,
      [LINK_CASE_ACTION]: linkCase,
      [ATTACH_DOCUMENT_ACTION]: attachDocument,
    },
  };
}
