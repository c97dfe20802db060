import { z } from 'zod';
import { DocumentKinds, documentIdentifier } from '@comity/domain';

export const newDocumentBody = z
  .object({
    kind: z.enum(DocumentKinds),
    /** The file's name, shown to whoever downloads it; no path. */
    name: z
      .string()
      .trim()
      .min(1)
      .max(255)
      // No folders, no control characters (C0, C1), no bidirectional overrides ("invoice\u202Efdp.exe").
      .regex(
        /^[^/\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/,
        'a file name without folders, control characters or direction overrides',
      ),
    mediaType: z
      .string()
      .max(127)
      .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'a media type such as application/pdf'),
    /** The language it is in (ISO 639-1); required for a translation (the directory's requirements read it). */
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as fr')
      .optional(),
    /** The document's size in bytes: it fixes the number of parts. */
    size: z.number().int().min(0),
    /** The SHA-256 of the whole document, if the uploader knows it: a document that does not match is rejected. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits')
      .optional(),
  })
  .strict()
  .refine((body) => body.kind !== 'translation' || body.language !== undefined, {
    message: 'a translation says its language (ISO 639-1)',
    path: ['language'],
  });
export type NewDocumentBody = z.infer<typeof newDocumentBody>;

export const documentIdParam = documentIdentifier;

export const partNumberParam = z.coerce.number().int().min(1).max(10_000);
