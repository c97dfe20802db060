import { z } from 'zod';

/**
 * What a document is to the process it belongs to. Each kind says which media types it may be
 * (checked against what the upload declared and against the file's first bytes) and how long it
 * is kept after its process ends.
 */
export const DocumentKinds = [
  'request',
  'translation',
  'evidence',
  'decision',
  'surrender-papers',
  'certified-copy',
  'correspondence',
] as const;
export type DocumentKind = (typeof DocumentKinds)[number];

/** Formal papers: PDF (PDF/A included), XML (e-CODEX forms) and scans. */
const papers = ['application/pdf', 'application/xml', 'image/png', 'image/jpeg', 'image/tiff'] as const;

export interface DocumentKindRule {
  readonly label: string;
  /** Media types allowed; `*` allows any (evidence may be a disk image, a video, a phone dump). */
  readonly mediaTypes: readonly string[] | '*';
  /** Years the document is kept after its process ends, then deleted with its key. */
  readonly retentionYears: number;
}

export const documentKindRules: Readonly<Record<DocumentKind, DocumentKindRule>> = {
  request: { label: 'Request', mediaTypes: papers, retentionYears: 10 },
  translation: { label: 'Translation', mediaTypes: [...papers, 'text/plain'], retentionYears: 10 },
  evidence: { label: 'Evidence', mediaTypes: '*', retentionYears: 10 },
  decision: { label: 'Decision', mediaTypes: papers, retentionYears: 30 },
  'surrender-papers': { label: 'Surrender papers', mediaTypes: papers, retentionYears: 30 },
  'certified-copy': { label: 'Certified copy', mediaTypes: papers, retentionYears: 10 },
  correspondence: { label: 'Correspondence', mediaTypes: [...papers, 'text/plain'], retentionYears: 5 },
};

export const allowsMediaType = (kind: DocumentKind, mediaType: string): boolean => {
  const allowed = documentKindRules[kind].mediaTypes;
  return allowed === '*' || allowed.includes(mediaType);
};

/** A document's id: `doc-` and a UUID. */
export const documentIdentifier = z
  .string()
  .regex(/^doc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a document id such as doc-<uuid>');

/**
 * The claim check a process keeps of a document: never its bytes, only what identifies them and
 * the installation's seal over it (a detached JWS over `sealedClaim`, see the API's documents).
 */
export const documentClaim = z.object({
  documentId: documentIdentifier,
  kind: z.enum(DocumentKinds),
  name: z.string().min(1).max(255),
  mediaType: z.string().min(3).max(127),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
  /** The language the document is in (ISO 639-1); a translation always says. */
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as fr')
    .optional(),
  seal: z.string().min(20).max(2000),
});
export type DocumentClaim = z.infer<typeof documentClaim>;

/** The action that puts an uploaded, checked and sealed document on the process, shared with its parties. */
export const ATTACH_DOCUMENT_ACTION = 'attach-document';

/** The fact that lists the documents on a process, in the order they were attached. */
export const DOCUMENTS_FACT = 'documents';

export interface AttachedDocument {
  readonly documentId: string;
  readonly kind: DocumentKind;
  readonly sha256: string;
  readonly size: number;
  readonly language?: string;
  /** The event that the document supports (e.g. the execution that returned it as evidence). */
  readonly relatesTo?: number;
}

/** The bytes the installation's seal signs: the claim without the seal, in a fixed order. */
export function sealedClaim(processId: string, claim: Omit<DocumentClaim, 'seal'>): Buffer {
  const { documentId, kind, name, mediaType, size, sha256, language } = claim;
  return Buffer.from(
    JSON.stringify({ processId, documentId, kind, name, mediaType, size, sha256, ...(language ? { language } : {}) }),
  );
}

/**
 * The instant before which a process must have ended for its documents of `kind` to be past their
 * retention at `now`: `now` less the kind's years, counted in calendar years (UTC).
 */
export function retentionCutoff(kind: DocumentKind, now: Date): string {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - documentKindRules[kind].retentionYears);
  return cutoff.toISOString();
}
