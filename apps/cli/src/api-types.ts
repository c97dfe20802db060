/** The API's bodies as the CLI reads them (see docs/api.md). */

export interface Deadline {
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly status: string;
}

export interface ProcessResource {
  readonly id: string;
  readonly type: string;
  readonly caseId?: string;
  readonly legalBasis: string;
  readonly priority: string;
  readonly handlingCode: string;
  readonly parties: Readonly<Record<string, { agencyId: string; state: string }>>;
  readonly stage: string;
  readonly stageLabel?: string;
  readonly sequence: number;
  readonly terminal: boolean;
  readonly overdue: boolean;
  readonly deadlines: readonly Deadline[];
  readonly tasks?: readonly { agencyId: string; party: string; stage: string; status: string }[];
  readonly allowedActions: readonly { action: string; label: string }[];
  readonly startedAt: string;
  readonly updatedAt: string;
}

export interface StartedProcess {
  readonly id: string;
  readonly type: string;
  readonly stage: string;
  readonly created: boolean;
}

export interface ProcessListItem {
  readonly id: string;
  readonly type: string;
  readonly stage: string;
  readonly priority: string;
  readonly caseId?: string | null;
  readonly nextDueAt?: string | null;
  readonly overdue: boolean;
}

export interface ProcessPage {
  readonly items: readonly ProcessListItem[];
  readonly nextCursor?: string;
}

export interface TimelineEntry {
  readonly sequence: number;
  readonly type: string;
  readonly action?: string | null;
  readonly fromStage?: string | null;
  readonly stage: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly agencyId?: string };
  readonly occurredAt: string;
}

/** A case: `caseId` in this API (`id` in early drafts of it); a process's stage is null until projected. */
export interface Case {
  readonly caseId?: string;
  readonly id?: string;
  readonly title: string;
  readonly handlingCode?: string;
  readonly openedAt?: string;
  readonly openedBy?: { readonly userId: string };
  readonly processes?: readonly { id: string; type: string; stage: string | null }[];
  readonly created?: boolean;
}

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
