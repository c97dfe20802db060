import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import type { Actor, HandlingCode } from '@comity/domain';

/** The one argument of caseWorkflow. */
export interface OpenCaseInput {
  readonly caseId: string;
  readonly title: string;
  readonly handlingCode: HandlingCode;
  readonly openedBy: Actor;
  readonly openedAt: string;
}

export interface CaseView extends OpenCaseInput {
  readonly processes: readonly { readonly processId: string; readonly type: string }[];
}

export const caseStateQuery = defineQuery<CaseView>('caseState');
export const processLinkedSignal = defineSignal<[{ processId: string; type: string }]>('processLinked');

/**
 * A case groups the processes about one smuggling network. It holds the case's own facts (title,
 * handling code) and the processes linked to it, and lives as long as the case is open.
 */
export async function caseWorkflow(input: OpenCaseInput): Promise<void> {
  let processes: CaseView['processes'] = [];
  setHandler(caseStateQuery, () => ({ ...input, processes }));
  setHandler(processLinkedSignal, (link) => {
    if (!processes.some((p) => p.processId === link.processId)) processes = [...processes, link];
  });
  // A case stays open: closing and archiving cases are not modelled yet. Its history stays small,
  // one signal per linked process.
  await condition(() => false);
}
