import { z } from 'zod';
import { Priorities } from '@comity/domain';
import { identifier as id, stateCode } from '../http/identifier';

export const inboxQuery = z
  .object({
    /** For coordinators and auditors: one agency's inbox; agencies always get their own. */
    agency: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type InboxQuery = z.infer<typeof inboxQuery>;

export const deadLettersQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type DeadLettersQuery = z.infer<typeof deadLettersQuery>;

export const pipelineQuery = z
  .object({
    /** For coordinators, auditors and admins: processes where this agency is a party; agencies always get their own. */
    agency: id.optional(),
    caseId: id.optional(),
    state: stateCode.optional().describe('processes with a party of this state (ISO alpha-2): sent to it or from it'),
    priority: z.enum(Priorities).optional(),
    cards: z.coerce
      .number()
      .int()
      .min(0)
      .max(50)
      .default(0)
      .describe(
        'with each stage, up to this many of its processes: those that waited longest there, or the latest to reach a final stage',
      ),
  })
  .strict();
export type PipelineQuery = z.infer<typeof pipelineQuery>;
