export * from './model/actor';
export * from './model/domain-error';
export * from './model/process-definition';
export * from './model/process-state';
export * from './model/state-machine';
export * from './processes/mla.definition';
export * from './processes/process-registry';
export * from './model/process-documentation';
