import { z } from 'zod';
import { identifier as id } from '../http/identifier';

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
