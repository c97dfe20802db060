import { z } from 'zod';
import { HandlingCodes } from '@comity/domain';

/** A case's reference, e.g. a national file number: what opening a case accepts, and so what a path may name. */
export const caseIdParam = z
  .string()
  .trim()
  .min(3)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only');

export const openCaseBody = z
  .object({
    /** The case's reference, e.g. a national file number; generated when absent. */
    caseId: caseIdParam.optional(),
    title: z.string().trim().min(1).max(200),
    handlingCode: z.enum(HandlingCodes).default('H1'),
  })
  .strict();
export type OpenCaseBody = z.infer<typeof openCaseBody>;
