export * from './encryption-codec';
export * from './temporal-client';
export * from './stalled-workflows';
