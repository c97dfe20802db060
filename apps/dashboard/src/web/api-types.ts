/** The API's answers the page reads (docs/openapi.json has the full schemas). */

export type Priority = 'urgent' | 'high' | 'normal';

export interface Party {
  readonly agencyId: string;
  readonly state: string;
}

export interface Deadline {
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly status: string;
}

export interface ProcessSummary {
  readonly id: string;
  readonly type: string;
  readonly stage: string;
  readonly terminal: boolean;
  readonly caseId: string | null;
  readonly priority: Priority;
  readonly handlingCode: string;
  readonly parties: Readonly<Record<string, Party>>;
  readonly nextDueAt: string;
  readonly overdue: boolean;
  readonly awaitingAgency: string | null;
  readonly lastSequence: number;
  readonly startedAt: string;
  readonly updatedAt: string;
}

export interface ProcessPage {
  readonly items: ProcessSummary[];
  readonly nextCursor?: string;
}

export interface Pipeline {
  readonly types: {
    readonly type: string;
    readonly title: string;
    readonly stages: { readonly stage: string; readonly label: string; readonly terminal: boolean }[];
  }[];
}

export interface ProcessResource {
  readonly id: string;
  readonly type: string;
  readonly caseId?: string;
  readonly legalBasis: string;
  readonly priority: Priority;
  readonly handlingCode: string;
  readonly parties: Readonly<Record<string, Party>>;
  readonly stage: string;
  readonly stageLabel: string;
  readonly terminal: boolean;
  readonly overdue: boolean;
  readonly deadlines: Deadline[];
  readonly allowedActions: { action: string; label: string }[];
  readonly startedAt: string;
  readonly updatedAt: string;
}

export interface Actor {
  readonly userId: string;
  readonly role: string;
  readonly agencyId?: string;
}

export interface TimelineEntry {
  readonly sequence: number;
  readonly action: string;
  readonly fromStage: string | null;
  readonly stage: string;
  readonly actor: Actor;
  readonly occurredAt: string;
}

export interface ProcessType {
  readonly type: string;
  readonly title: string;
  readonly legalReference: string;
  readonly initial: string;
  readonly stages: { stage: string; label: string; terminal: boolean; awaiting: string | null }[];
  readonly actions: { action: string; label: string; from: string[]; to: string | null; by: string[] }[];
  readonly deadlines: { id: string; label: string; while: string[]; onExpiry: string }[];
}

/** One `process` event of the server-sent-events stream. */
export interface LiveTransition {
  readonly processId: string;
  readonly processType: string;
  readonly sequence: number;
  readonly action: string;
  readonly stage: string;
  readonly terminal: boolean;
  readonly overdue: boolean;
  readonly priority: Priority;
  readonly occurredAt: string;
}

/** GET /api/v1/statistics (FATF R.33 / IO.2), as far as the page draws it. */
export interface Figures {
  readonly opened: number;
  readonly sent: number;
  readonly received: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly pending: { count: number; medianAgeDays: number | null; maxAgeDays: number | null };
  readonly daysToAcknowledge: { count: number; median: number | null; p90: number | null };
  readonly daysToDecide: { count: number; median: number | null; p90: number | null };
  readonly daysToExecute: { count: number; median: number | null; p90: number | null };
  readonly withinDeadline: { completed: number; withinDeadline: number; share: number | null };
}

export interface Statistics {
  readonly period: { from: string; to: string };
  readonly ownState: string;
  readonly groupBy: string;
  readonly total: Figures;
  readonly groups: { key: string; figures: Figures }[];
}

/** GET /api/v1/stalled: running processes whose workflow task keeps failing. */
export interface StalledProcesses {
  readonly items: readonly {
    readonly id: string;
    readonly workflowType: string;
    readonly problems: readonly string[];
  }[];
}

/** GET /api/v1/me: who the API takes the caller to be. */
export interface Caller {
  readonly userId: string;
  readonly role: 'coordinator' | 'agency' | 'auditor' | 'admin';
  readonly agencyId?: string;
  readonly tokenExpiresAt: string;
}

/** The provider's endpoints and the dashboard's client id (the dashboard's server discovers them). */
export interface OidcSettings {
  readonly mode: 'oidc';
  readonly clientId: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly endSessionEndpoint?: string;
}

/** GET /auth-config.json, from the dashboard's server: how the page signs in. */
export type DashboardAuthSettings = { readonly mode: 'local' } | OidcSettings;
