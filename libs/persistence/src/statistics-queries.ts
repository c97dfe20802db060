import type { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  periodBounds,
  statisticsReport,
  type AssetMovement,
  type Outcome,
  type ReportFacts,
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

/** The columns a report reads, in the order a row of the query holds them. */
const reportColumns = [
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
] as const satisfies readonly (keyof ReportFacts)[];

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A row as an array (SQLite gives booleans as 0/1; JSON columns are text) as the facts a report reads. */
function factsOfRow(row: readonly unknown[]): ReportFacts {
  const json = (value: unknown, empty: string) => (value === empty || value === null ? undefined : String(value));
  const counts = json(row[14], '{}');
  const assets = json(row[15], '[]');
  return {
    type: String(row[0]),
    caseId: text(row[1]),
    legalBasis: String(row[2]),
    offence: text(row[3]),
    requestingState: text(row[4]),
    requestedState: text(row[5]),
    openedAt: String(row[6]),
    receivedAt: text(row[7]),
    acknowledgedAt: text(row[8]),
    decidedAt: text(row[9]),
    finishedAt: text(row[10]),
    outcome: text(row[11]) as Outcome | null,
    refusalGround: text(row[12]),
    withinDeadline: row[13] === null ? null : Boolean(row[13]),
    counts: counts ? (JSON.parse(counts) as Record<string, string>) : {},
    assets: assets ? (JSON.parse(assets) as AssetMovement[]) : [],
  };
}

/** The drivers' own ways to answer rows as arrays, which TypeORM does not offer. */
interface SqliteConnection {
  prepare(sql: string): { raw(on: boolean): { all(...parameters: unknown[]): unknown[][] } };
}
interface PostgresPool {
  query(config: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][] }>;
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
    // Each column under its own alias, in this order: the rows are read by position.
    q.select(`s.${reportColumns[0]}`, reportColumns[0]);
    for (const column of reportColumns.slice(1)) q.addSelect(`s.${column}`, column);
    return statisticsReport((await this.rowsOf(q)).map(factsOfRow), request);
  }

  /**
   * The query's rows as arrays, in `reportColumns`' order. A year of 100,000 processes is read
   * whole: the drivers' array rows cost about half of what objects do (keyed by column, then
   * copied), and that read was most of a report's time (docs/benchmarks.md).
   */
  private async rowsOf(q: SelectQueryBuilder<ProcessStatisticsRecord>): Promise<unknown[][]> {
    const [sql, parameters] = q.getQueryAndParameters();
    const driver = this.dataSource.driver as unknown as {
      databaseConnection?: SqliteConnection;
      master?: PostgresPool;
    };
    switch (this.dataSource.options.type) {
      case 'better-sqlite3':
        return (driver.databaseConnection as SqliteConnection)
          .prepare(sql)
          .raw(true)
          .all(...parameters);
      case 'postgres':
        return (await (driver.master as PostgresPool).query({ text: sql, values: parameters, rowMode: 'array' })).rows;
      default:
        throw new Error(`statistics: no array rows for a ${this.dataSource.options.type} read model`);
    }
  }
}
