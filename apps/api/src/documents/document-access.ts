import type { DocumentResource } from '@comity/api-contract';
import { encryptedLength } from '@comity/crypto';
import {
  documentKindRules,
  DOCUMENTS_FACT,
  type Actor,
  type AttachedDocument,
  type DocumentClaim,
  type DocumentKind,
} from '@comity/domain';
import type { CustodyActor, DocumentRecord, DocumentStatus } from '@comity/persistence';
import type { ProcessView } from '@comity/workflows';
import { mayReadPayloads } from '../auth/handling-policy';
import { ClientError, forbidden } from '../http/api-error';

/** Who the installation's own steps (the check, the seal) are recorded as. */
export const INSTALLATION: CustodyActor = { userId: 'comity', role: 'system' };

export const custodyActor = (actor: Actor): CustodyActor => ({
  userId: actor.userId,
  role: actor.role,
  ...(actor.agencyId ? { agencyId: actor.agencyId } : {}),
});

export const uploadedBy = (record: DocumentRecord, actor: Actor): boolean =>
  record.uploadedByUser === actor.userId &&
  record.uploadedByRole === actor.role &&
  (record.uploadedByAgency ?? undefined) === actor.agencyId;

export const attachedDocuments = (view: ProcessView): readonly AttachedDocument[] =>
  (view.facts[DOCUMENTS_FACT] as readonly AttachedDocument[] | undefined) ?? [];

/**
 * Who sees a document exists: coordinators and admins; its uploader and the uploader's agency; the
 * process's other parties once it is attached; auditors once it is attached and where the handling
 * code lets them read what the process carries (its name can name a person).
 */
export function mayList(record: DocumentRecord, view: ProcessView, actor: Actor): boolean {
  if (actor.role === 'coordinator' || actor.role === 'admin') return true;
  if (uploadedBy(record, actor)) return true;
  const attached = attachedDocuments(view).some((d) => d.documentId === record.documentId);
  if (actor.role === 'agency') return attached || record.uploadedByAgency === actor.agencyId;
  return attached && mayReadPayloads(actor, view.handlingCode);
}

/** Throws the 403 a caller who may not read the document gets (recorded by the caller). */
export function checkMayRead(record: DocumentRecord, view: ProcessView, actor: Actor): void {
  if (actor.role === 'auditor' && !mayReadPayloads(actor, view.handlingCode)) {
    throw forbidden('HANDLING_RESTRICTED', `handling code ${view.handlingCode} keeps documents from auditors`);
  }
  if (!mayList(record, view, actor)) {
    throw forbidden('DOCUMENT_NOT_SHARED', 'the document has not been attached to the process for its parties');
  }
}

export const partCount = (record: DocumentRecord): number => Math.max(1, Math.ceil(record.size / record.partSize));

export const plainPartBytes = (record: DocumentRecord, partNumber: number): number =>
  Math.min(record.partSize, record.size - (partNumber - 1) * record.partSize);

export const sealedPartBytes = (record: DocumentRecord, partNumber: number): number =>
  encryptedLength(plainPartBytes(record, partNumber));

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

export function dataKeyOf(record: DocumentRecord): Buffer {
  if (record.dataKey === null) throw new Error(`the data key of document ${record.documentId} was destroyed`);
  return Buffer.from(record.dataKey, 'base64');
}

/** The claim check of a checked document: what attach-document carries and the seal signs. */
export function claimOf(record: DocumentRecord): DocumentClaim {
  return {
    documentId: record.documentId,
    kind: record.kind as DocumentKind,
    name: record.name,
    mediaType: record.mediaType,
    size: record.size,
    ...(record.language ? { language: record.language } : {}),
    sha256: record.sha256 ?? '',
    seal: record.seal ?? '',
  };
}

/** Why a document cannot be read or attached now, in words. */
export function unavailable(record: DocumentRecord): string {
  switch (record.status) {
    case 'uploading':
      return 'the document is still being uploaded';
    case 'scanning':
      return 'the document is being checked; try again shortly';
    default:
      return `the document was ${record.status}: ${record.problem ?? ''}`;
  }
}

/**
 * The refusal of a document that cannot be read: 410 once it was deleted past its retention (it
 * will never be readable again), 409 while it is not, or never was, available.
 */
export function notReadable(record: DocumentRecord): ClientError {
  if (record.status === 'expired') {
    return new ClientError(
      410,
      'DOCUMENT_EXPIRED',
      `the document was deleted, with its key, on ${record.updatedAt}: ${record.problem ?? 'its retention ended'}`,
    );
  }
  return new ClientError(409, 'DOCUMENT_NOT_AVAILABLE', unavailable(record));
}

/** A document as a client sees it (api-contract documentResource). */
export function documentView(
  record: DocumentRecord,
  process: ProcessView,
  upload?: { readonly received: readonly number[] },
): DocumentResource {
  const parts = partCount(record);
  const attached = attachedDocuments(process).find((d) => d.documentId === record.documentId);
  return {
    id: record.documentId,
    processId: record.processId,
    kind: record.kind,
    name: record.name,
    mediaType: record.mediaType,
    ...(record.language ? { language: record.language } : {}),
    size: record.size,
    status: record.status as DocumentStatus,
    ...(record.problem ? { problem: record.problem } : {}),
    ...(record.sha256 ? { sha256: record.sha256 } : {}),
    ...(record.seal ? { seal: record.seal } : {}),
    uploadedBy: {
      userId: record.uploadedByUser,
      role: record.uploadedByRole,
      ...(record.uploadedByAgency ? { agencyId: record.uploadedByAgency } : {}),
    },
    createdAt: record.createdAt,
    partSize: record.partSize,
    parts,
    ...(upload
      ? { receivedParts: [...upload.received], missingParts: range(parts).filter((n) => !upload.received.includes(n)) }
      : {}),
    ...(attached ? { attached: attached.relatesTo === undefined ? {} : { relatesTo: attached.relatesTo } } : {}),
    retainYearsAfterProcess: documentKindRules[record.kind as DocumentKind]?.retentionYears ?? 10,
  };
}
