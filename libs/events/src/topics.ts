/** Default topic names; every app reads the actual names from configuration. */
export const DefaultTopics = {
  processEvents: 'comity.process-events.v1',
  agencyTasks: 'comity.agency-tasks.v1',
  agencyResponses: 'comity.agency-responses.v1',
  /** The bridge's own: answers it parked to try again (agencies neither read nor write it). */
  agencyResponsesRetry: 'comity.agency-responses.retry.v1',
  deadLetter: 'comity.dead-letter.v1',
} as const;
export type TopicNames = { readonly [K in keyof typeof DefaultTopics]: string };
