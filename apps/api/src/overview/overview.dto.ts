import { z } from 'zod';

const id = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const inboxQuery = z
  .object({
    /** For coordinators and auditors: one agency's inbox; agencies always get their own. */
    agency: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type InboxQuery = z.infer<typeof inboxQuery>;
