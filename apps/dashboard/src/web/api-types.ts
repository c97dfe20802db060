/**
 * The API's answers the page reads, from their one definition (libs/api-contract: the schemas the
 * API documents itself with in docs/openapi.json). Type-only: the bundle carries none of it.
 */
import type { Answer, documentList, ProcessStreamEvent, ProcessSummary, StatisticsReport } from '@comity/api-contract';

export type {
  Caller,
  CaseTimeline,
  CaseView,
  DeadLetterPage,
  DirectoryResource,
  DocumentResource,
  Incidents,
  OpenedCase,
  StartedProcess,
  Figures,
  Pipeline,
  ProcessPage,
  ProcessResource,
  ProcessSummary,
  ProcessType,
  ProcessTypeList,
  StalledProcesses,
  TimelineEntry,
} from '@comity/api-contract';

export type Priority = ProcessSummary['priority'];

/** GET /api/v1/processes/{id}/documents: the process's documents the caller may see. */
export type DocumentList = Answer<typeof documentList>;

/** One `process` event of the server-sent-events stream. */
export type LiveTransition = ProcessStreamEvent;

/** GET /api/v1/statistics (FATF R.33 / IO.2). */
export type Statistics = StatisticsReport;

/** The provider's endpoints and the dashboard's client id (the dashboard's server discovers them). */
export interface OidcSettings {
  readonly mode: 'oidc';
  readonly clientId: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly endSessionEndpoint?: string;
}

/** GET /auth-config.json, from the dashboard's server: how the page signs in. */
export type DashboardAuthSettings = LocalSettings | OidcSettings;

/** The API's roles (libs/domain's Roles, which api-types.spec.ts holds this to), without bundling the domain library. */
export const ROLES = ['coordinator', 'agency', 'auditor', 'admin'] as const;

/** Local development: a pasted token, and with `userPicker` a user the page picks (the server signs its token). */
export interface LocalSettings {
  readonly mode: 'local';
  readonly userPicker?: true;
}
