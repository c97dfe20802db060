/** Default topic names; every app reads the actual names from configuration. */
export const DefaultTopics = {
  processEvents: 'comity.process-events.v1',
  agencyTasks: 'comity.agency-tasks.v1',
  agencyResponses: 'comity.agency-responses.v1',
  deadLetter: 'comity.dead-letter.v1',
} as const;
export type TopicNames = { readonly [K in keyof typeof DefaultTopics]: string };
