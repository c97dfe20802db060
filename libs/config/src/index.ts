export * from './config';
export * from './run-main';
export * from './health-server';
export * from './key-fingerprints';
export * from './key-list';
