import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { ComityConfig } from '@comity/config';
import { codecKeysFromConfig } from '@comity/crypto';
import { createKafka } from '@comity/kafka';
import { createTokenVerifier, custodyKeys, parseActionKeys, registrySealingKeys } from '@comity/auth';
import {
  AgencyRegistry,
  DeadLetterLog,
  DirectoryVersions,
  DocumentRecords,
  openReadModel,
  ProcessQueries,
  StatisticsQueries,
} from '@comity/persistence';
import { S3ObjectStore } from '../documents/object-store';
import { connectTemporalClient, countStalledWorkflows, type TemporalHandle } from '@comity/temporal';
import { createMetrics } from '../metrics/metrics';
import {
  AGENCY_REGISTRY,
  CONFIG,
  KAFKA_ADMIN,
  METRICS,
  PROCESS_QUERIES,
  DEAD_LETTER_LOG,
  DIRECTORY_VERSIONS,
  DOCUMENT_RECORDS,
  OBJECT_STORE,
  STATISTICS_QUERIES,
  TEMPORAL,
  TOKEN_VERIFIER,
} from './tokens';

const DATA_SOURCE = Symbol('DataSource');

/** Connections to Temporal, Kafka and the read model, opened once and closed on shutdown; the token verifier. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL) private readonly temporal: TemporalHandle,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA_ADMIN) private readonly kafkaAdmin: Admin,
    @Inject(OBJECT_STORE) private readonly objectStore: S3ObjectStore | null,
  ) {}

  static forConfig(config: ComityConfig) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: TEMPORAL, useFactory: () => connectTemporalClient(config.temporal) },
        {
          provide: DATA_SOURCE,
          useFactory: () => openReadModel(config.database, codecKeysFromConfig(config.temporal.codec)),
        },
        { provide: PROCESS_QUERIES, useFactory: (ds: DataSource) => new ProcessQueries(ds), inject: [DATA_SOURCE] },
        { provide: DEAD_LETTER_LOG, useFactory: (ds: DataSource) => new DeadLetterLog(ds), inject: [DATA_SOURCE] },
        {
          provide: DOCUMENT_RECORDS,
          useFactory: (ds: DataSource) =>
            new DocumentRecords(ds, custodyKeys(parseActionKeys(config.temporal.actionKeys))),
          inject: [DATA_SOURCE],
        },
        {
          provide: DIRECTORY_VERSIONS,
          useFactory: (ds: DataSource) => new DirectoryVersions(ds),
          inject: [DATA_SOURCE],
        },
        // null where no object store is configured: the documents routes then answer 503.
        { provide: OBJECT_STORE, useValue: config.documents ? new S3ObjectStore(config.documents.store) : null },
        {
          provide: AGENCY_REGISTRY,
          useFactory: (ds: DataSource) =>
            new AgencyRegistry(ds, registrySealingKeys(parseActionKeys(config.temporal.actionKeys))),
          inject: [DATA_SOURCE],
        },
        {
          provide: METRICS,
          useFactory: (queries: ProcessQueries, temporal: TemporalHandle) =>
            createMetrics(queries, () => countStalledWorkflows(temporal, config.temporal)),
          inject: [PROCESS_QUERIES, TEMPORAL],
        },
        {
          provide: STATISTICS_QUERIES,
          useFactory: (ds: DataSource) => new StatisticsQueries(ds),
          inject: [DATA_SOURCE],
        },
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(config.auth) },
        {
          provide: KAFKA_ADMIN,
          useFactory: async () => {
            const admin = createKafka(config.kafka, 'api').admin();
            await admin.connect();
            return admin;
          },
        },
      ],
      exports: [
        AGENCY_REGISTRY,
        CONFIG,
        TEMPORAL,
        PROCESS_QUERIES,
        DEAD_LETTER_LOG,
        DOCUMENT_RECORDS,
        DIRECTORY_VERSIONS,
        OBJECT_STORE,
        STATISTICS_QUERIES,
        KAFKA_ADMIN,
        TOKEN_VERIFIER,
        METRICS,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.kafkaAdmin.disconnect(),
      this.dataSource.destroy(),
      this.temporal.connection.close(),
    ]);
    this.objectStore?.close();
  }
}
