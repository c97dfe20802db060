/**
 * The case rules in force for a case: those its processes' types declare (processes an action
 * starts in the case, actions held back in another process of it, obligations owed to it), said
 * in words with the types' own labels. Pure, no DOM.
 */
import type { ProcessType } from './api-types';

const quoted = (labels: readonly string[]) => labels.map((l) => `“${l}”`).join(' or ');

export function caseRulesInForce(present: readonly string[], types: readonly ProcessType[]): string[] {
  const byType = new Map(types.map((t) => [t.type, t]));
  const actionLabel = (t: ProcessType, action: string) => t.actions.find((a) => a.action === action)?.label ?? action;
  const stageLabels = (t: ProcessType, stages: readonly string[]) =>
    stages.map((s) => t.stages.find((d) => d.stage === s)?.label ?? s);
  return [...new Set(present)].flatMap((name) => {
    const t = byType.get(name);
    if (!t) return [];
    const { spawns, holds, obligations } = t.caseRules;
    return [
      ...spawns.map(
        (s) =>
          `${t.title}: “${actionLabel(t, s.action)}” starts a new ${byType.get(s.type)?.title ?? s.type} process in this case.`,
      ),
      ...holds.map((rule) => {
        const held = [...byType.values()].find((o) => o.actions.some((a) => a.action === rule.holds));
        return `${t.title}: “${actionLabel(t, rule.action)}” holds back “${held ? actionLabel(held, rule.holds) : rule.holds}” in the process it names (${rule.field}) until this one is ${quoted(stageLabels(t, rule.releasedAt))}: ${rule.reason}`;
      }),
      ...obligations.map(
        (o) =>
          `${t.title}: ${o.label} (${o.article}), owed by the ${o.owedBy} party, open while ${quoted(stageLabels(t, o.openWhile))}, discharged at ${quoted(stageLabels(t, o.dischargedAt))}.`,
      ),
    ];
  });
}
