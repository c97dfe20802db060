import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '@comity/config';
import type { CodecKeys } from '@comity/crypto';
import { ProcessRecord } from './entities/process.record';
import { ProcessPartyRecord } from './entities/process-party.record';
import { ProcessStatisticsRecord } from './entities/process-statistics.record';
import { CaseRecord } from './entities/case.record';
import { PipelineCountRecord } from './entities/pipeline-count.record';
import { TaskRecord } from './entities/task.record';
import { TimelineEntryRecord } from './entities/timeline-entry.record';
import { AgencyKeyRecord, AgencyRecord } from './entities/agency.record';
import { DeadLetterRecord } from './entities/dead-letter.record';
import { DocumentCustodyRecord, DocumentRecord } from './entities/document.record';
import { DirectoryVersionRecord } from './entities/directory-version.record';
import { FederationInboxHeadRecord, FederationInboxRecord } from './entities/federation-inbox.record';
import { FederationOutboxRecord } from './entities/federation-outbox.record';
import { ReadModel1732800000000 } from './migrations/1732800000000-read-model';
import { ProcessOrderAndParties1732900000000 } from './migrations/1732900000000-process-order-and-parties';
import { AwaitingAgency1733000000000 } from './migrations/1733000000000-awaiting-agency';
import { AuditChain1733100000000 } from './migrations/1733100000000-audit-chain';
import { Offence1733200000000 } from './migrations/1733200000000-offence';
import { ProcessStatistics1733300000000 } from './migrations/1733300000000-process-statistics';
import { Pipeline1733400000000 } from './migrations/1733400000000-pipeline';
import { TasksAndCases1733500000000 } from './migrations/1733500000000-tasks-and-cases';
import { PipelineByHandlingCode1733600000000 } from './migrations/1733600000000-pipeline-by-handling-code';
import { SealedTimeline1733700000000 } from './migrations/1733700000000-sealed-timeline';
import { useReadModelKeys } from './sealed-columns';
import { AgencyRegistry1733800000000 } from './migrations/1733800000000-agency-registry';
import { StatisticsCaseAndReceipt1733900000000 } from './migrations/1733900000000-statistics-case-and-receipt';
import { DeadLetters1734000000000 } from './migrations/1734000000000-dead-letters';
import { PartyStatePipeline1734100000000 } from './migrations/1734100000000-party-state-pipeline';
import { Documents1734200000000 } from './migrations/1734200000000-documents';
import { Directory1734300000000 } from './migrations/1734300000000-directory';
import { OffChannel1734400000000 } from './migrations/1734400000000-off-channel';
import { FederationGateway1734500000000 } from './migrations/1734500000000-federation-gateway';

export const entities = [
  ProcessRecord,
  ProcessPartyRecord,
  TimelineEntryRecord,
  ProcessStatisticsRecord,
  TaskRecord,
  CaseRecord,
  PipelineCountRecord,
  AgencyRecord,
  AgencyKeyRecord,
  DeadLetterRecord,
  DocumentRecord,
  DocumentCustodyRecord,
  DirectoryVersionRecord,
  FederationInboxRecord,
  FederationInboxHeadRecord,
  FederationOutboxRecord,
];
export const migrations = [
  ReadModel1732800000000,
  ProcessOrderAndParties1732900000000,
  AwaitingAgency1733000000000,
  AuditChain1733100000000,
  Offence1733200000000,
  ProcessStatistics1733300000000,
  Pipeline1733400000000,
  TasksAndCases1733500000000,
  PipelineByHandlingCode1733600000000,
  SealedTimeline1733700000000,
  AgencyRegistry1733800000000,
  StatisticsCaseAndReceipt1733900000000,
  DeadLetters1734000000000,
  PartyStatePipeline1734100000000,
  Documents1734200000000,
  Directory1734300000000,
  OffChannel1734400000000,
  FederationGateway1734500000000,
];

// The read model holds every process's parties and payloads: for the owner only.
const OWNER_ONLY_FOLDER = 0o700;
const OWNER_ONLY_FILE = 0o600;

/**
 * Creates the SQLite file and the folders it needs owner-only, whatever the umask, and tightens a
 * file made before. SQLite gives a new -wal or -shm file the database's mode, but keeps the mode of
 * one left by a running or crashed process. Folders that exist are left as they are: they may be
 * shared (the runtime folder must stay reachable for PostgreSQL's user).
 */
function prepareSqliteFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: OWNER_ONLY_FOLDER });
  closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  chmodSync(file, OWNER_ONLY_FILE);
  for (const companion of [`${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(companion, OWNER_ONLY_FILE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** The one DataSource definition used by every app and the migration command. */
export function createDataSource(config: DatabaseConfig): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: ['error' as const] };
  if (config.type === 'sqlite') {
    prepareSqliteFile(config.path);
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: config.path,
      // WAL lets the API read while the projector writes.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
      },
    });
  }
  return new DataSource({ ...common, type: 'postgres', url: config.url, extra: { max: 10 } });
}

/**
 * Opens the DataSource and brings the schema up to date. `keys` (the installation's codec keys)
 * seal and open the columns that can hold personal data.
 */
export async function openReadModel(config: DatabaseConfig, keys: CodecKeys): Promise<DataSource> {
  useReadModelKeys(keys);
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  await migrate(dataSource);
  return dataSource;
}

/**
 * Runs the pending migrations. The apps that open the read model (API, projector, bridge) start
 * side by side, and each would run a migration the others are running too: TypeORM reads which
 * migrations ran before it starts one, so the second to reach a migration fails on what the first
 * created (`column "evidence" already exists`), its transaction rolled back. Then it reads again
 * and finds the migration done. A migration that fails for another reason fails every attempt.
 */
async function migrate(dataSource: DataSource, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt + Math.random() * 300));
    }
  }
}
