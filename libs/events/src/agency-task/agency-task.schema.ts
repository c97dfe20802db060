import { z } from 'zod';
import { HandlingCodes, Priorities } from '@comity/domain';
import { AGENCY_TASK_TYPE } from '../builders';
import { cloudEventEnvelope, type CloudEvent } from '../cloudevents/cloud-event';

export { AGENCY_TASK_TYPE, agencyTaskId, buildAgencyTask } from '../builders';

/**
 * Work addressed to one agency: only what it needs to act (need to know) — which process, where
 * it stands, what it may answer, by when. The process's own data stays with Comity.
 */
export const agencyTaskData = z.object({
  /** The id to quote when answering. */
  taskId: z.string().min(1),
  agencyId: z.string().min(1),
  /** The party slot the agency plays in the process, e.g. "requested". */
  party: z.string().min(1),
  processId: z.string().min(1),
  processType: z.string().min(1),
  caseId: z.string().min(1).optional(),
  stage: z.string().min(1),
  stageLabel: z.string().min(1),
  /**
   * Set when the task escalates a missed deadline to this agency (e.g. the requesting side of an
   * overdue request): it is told, and may act on what it is offered (chase, withdraw, promote).
   */
  escalates: z.object({ deadlineId: z.string().min(1), label: z.string().min(1), dueAt: z.iso.datetime() }).optional(),
  /** What the agency may answer now; an escalated party may have nothing to answer in this stage. */
  expectedActions: z.array(z.object({ action: z.string().min(1), label: z.string().min(1) })),
  dueAt: z.iso.datetime().optional(),
  priority: z.enum(Priorities),
  handlingCode: z.enum(HandlingCodes),
  legalBasis: z.string().min(1),
  /** The other parties' states, so the agency knows who it deals with; no agency ids. */
  counterpartStates: z.array(z.string().length(2)),
  assignedAt: z.iso.datetime(),
  /**
   * The documents attached to the process, as claim checks (never their bytes), each with a link
   * the installation signs for this agency and this document, good until `expiresAt`; the agency
   * fetches it with its own credentials (docs/documents.md).
   */
  documents: z
    .array(
      z.object({
        documentId: z.string().min(1),
        kind: z.string().min(1),
        size: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        language: z.string().optional(),
        link: z.object({ url: z.url(), expiresAt: z.iso.datetime() }).optional(),
      }),
    )
    .optional(),
});
export type AgencyTaskData = z.infer<typeof agencyTaskData>;
export type AgencyTask = CloudEvent<AgencyTaskData>;

export const agencyTask = cloudEventEnvelope.extend({ type: z.literal(AGENCY_TASK_TYPE), data: agencyTaskData });
