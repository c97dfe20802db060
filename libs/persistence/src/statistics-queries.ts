import type { DataSource } from 'typeorm';
import {
  periodBounds,
  statisticsReport,
  type AssetMovement,
  type Outcome,
  type StatisticsFacts,
  type StatisticsReport,
  type StatisticsRequest,
} from '@comity/domain';
import { ProcessStatisticsRecord } from './entities/process-statistics.record';

/** A stored row as the domain's facts (the columns are the facts, one to one). */
export function factsOfRecord(record: ProcessStatisticsRecord): StatisticsFacts {
  return {
    processId: record.processId,
    type: record.type,
    caseId: record.caseId,
    legalBasis: record.legalBasis,
    offence: record.offence,
    requestingState: record.requestingState,
    requestedState: record.requestedState,
    openedAt: record.openedAt,
    receivedAt: record.receivedAt,
    acknowledgedAt: record.acknowledgedAt,
    decidedAt: record.decidedAt,
    finishedAt: record.finishedAt,
    outcome: record.outcome as Outcome | null,
    refusalGround: record.refusalGround,
    withinDeadline: record.withinDeadline,
    counts: record.counts,
    assets: record.assets as AssetMovement[],
    lastSequence: record.lastSequence,
    lastGround: record.lastGround,
  };
}

const columns = [
  'processId',
  'type',
  'caseId',
  'legalBasis',
  'offence',
  'requestingState',
  'requestedState',
  'openedAt',
  'receivedAt',
  'acknowledgedAt',
  'decidedAt',
  'finishedAt',
  'outcome',
  'refusalGround',
  'withinDeadline',
  'counts',
  'assets',
  'lastSequence',
  'lastGround',
] as const;

type RawFacts = Record<(typeof columns)[number], string | number | boolean | null>;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A raw row (SQLite gives booleans as 0/1, JSON columns as text) as the domain's facts. */
function factsOfRaw(raw: RawFacts): StatisticsFacts {
  const json = (value: unknown, empty: string) => (value === empty || value === null ? undefined : String(value));
  const counts = json(raw.counts, '{}');
  const assets = json(raw.assets, '[]');
  return {
    processId: String(raw.processId),
    type: String(raw.type),
    caseId: text(raw.caseId),
    legalBasis: String(raw.legalBasis),
    offence: text(raw.offence),
    requestingState: text(raw.requestingState),
    requestedState: text(raw.requestedState),
    openedAt: String(raw.openedAt),
    receivedAt: text(raw.receivedAt),
    acknowledgedAt: text(raw.acknowledgedAt),
    decidedAt: text(raw.decidedAt),
    finishedAt: text(raw.finishedAt),
    outcome: text(raw.outcome) as Outcome | null,
    refusalGround: text(raw.refusalGround),
    withinDeadline: raw.withinDeadline === null ? null : Boolean(raw.withinDeadline),
    counts: counts ? (JSON.parse(counts) as Record<string, string>) : {},
    assets: assets ? (JSON.parse(assets) as AssetMovement[]) : [],
    lastSequence: Number(raw.lastSequence),
    lastGround: text(raw.lastGround),
  };
}

/** The FATF R.33 / IO.2 figures from the read model (see docs/statistics.md). */
export class StatisticsQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The database narrows the rows to the period's cohort and the filter (indexed on opening time
   * and type); the domain's pure aggregation computes every figure, so the API's answer and a
   * recomputation from the events cannot differ. Processes of the handling codes given are left out
   * (those a code hides processes from must not count them either).
   */
  async report(request: StatisticsRequest, excludeHandlingCodes: readonly string[] = []): Promise<StatisticsReport> {
    const { start, end } = periodBounds(request.period);
    const { filter, ownState } = request;
    const q = this.dataSource
      .getRepository(ProcessStatisticsRecord)
      .createQueryBuilder('s')
      .where('s.openedAt >= :start AND s.openedAt < :end', { start, end });
    if (filter.caseId) q.andWhere('s.caseId = :caseId', { caseId: filter.caseId });
    if (filter.type) q.andWhere('s.type = :type', { type: filter.type });
    if (filter.offence) q.andWhere('s.offence = :offence', { offence: filter.offence });
    if (filter.legalBasis) q.andWhere('s.legalBasis = :legalBasis', { legalBasis: filter.legalBasis });
    if (filter.direction === 'sent') q.andWhere('s.requestingState = :own', { own: ownState });
    if (filter.direction === 'received') {
      q.andWhere('(s.requestingState IS NULL OR s.requestingState <> :own)', { own: ownState });
    }
    if (filter.counterpartState) {
      q.andWhere(
        '(CASE WHEN s.requestingState = :own THEN s.requestedState ELSE s.requestingState END) = :counterpart',
        { own: ownState, counterpart: filter.counterpartState },
      );
    }
    if (excludeHandlingCodes.length) {
      q.andWhere(
        'NOT EXISTS (SELECT 1 FROM processes p WHERE p.id = s.process_id AND p.handling_code IN (:...excludeHandlingCodes))',
        { excludeHandlingCodes },
      );
    }
    // Raw rows of the columns the figures need: hydrating 100,000 entities costs more than the figures.
    q.select('s.processId', 'processId');
    for (const column of columns) if (column !== 'processId') q.addSelect(`s.${column}`, column);
    const rows = await q.getRawMany<RawFacts>();
    return statisticsReport(rows.map(factsOfRaw), request);
  }
}
