import { legalBasisOf } from '../legal-basis/legal-basis.table';
import { own } from './own';
import type { PartyBinding, ProcessDefinition } from './process-definition';
import type { CaseHold, ProcessSnapshot } from './process-state';
import type { OpenProcessInput } from './state-machine';

/** The id of a process another one started: fixed by its origin, so starting it twice starts it once. */
export const spawnedProcessId = (processId: string, action: string, sequence: number): string =>
  `${processId}.${action}.${sequence}`;

/**
 * The process an action starts by its definition's `spawns` rule, if it has one; `snapshot` is the
 * process before the action, `sequence` the action's event. It joins the same case, keeps the
 * priority and handling code, and runs under the rule's legal basis, else this process's if that
 * applies to the new type, else UNTOC (the fallback basis).
 */
export function spawnedBy(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  action: string,
  sequence: number,
): OpenProcessInput | undefined {
  const rule = own(definition.actions, action)?.spawns;
  if (!rule) return undefined;
  const current = legalBasisOf(snapshot.legalBasis);
  const inherited = current.appliesTo.includes('*') || current.appliesTo.includes(rule.type);
  const parties: Record<string, PartyBinding> = {};
  for (const [slot, from] of Object.entries(rule.parties)) {
    const binding = snapshot.parties[from];
    if (binding) parties[slot] = binding;
  }
  return {
    processId: spawnedProcessId(snapshot.processId, action, sequence),
    type: rule.type,
    ...(snapshot.caseId !== undefined ? { caseId: snapshot.caseId } : {}),
    legalBasis: rule.legalBasis ?? (inherited ? snapshot.legalBasis : 'UNTOC'),
    priority: snapshot.priority,
    handlingCode: snapshot.handlingCode,
    parties,
  };
}

export interface CaseProcess {
  readonly id: string;
  readonly type: string;
  readonly stage: string;
}

export interface CaseObligation {
  readonly id: string;
  readonly label: string;
  readonly processId: string;
  readonly status: 'open' | 'discharged';
}

/** The obligations a case's processes have opened, as their definitions declare them. */
export function caseObligationsOf(
  processes: readonly CaseProcess[],
  definitionOf: (type: string) => ProcessDefinition | undefined,
): CaseObligation[] {
  return processes.flatMap((process) =>
    Object.entries(definitionOf(process.type)?.caseObligations ?? {}).flatMap(([id, o]): CaseObligation[] => {
      const label = `${o.label} (${o.article})`;
      if (o.openWhile.includes(process.stage)) return [{ id, label, processId: process.id, status: 'open' }];
      if (o.dischargedAt.includes(process.stage)) return [{ id, label, processId: process.id, status: 'discharged' }];
      return [];
    }),
  );
}

/** A hold to place on, or lift from, another process of the case. */
export interface HoldSignal {
  readonly target: string;
  readonly caseId?: string;
  readonly place?: CaseHold;
  readonly lift?: string;
}

/**
 * The holds a transition places (its action declares `holds` and its payload names a process) or
 * lifts (the process enters a stage that releases a hold it placed earlier, as its facts record).
 */
export function holdSignalsOf(
  definition: ProcessDefinition,
  before: ProcessSnapshot,
  after: ProcessSnapshot,
  action: string,
  payload: Readonly<Record<string, unknown>>,
): HoldSignal[] {
  const signals: HoldSignal[] = [];
  const caseId = after.caseId !== undefined ? { caseId: after.caseId } : {};
  const rule = own(definition.actions, action)?.holds;
  const target = rule ? payload[rule.field] : undefined;
  if (rule && typeof target === 'string' && target.length > 0) {
    const id = `${after.processId}:${action}`;
    signals.push({
      target,
      ...caseId,
      place: { id, action: rule.action, heldBy: after.processId, reason: rule.reason },
    });
  }
  if (before.stage === after.stage) return signals;
  for (const [name, a] of Object.entries(definition.actions)) {
    const placed = a.holds ? after.facts[`held:${name}`] : undefined;
    if (a.holds?.releasedAt.includes(after.stage) && typeof placed === 'string') {
      signals.push({ target: placed, ...caseId, lift: `${after.processId}:${name}` });
    }
  }
  return signals;
}
