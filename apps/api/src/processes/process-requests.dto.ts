import { z } from 'zod';
import { identifier as id, stateCode } from '../http/identifier';
import {
  HandlingCodes,
  Offences,
  offChannelOpening,
  offChannelRecord,
  Priorities,
  processTypes,
  RequestForms,
} from '@comity/domain';

const idempotencyKey = z.string().trim().min(8).max(200);

export const startProcessBody = z
  .object({
    type: z.enum(processTypes as [string, ...string[]]),
    caseId: id.optional(),
    /** The coded offence the process is about; the statistics break figures down by it. */
    offence: z.enum(Offences).optional(),
    legalBasis: z.string().trim().min(1).max(60),
    priority: z.enum(Priorities).default('normal'),
    /** Defaults to the case's handling code (H1 outside a case); never below the case's. */
    handlingCode: z.enum(HandlingCodes).optional(),
    parties: z.record(
      z.string().min(1).max(40),
      z.strictObject({
        /** Found in the directory of competent authorities when absent (its one competent authority in the state). */
        agencyId: id.optional(),
        state: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as FR'),
      }),
    ),
    data: z.record(z.string(), z.unknown()).default({}),
    /**
     * The request began outside Comity — received by post, through the diplomatic channel, drafted
     * on paper — on `at` (at most a year ago): the process counts from then, and its later steps
     * are dated no earlier (docs/processes.md, "Paper and post").
     */
    offChannel: offChannelOpening.optional(),
    /** Repeating a start with the same key and body returns the process the first request started; another body under the key is a 422. */
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict();
export type StartProcessBody = z.infer<typeof startProcessBody>;

export const takeActionBody = z
  .object({
    action: z.string().trim().min(1).max(60),
    payload: z.record(z.string(), z.unknown()).default({}),
    /**
     * The step was taken outside Comity — sent or received by post, through the diplomatic channel,
     * by e-mail — and a coordinator records it: when, the paper's reference, the scans (documents
     * attached first), and the party it was taken by when it was the other side's (docs/processes.md).
     */
    offChannel: offChannelRecord.optional(),
    /** Repeating an action with the same key and payload returns the first result and does nothing twice; another payload under the key is a 422. */
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict();
export type TakeActionBody = z.infer<typeof takeActionBody>;

export const listProcessesQuery = z
  .object({
    type: z.enum(processTypes as [string, ...string[]]).optional(),
    stage: z.string().max(60).optional(),
    caseId: id.optional(),
    agency: id.optional(),
    state: stateCode.optional().describe('processes with a party of this state (ISO alpha-2): sent to it or from it'),
    priority: z.enum(Priorities).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListProcessesQuery = z.infer<typeof listProcessesQuery>;

export const requestFormQuery = z
  .object({ form: z.enum(RequestForms).describe('eio-annex-a (Directive 2014/41/EU) or unodc-mla') })
  .strict();
export type RequestFormQuery = z.infer<typeof requestFormQuery>;
