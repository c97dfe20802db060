export * from './temporal-client';
