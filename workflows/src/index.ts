export { processWorkflow } from './process.workflow';
export * from './process.messages';
export { SearchAttributes } from './search-attributes';
export * from './case.workflow';
