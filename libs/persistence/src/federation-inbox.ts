import { Between, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import {
  classifyInbound,
  INBOX_LIMITS,
  type FederationMessage,
  type InboxDecision,
  type LedgerEntry,
} from '@comity/federation';
import { FederationInboxHeadRecord, FederationInboxRecord } from './entities/federation-inbox.record';

/** A message that opened: who sent it (the authenticated peer), what it said, and its digests. */
export interface InboundMessage {
  readonly partner: string;
  readonly message: FederationMessage;
  readonly envelopeDigest: string;
  readonly contentDigest: string;
  readonly signedMessage: string;
  readonly receivedAt: string;
}

export type InboxOutcome =
  /** Taken: `received` (in order) or `held` (a gap before it); `evidence` is the one `answer` signed. */
  | { readonly verdict: 'accept' | 'gap'; readonly status: 'received' | 'held'; readonly evidence: string }
  /** The same envelope again: the evidence given the first time, nothing recorded. */
  | { readonly verdict: 'duplicate'; readonly evidence: string }
  /** Refused (a replay, or too far ahead): nothing recorded; `evidence` is the rejection `answer` signed. */
  | { readonly verdict: 'replay' | 'too-far-ahead'; readonly reason: string; readonly evidence: string };

/** Signs the evidence for a decision (a relay to take the message, a rejection to refuse it). */
export type AnswerFor = (decision: Exclude<InboxDecision, { verdict: 'duplicate' }>) => Promise<string>;

/**
 * The gateway's inbox (docs/federation.md): the ledger rule of libs/federation decided against the
 * table, in one transaction per message. Decisions about one installation's process are taken one
 * at a time: within this process by a queue (SQLite has one connection), across gateway processes
 * on PostgreSQL by locking the process's head row.
 */
export class FederationInbox {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  receive(inbound: InboundMessage, answer: AnswerFor): Promise<InboxOutcome> {
    const turn = this.queue.then(() => this.dataSource.transaction((tx) => this.decide(tx, inbound, answer)));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  async messages(partner: string, processId?: string): Promise<FederationInboxRecord[]> {
    return this.dataSource
      .getRepository(FederationInboxRecord)
      .find({ where: { partner, ...(processId ? { processId } : {}) }, order: { processId: 'ASC', sequence: 'ASC' } });
  }

  private async decide(tx: EntityManager, inbound: InboundMessage, answer: AnswerFor): Promise<InboxOutcome> {
    const { partner, message } = inbound;
    const inboxRows = tx.getRepository(FederationInboxRecord);
    const head = await this.lockHead(tx, partner, message.processId);
    const through = head.receivedThrough;
    // A message id is the partner's for all its processes: one seen under another process is a replay too.
    const sameId = await inboxRows.findOne({ where: { partner, messageId: message.messageId }, select: ledgerColumns });
    // Each fact by key or by a range of the (partner, process, sequence) index no wider than the
    // window: a decision costs the same however many messages the process has.
    const ahead = message.sequence > through && message.sequence <= through + INBOX_LIMITS.window;
    const heldAtSequence = ahead
      ? await inboxRows.findOne({
          where: { partner, processId: message.processId, sequence: message.sequence },
          select: ledgerColumns,
        })
      : null;
    const heldCount = ahead
      ? await inboxRows.count({ where: { partner, processId: message.processId, sequence: MoreThan(through) } })
      : 0;
    const decision: InboxDecision =
      sameId && sameId.processId !== message.processId
        ? { verdict: 'replay', reason: `message id ${message.messageId} is taken by another process` }
        : classifyInbound(
            {
              appliedThrough: through,
              sameId: sameId ? ledgerEntry(sameId) : undefined,
              heldAtSequence: heldAtSequence ? ledgerEntry(heldAtSequence) : undefined,
              heldCount,
            },
            { ...message, ...inbound },
          );
    if (decision.verdict === 'duplicate') {
      if (!sameId) throw new Error(`inbox row ${partner}/${message.messageId} vanished inside its transaction`);
      return { verdict: 'duplicate', evidence: sameId.evidence };
    }
    const evidence = await answer(decision);
    if (decision.verdict === 'replay' || decision.verdict === 'too-far-ahead')
      return { verdict: decision.verdict, reason: decision.reason, evidence };
    const status = decision.verdict === 'accept' ? 'received' : 'held';
    const record: FederationInboxRecord = {
      partner,
      messageId: message.messageId,
      processId: message.processId,
      sequence: message.sequence,
      kind: message.kind,
      envelopeDigest: inbound.envelopeDigest,
      contentDigest: inbound.contentDigest,
      status,
      body: JSON.stringify(message.body),
      signedMessage: inbound.signedMessage,
      receivedAt: inbound.receivedAt,
      evidence,
    };
    await inboxRows.insert(record);
    if (status === 'received') await this.advance(tx, head, message.sequence);
    return { verdict: decision.verdict, status, evidence };
  }

  /** The process's head, created at its first message, and locked where the database can. */
  private async lockHead(tx: EntityManager, partner: string, processId: string): Promise<FederationInboxHeadRecord> {
    const heads = tx.getRepository(FederationInboxHeadRecord);
    await heads.createQueryBuilder().insert().values({ partner, processId, receivedThrough: 0 }).orIgnore().execute();
    const query = heads.createQueryBuilder('h').where('h.partner = :partner AND h.process_id = :processId', {
      partner,
      processId,
    });
    if (this.dataSource.options.type === 'postgres') query.setLock('pessimistic_write');
    const head = await query.getOne();
    if (!head) throw new Error(`inbox head ${partner}/${processId} missing after its insert`);
    return head;
  }

  /** Moves the head past `sequence`, then past each held message that now follows in order. */
  private async advance(tx: EntityManager, head: FederationInboxHeadRecord, sequence: number): Promise<void> {
    const { partner, processId } = head;
    const inboxRows = tx.getRepository(FederationInboxRecord);
    // Everything past the head is held, and the rule holds no more than its cap.
    const held = await inboxRows.find({
      where: { partner, processId, sequence: MoreThan(sequence) },
      select: { sequence: true },
      order: { sequence: 'ASC' },
      take: INBOX_LIMITS.maxHeld,
    });
    let through = sequence;
    for (const row of held) {
      if (row.sequence !== through + 1) break;
      through = row.sequence;
    }
    if (through > sequence)
      await inboxRows.update({ partner, processId, sequence: Between(sequence + 1, through) }, { status: 'received' });
    await tx.getRepository(FederationInboxHeadRecord).update({ partner, processId }, { receivedThrough: through });
  }
}

const ledgerColumns = {
  processId: true,
  messageId: true,
  sequence: true,
  envelopeDigest: true,
  contentDigest: true,
  status: true,
  evidence: true,
} as const;

const ledgerEntry = (r: FederationInboxRecord): LedgerEntry => ({
  messageId: r.messageId,
  sequence: r.sequence,
  envelopeDigest: r.envelopeDigest,
  contentDigest: r.contentDigest,
  status: r.status === 'held' ? 'held' : 'applied',
});
