export { HISTORY_BYTES_PER_RUN, HISTORY_EVENTS_PER_RUN, processWorkflow } from './process.workflow';
export * from './process.messages';
export { SearchAttributes, searchAttributesAtStart } from './search-attributes';
export * from './case.workflow';
