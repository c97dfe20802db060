import { z } from 'zod';
import {
  AssetFigures,
  HandlingCodes,
  Offences,
  OffChannels,
  Outcomes,
  Priorities,
  RequestForms,
  Roles,
  StatisticsGroupings,
} from '@comity/domain';
import type { Answer } from './answer';

/**
 * What the API answers, defined once: the API documents its answers with these schemas (the
 * OpenAPI document; the fuzz run in test/e2e/api-fuzz checks every response against it), and the
 * dashboard and the CLI read them as the types inferred below.
 */
const instant = z.string();
const actor = z.object({ userId: z.string(), role: z.enum(Roles), agencyId: z.string().optional() });
const parties = z.record(z.string(), z.object({ agencyId: z.string(), state: z.string() }));
const deadline = z.object({
  id: z.string(),
  label: z.string(),
  startedAt: instant,
  dueAt: instant,
  status: z.string(),
});

/** The caller as the API sees it (GET /api/v1/me): what the token's claims map to (libs/auth claims.ts). */
export const caller = z.object({
  userId: z.string(),
  role: z.enum(Roles),
  agencyId: z.string().optional(),
  tokenExpiresAt: z.iso.datetime(),
});

export const filledRequestForm = z.object({
  form: z.enum(RequestForms),
  processId: z.string(),
  sections: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .describe("the form's sections (EIO Annex A: A–K and annexes; UNODC: its headings), as filled"),
  missing: z
    .array(z.string())
    .describe("what the form asks that the process does not hold: '<section>: <field> (<where Comity takes it from>)'"),
});

export const auditVerdict = z.object({
  processId: z.string(),
  valid: z.boolean(),
  length: z.number().int(),
  anchored: z.boolean().describe('whether the chain was checked against the head the process itself holds'),
  pending: z
    .number()
    .int()
    .optional()
    .describe('events the process has recorded that the read model has not yet (it lags by moments)'),
  firstBrokenSequence: z.number().int().optional(),
  reason: z.string().optional(),
});

/** The body of every error answer (ApiErrorBody); the codes are listed in docs/api.md#errors. */
export const errorBody = z.object({
  statusCode: z.number().int().describe('the HTTP status, repeated'),
  code: z.string().describe('stable and machine-readable, e.g. ACTION_NOT_ALLOWED_IN_STATE'),
  message: z.string().describe('for people; names the offending field or rule'),
  details: z
    .array(z.string())
    .optional()
    .describe('one entry per offending field, e.g. `body.parties.requested.state: …` or `payload.questions: …`'),
});

/** The `data` of one `process` event on GET /api/v1/stream: what moved, never what it carried. */
export const processStreamEvent = z.object({
  type: z.string().describe('the CloudEvent type, e.g. comity.mla.transmitted.v1'),
  processId: z.string(),
  processType: z.string(),
  caseId: z.string().optional(),
  sequence: z.number().int(),
  action: z.string(),
  stage: z.string(),
  terminal: z.boolean(),
  overdue: z.boolean(),
  priority: z.enum(Priorities),
  occurredAt: instant,
});

export const startedProcess = z.object({ id: z.string(), type: z.string(), stage: z.string(), created: z.boolean() });

export const processResource = z.object({
  id: z.string(),
  type: z.string(),
  caseId: z.string().optional(),
  offence: z.enum(Offences).optional(),
  legalBasis: z.string(),
  priority: z.enum(Priorities),
  handlingCode: z.enum(HandlingCodes),
  parties,
  stage: z.string(),
  stageLabel: z.string(),
  terminal: z.boolean(),
  overdue: z.boolean(),
  sequence: z.number().int(),
  deadlines: z.array(deadline.extend({ reminders: z.array(instant), remindersSent: z.number().int() })),
  tasks: z.array(
    z.object({ taskId: z.string(), agencyId: z.string(), party: z.string(), stage: z.string(), status: z.string() }),
  ),
  allowedActions: z.array(z.object({ action: z.string(), label: z.string() })),
  offChannelParties: z
    .array(
      z.object({
        party: z.string(),
        agencyId: z.string(),
        actions: z.array(z.object({ action: z.string(), label: z.string() })),
      }),
    )
    .optional()
    .describe(
      'for a coordinator or admin: the parties the directory lists as reached outside Comity (post, diplomatic channel, e-mail), each with the actions that may be recorded for it now (`offChannel.onBehalfOf`)',
    ),
  /** Asset amounts per currency and figure (decimal strings), for types that keep a ledger. */
  ledger: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  /** Actions other processes of the case hold back for now (e.g. an arrest until a freezing is executed). */
  holds: z.array(z.object({ id: z.string(), action: z.string(), heldBy: z.string(), reason: z.string() })).optional(),
  /**
   * What the states decided and told each other, by the definition's public facts: a refusal's
   * ground, article and reasons, a consultation and its answer, conditions, a postponement, the
   * findings on a transfer's conditions, the use of evidence consented to.
   */
  legalRecord: z.record(z.string(), z.unknown()),
  startedAt: instant,
  updatedAt: instant,
  directoryVersion: z
    .number()
    .int()
    .optional()
    .describe(
      'the version of the directory of competent authorities its parties were found in and checked against at the start',
    ),
  stageSince: instant
    .optional()
    .describe(
      'when the process reached its stage (a step taken outside Comity: when it was taken); a step dated outside Comity may not be earlier',
    ),
});

export const processSummary = z.object({
  id: z.string(),
  type: z.string(),
  stage: z.string(),
  terminal: z.boolean(),
  caseId: z.string().nullable(),
  offence: z.string().nullable(),
  legalBasis: z.string(),
  priority: z.enum(Priorities),
  priorityRank: z.number().int(),
  handlingCode: z.enum(HandlingCodes),
  parties,
  deadlines: z.array(deadline),
  nextDueAt: instant,
  overdue: z.boolean(),
  awaitingAgency: z.string().nullable(),
  lastSequence: z.number().int(),
  startedAt: instant,
  updatedAt: instant,
});

export const stalledProcesses = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      workflowType: z.string(),
      startedAt: instant.nullable(),
      problems: z.array(z.string()).describe('what Temporal reports, e.g. category=WorkflowTaskFailed'),
    }),
  ),
});

export const processPage = z.object({ items: z.array(processSummary), nextCursor: z.string().optional() });

/** A message a consumer could not apply (comity.dead-letter.v1), as recorded; never its bytes. */
export const deadLetter = z.object({
  id: z.string().describe('where the message sat: <topic>/<partition>/<offset>'),
  originalTopic: z.string().nullable(),
  agencyId: z.string().nullable().describe('the agency whose answer topic it came from'),
  messageKey: z.string().nullable().describe('its key: the process id, for events and answers'),
  check: z.string().describe('the check it failed: parse, schema, signature, agency, process, task, action, …'),
  code: z.string().nullable().describe("the domain's stable code, when the domain refused it"),
  reason: z.string(),
  deadLetteredAt: instant,
});
export const deadLetterPage = z.object({ items: z.array(deadLetter), nextCursor: z.string().optional() });

/** What needs attention now, counted for the dashboard's header. */
export const incidents = z.object({
  overdue: z.number().int().describe('running processes past a deadline (that the caller may see)'),
  stalled: z
    .number()
    .int()
    .nullable()
    .describe('running processes whose workflow task keeps failing; null while Temporal does not answer'),
  deadLetters: z
    .number()
    .int()
    .nullable()
    .describe('messages dead-lettered since deadLettersSince; null for a caller who may not see them (auditors)'),
  deadLettersSince: instant,
});

const timelineEntry = z.object({
  sequence: z.number().int(),
  type: z.string(),
  action: z.string(),
  fromStage: z.string().nullable(),
  stage: z.string(),
  actor,
  occurredAt: instant,
  payload: z.unknown(),
  evidence: z
    .object({ kid: z.string(), jws: z.string() })
    .optional()
    .describe(
      "the agency's signed answer the event came from: a compact JWS, verifiable with the key `kid` it registered",
    ),
  offChannel: z
    .object({
      channel: z.enum(OffChannels),
      at: instant.describe('when the step was taken (sent, or received); its deadlines run from here'),
      reference: z.string().optional().describe("the paper's own reference (registered post, note verbale)"),
      onBehalfOf: z
        .object({ party: z.string(), agencyId: z.string() })
        .optional()
        .describe('the party whose step it was, recorded for it (an authority reached outside Comity)'),
      documents: z.array(z.string()).describe('the scans: documents attached to the process'),
    })
    .optional()
    .describe(
      'set when the step was taken outside Comity and recorded by a coordinator; occurredAt is when it was recorded',
    ),
});

export const timeline = z.object({ items: z.array(timelineEntry) });

export const pipeline = z.object({
  types: z.array(
    z.object({
      type: z.string(),
      title: z.string(),
      stages: z.array(
        z.object({
          stage: z.string(),
          label: z.string(),
          terminal: z.boolean(),
          count: z.number().int(),
          overdue: z.number().int(),
          oldestUpdatedAt: instant.nullable(),
          cards: z
            .array(processSummary)
            .optional()
            .describe(
              'when asked for (cards=N): up to N of its processes, those that waited longest here first, or in a final stage the latest',
            ),
        }),
      ),
    }),
  ),
});

export const processType = z.object({
  type: z.string(),
  title: z.string(),
  legalReference: z.string(),
  parties: z.array(z.string()),
  /** JSON Schema of what the start `data` may declare. */
  startData: z.record(z.string(), z.unknown()),
  /** JSON Schema of the whole body of POST /processes for this type (what a start form draws). */
  startRequest: z.record(z.string(), z.unknown()),
  /** The legal bases that can ground this type; `states`: the only states an instrument binds, null for any. */
  legalBases: z.array(z.object({ id: z.string(), name: z.string(), states: z.array(z.string()).nullable() })),
  initial: z.string(),
  stages: z.array(
    z.object({ stage: z.string(), label: z.string(), terminal: z.boolean(), awaiting: z.string().nullable() }),
  ),
  actions: z.array(
    z.object({
      action: z.string(),
      label: z.string(),
      from: z.array(z.string()),
      /** null: the action records something without moving. */
      to: z.string().nullable(),
      /** `party:<slot>` or `role:<role>`; empty when only the system takes it (on a deadline). */
      by: z.array(z.string()),
      /** JSON Schema of the action's payload: its fields, which are required, the values allowed. */
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
  deadlines: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      rule: z.string(),
      while: z.array(z.string()),
      /** `escalate`, or `action:<action>` taken automatically. */
      onExpiry: z.string(),
      /** The party slot an escalation opens a task for; null for an automatic action. */
      escalatesTo: z.string().nullable(),
    }),
  ),
  /** What this type brings to its case: actions that start another process in it, hold back another's action, obligations it opens. */
  caseRules: z.object({
    spawns: z.array(z.object({ action: z.string(), type: z.string() })),
    holds: z.array(
      z.object({
        action: z.string(),
        /** The payload field that names the process held back. */
        field: z.string(),
        /** The action held back in that process. */
        holds: z.string(),
        releasedAt: z.array(z.string()),
        reason: z.string(),
      }),
    ),
    obligations: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        article: z.string(),
        owedBy: z.string(),
        openWhile: z.array(z.string()),
        dischargedAt: z.array(z.string()),
      }),
    ),
  }),
  /** The grounds a refusal may take, per legal basis (libs/domain's refusal-grounds table; docs/legal-bases.md). */
  refusalGrounds: z.array(
    z.object({
      legalBasis: z.string(),
      /** The article that lists the grounds. */
      article: z.string(),
      /** Where refusing solely on fiscal grounds is barred (the refusal then needs `beyondFiscal`). */
      fiscalBar: z.string().nullable(),
      /** Where the instrument asks for consultation before refusing. */
      consultation: z.string().nullable(),
      grounds: z.array(
        z.object({
          ground: z.string(),
          article: z.string(),
          meaning: z.string(),
          /** A consultation must have been answered, or its time run out, before refusing on it. */
          consultFirst: z.boolean(),
          /** Not available when the offence is a listed offence (EIO Annex D, Reg. 2018/1805 art. 3(1)). */
          notForListedOffences: z.boolean(),
          /** The case obligation refusing on it opens (e.g. prosecute instead, UNTOC 16(10)). */
          opens: z.string().nullable(),
          /** Payload fields the refusal must carry besides its reasons. */
          requires: z.array(z.string()),
        }),
      ),
    }),
  ),
});
export const processTypeList = z.object({ types: z.array(processType) });

const caseFacts = z.object({
  caseId: z.string(),
  title: z.string(),
  handlingCode: z.enum(HandlingCodes),
  openedBy: actor,
  openedAt: instant,
});
export const openedCase = caseFacts.extend({ created: z.boolean() });
export const caseView = caseFacts.extend({
  processes: z.array(z.object({ id: z.string(), type: z.string(), stage: z.string() })),
  obligations: z.array(
    z.object({ id: z.string(), label: z.string(), processId: z.string(), status: z.enum(['open', 'discharged']) }),
  ),
});

export const caseTimeline = z.object({
  caseId: z.string(),
  items: z.array(
    timelineEntry.extend({
      processId: z.string(),
      processType: z.string(),
      payloadWithheld: z.literal(true).optional(),
    }),
  ),
});

const check = z.union([
  z.object({ status: z.literal('up'), latencyMs: z.number() }),
  z.object({ status: z.literal('down'), error: z.string() }),
]);
export const health = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ temporal: check, kafka: check, database: z.intersection(check, z.object({ type: z.string() })) }),
  stalledProcesses: z
    .number()
    .int()
    .nullable()
    .describe(
      'running processes whose workflow task keeps failing (GET /api/v1/stalled); null when Temporal does not answer',
    ),
  keys: z
    .object({
      codec: z
        .object({ activeKeyId: z.string(), keys: z.record(z.string(), z.string()) })
        .nullable()
        .describe('the active payload-encryption key id and a fingerprint (16 hex digits of SHA-256) of every key'),
      token: z.string().nullable().describe('fingerprint of the local token signing key; null under OIDC'),
      actions: z.record(z.string(), z.string()).nullable().describe('a fingerprint of each action-signing key, by id'),
    })
    .describe('fingerprints of the keys this API holds, never the keys'),
});

const count = z.number().int().min(0);
const days = z.number().min(0).nullable();
const timing = z.object({ count, median: days, p90: days });
const figures = z.object({
  opened: count,
  sent: count,
  received: count,
  outcomes: z.object(Object.fromEntries(Outcomes.map((outcome) => [outcome, count]))),
  refusedByGround: z.record(z.string(), count),
  pending: z.object({ count, medianAgeDays: days, maxAgeDays: days }),
  daysToAcknowledge: timing,
  daysToDecide: timing,
  daysToExecute: timing,
  withinDeadline: z.object({ completed: count, withinDeadline: count, share: z.number().min(0).max(1).nullable() }),
  counts: z.record(z.string(), count),
  /** Per currency (ISO 4217), each asset figure as a decimal string. */
  assets: z.record(
    z.string(),
    z.object(Object.fromEntries(AssetFigures.map((figure) => [figure, z.string().regex(/^\d+\.\d+$/)]))),
  ),
});
export const statisticsReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  ownState: z.string(),
  groupBy: z.enum(StatisticsGroupings),
  total: figures,
  groups: z.array(z.object({ key: z.string(), figures })),
});

export type Caller = Answer<typeof caller>;
export type AuditVerdict = Answer<typeof auditVerdict>;
export type ErrorBody = Answer<typeof errorBody>;
export type ProcessStreamEvent = Answer<typeof processStreamEvent>;
export type StartedProcess = Answer<typeof startedProcess>;
export type ProcessResource = Answer<typeof processResource>;
export type Deadline = ProcessResource['deadlines'][number];
export type ProcessSummary = Answer<typeof processSummary>;
export type ProcessPage = Answer<typeof processPage>;
export type StalledProcesses = Answer<typeof stalledProcesses>;
export type DeadLetterPage = Answer<typeof deadLetterPage>;
export type Incidents = Answer<typeof incidents>;
export type Timeline = Answer<typeof timeline>;
export type TimelineEntry = Timeline['items'][number];
export type Pipeline = Answer<typeof pipeline>;
export type ProcessType = Answer<typeof processType>;
export type ProcessTypeList = Answer<typeof processTypeList>;
export type OpenedCase = Answer<typeof openedCase>;
export type CaseView = Answer<typeof caseView>;
export type CaseTimeline = Answer<typeof caseTimeline>;
export type Health = Answer<typeof health>;
export type StatisticsReport = Answer<typeof statisticsReport>;
export type Figures = StatisticsReport['total'];

const custodyActor = z.object({ userId: z.string(), role: z.string(), agencyId: z.string().optional() });

/** A document of a process (docs/documents.md). */
export const documentResource = z.object({
  id: z.string(),
  processId: z.string(),
  kind: z.string(),
  name: z.string(),
  mediaType: z.string(),
  language: z.string().optional(),
  size: z.number().int(),
  status: z
    .enum(['uploading', 'scanning', 'available', 'quarantined', 'rejected', 'expired'])
    .describe('expired: deleted with its key once its retention ended; the record and its custody remain'),
  problem: z.string().optional().describe('why it was quarantined, rejected or expired: a code, then what was found'),
  sha256: z.string().optional(),
  seal: z.string().optional().describe("the installation's detached JWS over the claim (comity-document-seal+jws)"),
  uploadedBy: custodyActor,
  createdAt: z.string(),
  partSize: z.number().int(),
  parts: z.number().int(),
  receivedParts: z.array(z.number().int()).optional(),
  missingParts: z.array(z.number().int()).optional(),
  attached: z.object({ relatesTo: z.number().int().optional() }).optional(),
  retainYearsAfterProcess: z.number().int(),
});

export const documentList = z.object({ items: z.array(documentResource) });

export const documentPart = z.object({ part: z.number().int(), size: z.number().int() });

export const documentCustody = z.object({
  documentId: z.string(),
  verdict: z.object({ intact: z.boolean(), links: z.number().int(), brokenAt: z.number().int().optional() }),
  links: z.array(
    z.object({
      documentId: z.string(),
      sequence: z.number().int(),
      event: z.string(),
      actor: custodyActor,
      at: z.string(),
      detail: z.record(z.string(), z.unknown()),
      previousHash: z.string(),
      keyId: z.string(),
      hash: z.string(),
    }),
  ),
});
export type DocumentResource = Answer<typeof documentResource>;
export type DocumentCustody = Answer<typeof documentCustody>;

/** The directory of competent authorities in force (docs/directory.md); version 0 when none was imported. */
export const directoryResource = z.object({
  version: z.number().int(),
  sha256: z.string().optional(),
  importedBy: z.string().optional(),
  importedAt: z.string().optional(),
  note: z.string().optional(),
  states: z.array(z.record(z.string(), z.unknown())).describe('domain directoryContent: states and their authorities'),
});
export const directoryVersionList = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      sha256: z.string(),
      importedBy: z.string(),
      importedAt: z.string(),
      note: z.string().optional(),
    }),
  ),
});
export const competentAuthorityList = z.object({
  version: z.number().int(),
  items: z.array(
    z.object({
      state: z.string(),
      authority: z.record(z.string(), z.unknown()),
      requirements: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});
export type DirectoryResource = Answer<typeof directoryResource>;
