import { z } from 'zod';
import { HandlingCodes } from '@comity/domain';

export const openCaseBody = z
  .object({
    /** The case's reference, e.g. a national file number; generated when absent. */
    caseId: z
      .string()
      .trim()
      .min(3)
      .max(100)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only')
      .optional(),
    title: z.string().trim().min(1).max(200),
    handlingCode: z.enum(HandlingCodes).default('H1'),
  })
  .strict();
export type OpenCaseBody = z.infer<typeof openCaseBody>;
