import { Brackets, type DataSource } from 'typeorm';
import { PipelineCountRecord } from './entities/pipeline-count.record';
import { ProcessPartyRecord } from './entities/process-party.record';
import { ProcessRecord } from './entities/process.record';
import { TimelineEntryRecord } from './entities/timeline-entry.record';

export interface ProcessFilter {
  readonly type?: string;
  readonly stage?: string;
  readonly caseId?: string;
  /** Only processes where this agency is a party. */
  readonly agencyId?: string;
  readonly overdue?: boolean;
  /** Only processes with a party of this state (ISO alpha-2): requests sent to it and from it. */
  readonly state?: string;
  readonly priority?: string;
  /** Only processes waiting for this agency's action or escalated to it (its task inbox). */
  readonly awaitingAgency?: string;
  /** Only processes waiting for some agency's action or escalated to one. */
  readonly hasAwaitingAgency?: boolean;
  /** Leave out processes under these handling codes (what the caller may not see). */
  readonly excludeHandlingCodes?: readonly string[];
  readonly limit: number;
  readonly cursor?: string;
}

/** What the board narrows its counts and cards to. */
export type BoardFilter = Pick<ProcessFilter, 'agencyId' | 'caseId' | 'state' | 'priority' | 'excludeHandlingCodes'>;

export interface ProcessPage {
  readonly items: ProcessRecord[];
  /** Pass back to get the next page; absent on the last page. */
  readonly nextCursor?: string;
}

interface CursorKey {
  readonly rank: number;
  readonly due: string;
  readonly id: string;
}

export interface PipelineRow {
  readonly type: string;
  readonly stage: string;
  readonly count: number;
  readonly overdue: number;
  readonly oldestUpdatedAt: string;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const encodeCursor = (p: ProcessRecord) =>
  Buffer.from(JSON.stringify({ rank: p.priorityRank, due: p.nextDueAt, id: p.id } satisfies CursorKey)).toString(
    'base64url',
  );

function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    if (typeof key.rank === 'number' && typeof key.due === 'string' && typeof key.id === 'string') return key;
  } catch {
    // reported below
  }
  throw new InvalidCursorError('cursor is not one this API returned');
}

/** Reads the read model for the API and dashboards. */
export class ProcessQueries {
  constructor(private readonly dataSource: DataSource) {}

  findProcess(id: string): Promise<ProcessRecord | null> {
    return this.dataSource.getRepository(ProcessRecord).findOneBy({ id });
  }

  /** Processes ordered by priority, then time left (earliest due first), then id; keyset-paged. */
  async listProcesses(filter: ProcessFilter): Promise<ProcessPage> {
    const q = this.narrowed(filter);
    if (filter.type) q.andWhere('p.type = :type', { type: filter.type });
    if (filter.stage) q.andWhere('p.stage = :stage', { stage: filter.stage });
    if (filter.overdue !== undefined) q.andWhere('p.overdue = :overdue', { overdue: filter.overdue });
    // An agency's inbox: what its stage awaits from it, and what has been escalated to it.
    const openTask = `EXISTS (SELECT 1 FROM tasks t WHERE t.process_id = p.id AND t.status = 'open'`;
    if (filter.awaitingAgency) {
      q.andWhere(`(p.awaitingAgency = :awaiting OR ${openTask} AND t.agency_id = :awaiting))`, {
        awaiting: filter.awaitingAgency,
      });
    }
    if (filter.hasAwaitingAgency) q.andWhere(`(p.awaitingAgency IS NOT NULL OR ${openTask}))`);
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      q.andWhere(
        new Brackets((w) =>
          w
            .where('p.priorityRank > :rank', { rank: c.rank })
            .orWhere('(p.priorityRank = :rank AND p.nextDueAt > :due)', { due: c.due })
            .orWhere('(p.priorityRank = :rank AND p.nextDueAt = :due AND p.id > :id)', { id: c.id }),
        ),
      );
    }
    const rows = await q
      .orderBy('p.priorityRank', 'ASC')
      .addOrderBy('p.nextDueAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(filter.limit + 1)
      .getMany();
    const items = rows.slice(0, filter.limit);
    const last = items.at(-1);
    return rows.length > filter.limit && last ? { items, nextCursor: encodeCursor(last) } : { items };
  }

  /** The processes a board or list filter leaves (case, a party's agency or state, priority, what is hidden). */
  private narrowed(filter: BoardFilter) {
    const q = this.dataSource.getRepository(ProcessRecord).createQueryBuilder('p');
    if (filter.caseId) q.andWhere('p.caseId = :caseId', { caseId: filter.caseId });
    if (filter.priority) q.andWhere('p.priority = :priority', { priority: filter.priority });
    if (filter.excludeHandlingCodes?.length) {
      q.andWhere('p.handlingCode NOT IN (:...hidden)', { hidden: filter.excludeHandlingCodes });
    }
    if (filter.agencyId) {
      q.andWhere(`EXISTS (SELECT 1 FROM process_parties pp WHERE pp.process_id = p.id AND pp.agency_id = :agency)`, {
        agency: filter.agencyId,
      });
    }
    if (filter.state) {
      q.andWhere(`EXISTS (SELECT 1 FROM process_parties ps WHERE ps.process_id = p.id AND ps.state = :state)`, {
        state: filter.state,
      });
    }
    return q;
  }

  /**
   * A board column's cards: the processes in one stage that waited longest there (oldest change
   * first), or for a final stage the latest to arrive. One index range per stage, however many
   * processes the installation holds.
   */
  stageCards(
    filter: BoardFilter & { type: string; stage: string; latestFirst: boolean; limit: number },
  ): Promise<ProcessRecord[]> {
    const order = filter.latestFirst ? 'DESC' : 'ASC';
    return this.narrowed(filter)
      .andWhere('p.type = :type', { type: filter.type })
      .andWhere('p.stage = :stage', { stage: filter.stage })
      .orderBy('p.updatedAt', order)
      .addOrderBy('p.id', order)
      .take(filter.limit)
      .getMany();
  }

  /**
   * Per type and stage: how many processes, how many overdue, the oldest last change. Unfiltered,
   * from the maintained counts (and one index probe per stage for the oldest); for one agency or one
   * state, from its party rows; never by visiting every process. A case or priority, or an agency
   * and a state together, is counted from the processes they leave. Processes of the handling codes
   * given are left out.
   */
  async pipeline(filter: BoardFilter = {}): Promise<PipelineRow[]> {
    type Raw = {
      type: string;
      stage: string;
      count: string | number;
      overdue: string | number;
      oldestUpdatedAt: string;
    };
    const { agencyId, state } = filter;
    const excluded = filter.excludeHandlingCodes ?? [];
    let rows: Raw[];
    if (!filter.caseId && !filter.priority && Boolean(agencyId) !== Boolean(state)) {
      // One agency or one state and nothing else: counted from its party rows (one index range).
      const q = this.dataSource
        .getRepository(ProcessPartyRecord)
        .createQueryBuilder('pp')
        .select('pp.type', 'type')
        .addSelect('pp.stage', 'stage')
        // A process may hold two slots of one agency or state: count it once.
        .addSelect('COUNT(DISTINCT pp.processId)', 'count')
        .addSelect('COUNT(DISTINCT CASE WHEN pp.overdue THEN pp.processId END)', 'overdue')
        .addSelect('MIN(pp.updatedAt)', 'oldestUpdatedAt')
        .where(agencyId ? 'pp.agencyId = :party' : 'pp.state = :party', { party: agencyId || state });
      if (excluded.length) {
        q.innerJoin(ProcessRecord, 'p', 'p.id = pp.processId AND p.handlingCode NOT IN (:...excluded)', { excluded });
      }
      rows = await q.groupBy('pp.type').addGroupBy('pp.stage').getRawMany<Raw>();
    } else if (filter.caseId || filter.priority || agencyId || state) {
      rows = await this.narrowed(filter)
        .select('p.type', 'type')
        .addSelect('p.stage', 'stage')
        .addSelect('COUNT(*)', 'count')
        .addSelect('SUM(CASE WHEN p.overdue THEN 1 ELSE 0 END)', 'overdue')
        .addSelect('MIN(p.updatedAt)', 'oldestUpdatedAt')
        .groupBy('p.type')
        .addGroupBy('p.stage')
        .getRawMany<Raw>();
    } else {
      const visible = excluded.length
        ? ` AND p.handling_code NOT IN (${excluded.map((c) => `'${handlingCode(c)}'`).join(', ')})`
        : '';
      rows = await this.dataSource
        .getRepository(PipelineCountRecord)
        .createQueryBuilder('c')
        .select('c.type', 'type')
        .addSelect('c.stage', 'stage')
        .addSelect('SUM(c.processes)', 'count')
        .addSelect('SUM(c.overdue)', 'overdue')
        .addSelect(
          `(SELECT MIN(p.updated_at) FROM processes p WHERE p.type = c.type AND p.stage = c.stage${visible})`,
          'oldestUpdatedAt',
        )
        .where(excluded.length ? 'c.handlingCode NOT IN (:...excluded)' : '1 = 1', { excluded })
        .groupBy('c.type')
        .addGroupBy('c.stage')
        .having('SUM(c.processes) > 0')
        .getRawMany<Raw>();
    }
    return rows.map((r) => ({ ...r, count: Number(r.count), overdue: Number(r.overdue) }));
  }

  /**
   * The board: the pipeline with, for each stage that holds any, its first `cards` processes
   * (stageCards; `latestFirst` says which stages are final). One query per counted stage.
   */
  async board(
    filter: BoardFilter,
    cards: number,
    latestFirst: (type: string, stage: string) => boolean,
  ): Promise<(PipelineRow & { cards: ProcessRecord[] })[]> {
    const rows = await this.pipeline(filter);
    return Promise.all(
      rows.map(async (row) => ({
        ...row,
        cards: await this.stageCards({
          ...filter,
          type: row.type,
          stage: row.stage,
          latestFirst: latestFirst(row.type, row.stage),
          limit: cards,
        }),
      })),
    );
  }

  /** Those of `ids` that are processes of the read model with none of the handling codes `hidden`. */
  async visibleAmong(ids: readonly string[], hidden: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const q = this.dataSource
      .getRepository(ProcessRecord)
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where('p.id IN (:...ids)', { ids: [...ids] });
    if (hidden.length) q.andWhere('p.handlingCode NOT IN (:...hidden)', { hidden: [...hidden] });
    return new Set((await q.getRawMany<{ id: string }>()).map((r) => r.id));
  }

  async isParty(processId: string, agencyId: string): Promise<boolean> {
    return this.dataSource.getRepository(ProcessPartyRecord).existsBy({ processId, agencyId });
  }

  timeline(processId: string): Promise<TimelineEntryRecord[]> {
    return this.dataSource
      .getRepository(TimelineEntryRecord)
      .find({ where: { processId }, order: { sequence: 'ASC' } });
  }

  /** The events of several processes (a case's), merged in the order they occurred. */
  caseTimeline(processIds: readonly string[]): Promise<TimelineEntryRecord[]> {
    if (processIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(TimelineEntryRecord)
      .createQueryBuilder('t')
      .where('t.processId IN (:...ids)', { ids: [...processIds] })
      .orderBy('t.occurredAt', 'ASC')
      .addOrderBy('t.processId', 'ASC')
      .addOrderBy('t.sequence', 'ASC')
      .getMany();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

/** A handling code checked before it is written into SQL (only H0-H3 exist). */
function handlingCode(code: string): string {
  if (!/^H[0-3]$/.test(code)) throw new Error(`not a handling code: ${code}`);
  return code;
}
