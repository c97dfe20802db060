export * from './data-source';
export * from './entities/process-party.record';
export * from './entities/process-statistics.record';
export * from './entities/process.record';
export * from './entities/timeline-entry.record';
export * from './process-projection';
export * from './process-queries';
export * from './statistics-queries';
