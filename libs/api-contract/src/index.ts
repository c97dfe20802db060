export * from './agencies';
export * from './answer';
export * from './responses';
