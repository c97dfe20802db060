/**
 * The API's bodies as the CLI reads them, from their one definition (libs/api-contract: the schemas
 * the API documents itself with).
 */

export type {
  Agency,
  AgencyKey,
  AgencyList,
  CaseView,
  Deadline,
  DirectoryResource,
  IssuedCredential,
  OpenedCase,
  ProcessPage,
  ProcessResource,
  ProcessSummary,
  StartedProcess,
  TimelineEntry,
} from '@comity/api-contract';

/** Path segments are ids the API validates; encode them anyway so no id can change the route. */
export const processPath = (id: string, suffix = ''): string => `/api/v1/processes/${encodeURIComponent(id)}${suffix}`;
