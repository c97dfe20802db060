import type { ProcessSummary, ProcessTypeList } from './api-types';
import { hasDeadline } from './format';
import { t } from './i18n';

/** One line of an inbox: what waits, for whom, and by when. */
export interface InboxRow {
  readonly id: string;
  readonly type: string;
  readonly typeTitle: string;
  readonly stageLabel: string;
  /** The agency the stage waits for (a coordinator's inbox shows every agency's). */
  readonly waitingFor: string;
  readonly priority: ProcessSummary['priority'];
  /** The running deadline that falls due first, or null when none runs. */
  readonly deadline: { readonly label: string; readonly dueAt: string } | null;
  readonly overdue: boolean;
  readonly caseId: string | null;
}

/** Labels of types and their stages, from GET /api/v1/process-types. */
export interface Labels {
  readonly type: (type: string) => string;
  readonly stage: (type: string, stage: string) => string;
  /** A deadline's label, else the one the API sent with the process. */
  readonly deadline: (type: string, id: string, fallback: string) => string;
}

export function labelsOf(list: ProcessTypeList): Labels {
  const types = new Map(list.types.map((t) => [t.type, t]));
  return {
    type: (type) => types.get(type)?.title ?? type,
    stage: (type, stage) => types.get(type)?.stages.find((s) => s.stage === stage)?.label ?? stage,
    deadline: (type, id, fallback) => types.get(type)?.deadlines.find((d) => d.id === id)?.label ?? fallback,
  };
}

/**
 * The inbox's rows, in the API's order (priority, then the deadline falling due first). The
 * deadline shown is the running one due soonest, the one the read model orders by.
 */
export function inboxRows(items: readonly ProcessSummary[], labels: Labels): InboxRow[] {
  return items.map((item) => {
    const running = item.deadlines
      .filter((d) => d.status === 'running' || d.status === 'expired')
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
    return {
      id: item.id,
      type: item.type,
      typeTitle: labels.type(item.type),
      stageLabel: labels.stage(item.type, item.stage),
      waitingFor: item.awaitingAgency ?? '—',
      priority: item.priority,
      deadline: running
        ? { label: labels.deadline(item.type, running.id, running.label), dueAt: running.dueAt }
        : hasDeadline(item.nextDueAt)
          ? { label: t('inbox.deadline'), dueAt: item.nextDueAt }
          : null,
      overdue: item.overdue,
      caseId: item.caseId,
    };
  });
}
