/**
 * The case rules in force for a case: those its processes' types declare (processes an action
 * starts in the case, actions held back in another process of it, obligations owed to it), said
 * in the reader's language with the types' own labels. Pure, no DOM.
 */
import type { ProcessType } from './api-types';
import { language, t } from './i18n';
import { partyLabel } from './i18n/process-labels';

const quote = (label: string) => t('cases.quoted', { label });
const quoted = (labels: readonly string[]) => labels.map(quote).join(` ${t('cases.or')} `);

export function caseRulesInForce(present: readonly string[], types: readonly ProcessType[]): string[] {
  const byType = new Map(types.map((d) => [d.type, d]));
  const actionLabel = (of: ProcessType, action: string) => of.actions.find((a) => a.action === action)?.label ?? action;
  const stageLabels = (of: ProcessType, stages: readonly string[]) =>
    stages.map((s) => of.stages.find((d) => d.stage === s)?.label ?? s);
  return [...new Set(present)].flatMap((name) => {
    const type = byType.get(name);
    if (!type) return [];
    const { spawns, holds, obligations } = type.caseRules;
    return [
      ...spawns.map((s) =>
        t('cases.ruleSpawns', {
          type: type.title,
          action: quote(actionLabel(type, s.action)),
          spawned: byType.get(s.type)?.title ?? s.type,
        }),
      ),
      ...holds.map((rule) => {
        const held = [...byType.values()].find((o) => o.actions.some((a) => a.action === rule.holds));
        return t('cases.ruleHolds', {
          type: type.title,
          action: quote(actionLabel(type, rule.action)),
          held: quote(held ? actionLabel(held, rule.holds) : rule.holds),
          field: rule.field,
          stages: quoted(stageLabels(type, rule.releasedAt)),
          reason: rule.reason,
        });
      }),
      ...obligations.map((o) =>
        t('cases.ruleObligation', {
          type: type.title,
          obligation: o.label,
          article: o.article,
          party: quote(partyLabel(o.owedBy, language())),
          openWhile: quoted(stageLabels(type, o.openWhile)),
          dischargedAt: quoted(stageLabels(type, o.dischargedAt)),
        }),
      ),
    ];
  });
}
