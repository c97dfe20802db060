/** Default topic names; every app reads the actual names from configuration. */
export const DefaultTopics = {
  processEvents: 'comity.process-events.v1',
  /**
   * Each registered agency has a task topic and an answer topic of its own: these prefixes and its
   * agency id (`comity.agency-tasks.v1.gr-police`), so the broker's ACLs give it its own and nothing else.
   */
  agencyTasksPrefix: 'comity.agency-tasks.v1.',
  agencyAnswersPrefix: 'comity.agency-answers.v1.',
  /** The bridge's own: answers it parked to try again (agencies neither read nor write it). */
  agencyResponsesRetry: 'comity.agency-responses.retry.v1',
  deadLetter: 'comity.dead-letter.v1',
} as const;
export type TopicNames = { readonly [K in keyof typeof DefaultTopics]: string };

/** A registered agency's id: lower-case words joined by hyphens (it names topics and a broker principal). */
export const AGENCY_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The task topic of one agency. */
export const agencyTasksTopic = (topics: Pick<TopicNames, 'agencyTasksPrefix'>, agencyId: string): string =>
  `${topics.agencyTasksPrefix}${agencyId}`;

/** The answer topic of one agency. */
export const agencyAnswersTopic = (topics: Pick<TopicNames, 'agencyAnswersPrefix'>, agencyId: string): string =>
  `${topics.agencyAnswersPrefix}${agencyId}`;

/** The agency an answer topic belongs to, or undefined when the topic is not an agency's answer topic. */
export function agencyOfAnswersTopic(
  topics: Pick<TopicNames, 'agencyAnswersPrefix'>,
  topic: string,
): string | undefined {
  if (!topic.startsWith(topics.agencyAnswersPrefix)) return undefined;
  const agencyId = topic.slice(topics.agencyAnswersPrefix.length);
  return AGENCY_ID_PATTERN.test(agencyId) ? agencyId : undefined;
}
