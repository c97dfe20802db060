import { z } from 'zod';

/** An id a client names in a path, query or body: agencies, cases, references. */
export const identifier = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** A state named in a query: an ISO 3166-1 alpha-2 code. */
export const stateCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as GR');
