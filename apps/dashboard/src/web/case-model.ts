/**
 * The case rules in force for a case: those its processes' types declare (processes an action
 * starts in the case, actions held back in another process of it, obligations owed to it), said
 * in the reader's language with the types' own labels. Pure, no DOM.
 */
import type { ProcessType } from './api-types';
import { language, t, type MessageKey } from './i18n';
import { partyLabel } from './i18n/process-labels';

const quote = (label: string) => t('cases.quoted', { label });
const quoted = (labels: readonly string[]) => labels.map(quote).join(` ${t('cases.or')} `);

/**
 * A case rule as a message and its values; `english` holds the values that are the definition's own
 * English whatever the page's language (a held action's reason), for the page to mark.
 */
export interface CaseRule {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string>>;
  readonly english: Readonly<Record<string, string>>;
}

/** The case rules in force, as messages to say (the case page says them, marking `english`). */
export function caseRules(present: readonly string[], types: readonly ProcessType[]): CaseRule[] {
  const byType = new Map(types.map((d) => [d.type, d]));
  const actionLabel = (of: ProcessType, action: string) => of.actions.find((a) => a.action === action)?.label ?? action;
  const stageLabels = (of: ProcessType, stages: readonly string[]) =>
    stages.map((s) => of.stages.find((d) => d.stage === s)?.label ?? s);
  return [...new Set(present)].flatMap((name) => {
    const type = byType.get(name);
    if (!type) return [];
    const { spawns, holds, obligations } = type.caseRules;
    return [
      ...spawns.map((s): CaseRule => ({
        key: 'cases.ruleSpawns',
        params: {
          type: type.title,
          action: quote(actionLabel(type, s.action)),
          spawned: byType.get(s.type)?.title ?? s.type,
        },
        english: {},
      })),
      ...holds.map((rule): CaseRule => {
        const held = [...byType.values()].find((o) => o.actions.some((a) => a.action === rule.holds));
        return {
          key: 'cases.ruleHolds',
          params: {
            type: type.title,
            action: quote(actionLabel(type, rule.action)),
            held: quote(held ? actionLabel(held, rule.holds) : rule.holds),
            field: rule.field,
            stages: quoted(stageLabels(type, rule.releasedAt)),
          },
          english: { reason: rule.reason },
        };
      }),
      ...obligations.map((o): CaseRule => ({
        key: 'cases.ruleObligation',
        params: {
          type: type.title,
          obligation: o.label,
          article: o.article,
          party: quote(partyLabel(o.owedBy, language())),
          openWhile: quoted(stageLabels(type, o.openWhile)),
          dischargedAt: quoted(stageLabels(type, o.dischargedAt)),
        },
        english: {},
      })),
    ];
  });
}
