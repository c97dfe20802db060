import { createHmac } from 'node:crypto';
import { Brackets, type DataSource } from 'typeorm';
import { DocumentCustodyRecord, DocumentRecord } from './entities/document.record';
import { ProcessRecord } from './entities/process.record';

export type DocumentStatus = 'uploading' | 'scanning' | 'available' | 'quarantined' | 'rejected' | 'expired';

/** A document whose process has ended, with when it ended (the process's last update in the read model). */
/**
 * What the data key column holds once the key is destroyed: JSON null, which reads as null. The
 * column stays non-null, so a key can only be removed on purpose, by `expire`.
 */
const DESTROYED_DATA_KEY = "'null'";

export interface CustodyActor {
  readonly userId: string;
  readonly role: string;
  readonly agencyId?: string;
}

export interface CustodyLink {
  readonly documentId: string;
  readonly sequence: number;
  readonly event: string;
  readonly actor: CustodyActor;
  readonly at: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly previousHash: string;
  /** The key the link's hash was made with (one of CustodyKeys). */
  readonly keyId: string;
  readonly hash: string;
}

/**
 * The keys custody links are hashed with: HMAC keys the installation derives from its action keys
 * and the database never holds, so whoever can write the table cannot make a link that holds. The
 * active one makes new links; every listed one checks old links.
 */
export interface CustodyKeys {
  readonly activeKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A custody link's hash: HMAC-SHA256, under the named key, over its fields and the hash of the link before it. */
export function custodyHash(link: Omit<CustodyLink, 'hash'>, key: Buffer): string {
  const { documentId, sequence, event, actor, at, detail, previousHash, keyId } = link;
  const canonical = JSON.stringify({
    documentId,
    sequence,
    event,
    actor: { userId: actor.userId, role: actor.role, agencyId: actor.agencyId ?? null },
    at,
    detail,
    previousHash,
    keyId,
  });
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export interface CustodyVerdict {
  readonly intact: boolean;
  readonly links: number;
  /** The first link whose hash or place does not hold. */
  readonly brokenAt?: number;
}

/**
 * Recomputes a chain of custody: each link in place, its hash its own (under a key the installation
 * holds), its previous hash the one before.
 */
export function verifyCustody(links: readonly CustodyLink[], keys: CustodyKeys): CustodyVerdict {
  let previous = '';
  for (const [i, link] of links.entries()) {
    const key = keys.keys.get(link.keyId);
    if (link.sequence !== i + 1 || link.previousHash !== previous || !key || custodyHash(link, key) !== link.hash) {
      return { intact: false, links: links.length, brokenAt: link.sequence };
    }
    previous = link.hash;
  }
  return { intact: true, links: links.length };
}

const toLink = (r: DocumentCustodyRecord): CustodyLink => ({
  documentId: r.documentId,
  sequence: r.sequence,
  event: r.event,
  actor: { userId: r.actorUser, role: r.actorRole, ...(r.actorAgency ? { agencyId: r.actorAgency } : {}) },
  at: r.at,
  detail: JSON.parse(r.detail) as Readonly<Record<string, unknown>>,
  previousHash: r.previousHash,
  keyId: r.keyId,
  hash: r.hash,
});

/** Attempts at appending a custody link when another writer took the same place. */
const APPEND_ATTEMPTS = 8;

/** The documents of processes and their chains of custody (a record of the API's own, not a projection). */
export class DocumentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly custodyKeys: CustodyKeys,
  ) {}

  private get documents() {
    return this.dataSource.getRepository(DocumentRecord);
  }

  async create(record: DocumentRecord): Promise<void> {
    await this.documents.insert(record);
  }

  find(documentId: string): Promise<DocumentRecord | null> {
    return this.documents.findOneBy({ documentId });
  }

  listForProcess(processId: string): Promise<DocumentRecord[]> {
    return this.documents.find({ where: { processId }, order: { createdAt: 'ASC', documentId: 'ASC' } });
  }

  /** Uploads started before `instant` (ISO) and still open. */
  openUploadsBefore(instant: string): Promise<DocumentRecord[]> {
    return this.documents
      .createQueryBuilder('d')
      .where('d.status = :status AND d.created_at < :instant', { status: 'uploading', instant })
      .orderBy('d.created_at', 'ASC')
      .limit(1000)
      .getMany();
  }

  /** How many uploads one uploader holds open on one process. */
  openUploadsOf(processId: string, userId: string): Promise<number> {
    return this.documents.countBy({ processId, uploadedByUser: userId, status: 'uploading' });
  }

  /** Documents whose check was started and not finished (an API stopped during it). */
  awaitingCheck(): Promise<DocumentRecord[]> {
    return this.documents.find({ where: { status: 'scanning' }, order: { updatedAt: 'ASC' } });
  }

  /**
   * Moves a document from one status to the next with what changes with it; false when it is no
   * longer in `from` (another request moved it first), so each step happens once.
   */
  async advance(
    documentId: string,
    from: DocumentStatus,
    changes: Partial<Omit<DocumentRecord, 'documentId' | 'dataKey' | 'name'>>,
  ): Promise<boolean> {
    const result = await this.documents
      .createQueryBuilder()
      .update()
      .set({ ...changes, updatedAt: new Date().toISOString() })
      .where('document_id = :documentId AND status = :from', { documentId, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Documents in one of `statuses` whose process the read model says ended and whose chain of
   * custody has no `event` link yet (the anchor of the end), those of the latest ends first, at most `limit`.
   */
  endedUnanchored(statuses: readonly DocumentStatus[], event: string, limit: number): Promise<DocumentRecord[]> {
    if (!statuses.length) return Promise.resolve([]);
    return this.documents
      .createQueryBuilder('d')
      .innerJoin(ProcessRecord, 'p', 'p.id = d.process_id')
      .where('p.terminal = :terminal', { terminal: true })
      .andWhere('d.status IN (:...statuses)', { statuses })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM document_custody c WHERE c.document_id = d.document_id AND c.event = :event)`,
        { event },
      )
      .orderBy('p.updated_at', 'DESC')
      .addOrderBy('d.document_id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Documents in one of `statuses` whose process the read model says ended before the cutoff of
   * their kind (ISO instants, by kind), those of the processes that ended first first, at most
   * `limit`: where to look, not a verdict (the retention sweep counts the end the process confirmed).
   */
  endedBefore(
    cutoffs: Readonly<Record<string, string>>,
    statuses: readonly DocumentStatus[],
    limit: number,
  ): Promise<DocumentRecord[]> {
    const kinds = Object.entries(cutoffs);
    if (!kinds.length || !statuses.length) return Promise.resolve([]);
    return this.documents
      .createQueryBuilder('d')
      .innerJoin(ProcessRecord, 'p', 'p.id = d.process_id')
      .where('p.terminal = :terminal', { terminal: true })
      .andWhere('d.status IN (:...statuses)', { statuses })
      .andWhere(
        new Brackets((either) => {
          for (const [i, [kind, before]] of kinds.entries()) {
            either.orWhere(`(d.kind = :kind${i} AND p.updated_at < :before${i})`, {
              [`kind${i}`]: kind,
              [`before${i}`]: before,
            });
          }
        }),
      )
      .orderBy('p.updated_at', 'ASC')
      .addOrderBy('d.document_id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Moves a document from `from` to `expired` and destroys its data key in the same write
   * (crypto-shredding: any copy of its ciphertext, a backup's included, can no longer be opened);
   * false when it is no longer in `from`, so that only one sweep records the deletion.
   */
  async expire(documentId: string, from: DocumentStatus, problem: string): Promise<boolean> {
    const result = await this.documents
      .createQueryBuilder()
      .update()
      .set({ status: 'expired', problem, dataKey: () => DESTROYED_DATA_KEY, updatedAt: new Date().toISOString() })
      .where('document_id = :documentId AND status = :from', { documentId, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The document's chain of custody and whether it holds under the installation's custody keys. */
  async verifiedCustody(documentId: string): Promise<{ links: CustodyLink[]; verdict: CustodyVerdict }> {
    const links = await this.custody(documentId);
    return { links, verdict: verifyCustody(links, this.custodyKeys) };
  }

  async custody(documentId: string): Promise<CustodyLink[]> {
    const rows = await this.dataSource
      .getRepository(DocumentCustodyRecord)
      .find({ where: { documentId }, order: { sequence: 'ASC' } });
    return rows.map(toLink);
  }

  /**
   * Appends a link to the document's chain of custody. Two writers may reach for the same place
   * (two downloads at once): the second's insert fails on the key and it reads the chain's end again.
   */
  async recordCustody(
    documentId: string,
    event: string,
    actor: CustodyActor,
    detail: Readonly<Record<string, unknown>> = {},
  ): Promise<CustodyLink> {
    const repository = this.dataSource.getRepository(DocumentCustodyRecord);
    for (let attempt = 1; ; attempt += 1) {
      const last = await repository.findOne({ where: { documentId }, order: { sequence: 'DESC' } });
      const unhashed = {
        documentId,
        sequence: (last?.sequence ?? 0) + 1,
        event,
        actor,
        at: new Date().toISOString(),
        detail,
        previousHash: last?.hash ?? '',
        keyId: this.custodyKeys.activeKeyId,
      };
      const key = this.custodyKeys.keys.get(this.custodyKeys.activeKeyId);
      if (!key) throw new Error(`no custody key '${this.custodyKeys.activeKeyId}'`);
      const link = { ...unhashed, hash: custodyHash(unhashed, key) };
      try {
        await repository.insert({
          documentId,
          sequence: link.sequence,
          event,
          actorUser: actor.userId,
          actorRole: actor.role,
          actorAgency: actor.agencyId ?? null,
          at: link.at,
          detail: JSON.stringify(detail),
          previousHash: link.previousHash,
          keyId: link.keyId,
          hash: link.hash,
        });
        return link;
      } catch (err) {
        if (attempt >= APPEND_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }
}
