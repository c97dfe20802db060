export * from './message';
export * from './installation-keys';
export * from './refusals';
export * from './envelope.format';
export * from './envelope.seal';
export * from './envelope.open';
export * from './evidence';
export * from './digest';
