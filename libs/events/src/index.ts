export * from './cloudevents/cloud-event';
export * from './process-event/process-event.schema';
export * from './topics';
