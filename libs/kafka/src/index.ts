export * from './kafka-client';
export * from './dead-letter';
