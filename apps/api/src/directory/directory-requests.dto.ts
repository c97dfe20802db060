import { z } from 'zod';
import { directoryContent, processTypes } from '@comity/domain';

/** An import: the directory's content, the version it was based on, and why. */
export const importDirectoryBody = z
  .object({
    /** The version the importer read (0 for the first): another import since is a 409, not overwritten. */
    basedOn: z.number().int().min(0),
    note: z.string().trim().min(1).max(500).optional(),
    states: directoryContent.shape.states,
  })
  .strict();
export type ImportDirectoryBody = z.infer<typeof importDirectoryBody>;

export const competentQuery = z
  .object({
    state: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as LY'),
    processType: z.enum(processTypes as [string, ...string[]]),
    legalBasis: z.string().trim().min(1).max(60),
  })
  .strict();
export type CompetentQuery = z.infer<typeof competentQuery>;

export const versionParam = z.coerce.number().int().min(1).max(1_000_000);
