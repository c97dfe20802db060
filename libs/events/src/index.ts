export * from './agency-response/agency-response.schema';
export * from './agency-task/agency-task.schema';
export * from './cloudevents/cloud-event';
export * from './process-event/process-event.schema';
export * from './topics';
export * from './json-limits';
export * from './sealed/sealed-value';
