export { federationDeliveryWorkflow } from './delivery.workflow';
export * from './delivery.messages';
