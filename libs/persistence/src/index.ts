export * from './data-source';
export * from './entities/process.record';
export * from './entities/timeline-entry.record';
export * from './read-model.store';
