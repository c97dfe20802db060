export * from './encryption-codec';
export * from './temporal-client';
