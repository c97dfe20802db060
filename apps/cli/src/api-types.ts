/**
 * The API's bodies as the CLI reads them: the answers' types come from their one definition
 * (libs/api-contract, the schemas the API documents itself with); the agency registry's are here
 * until that module's answers are described there too.
 */

export type {
  CaseView,
  Deadline,
  OpenedCase,
  ProcessPage,
  ProcessResource,
  ProcessSummary,
  StartedProcess,
  TimelineEntry,
} from '@comity/api-contract';

/** Path segments are ids the API validates; encode them anyway so no id can change the route. */
export const processPath = (id: string, suffix = ''): string => `/api/v1/processes/${encodeURIComponent(id)}${suffix}`;

export interface AgencyKey {
  readonly kid: string;
  readonly algorithm: string;
  readonly status: string;
  readonly addedAt: string;
  readonly revokedAt?: string;
  readonly sealed: boolean;
}

export interface Agency {
  readonly agencyId: string;
  readonly name: string;
  readonly state: string;
  readonly status: string;
  readonly registeredAt: string;
  readonly credentialIssuedAt?: string;
  readonly channel: {
    readonly principal: string;
    readonly tasksTopic: string;
    readonly answersTopic: string;
    readonly groupPrefix: string;
  };
  readonly keys: readonly AgencyKey[];
}

export interface IssuedCredential {
  readonly principal: string;
  readonly mechanism: string;
  readonly password: string;
  readonly brokers: readonly string[];
}
