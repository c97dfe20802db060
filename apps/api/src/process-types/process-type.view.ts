import {
  legalBasesFor,
  payloadJsonSchema,
  refusalGroundsTable,
  type JsonSchema,
  type Permission,
  type ProcessDefinition,
} from '@comity/domain';
import { startRequestSchemaOf } from '../processes/process-request.schemas';

/**
 * What a client needs to draw a process type (the dashboard's state diagram, stage columns and
 * deadline labels) and to fill its forms: the declaration in libs/domain, with each action's
 * payload schema and the start data as JSON Schema (the guards are code, not data).
 */
export interface ProcessTypeView {
  readonly type: string;
  readonly title: string;
  readonly legalReference: string;
  readonly parties: readonly string[];
  /** What `data` of POST /processes may declare for this type. */
  readonly startData: JsonSchema;
  /** The whole body of POST /processes for this type, as JSON Schema (what a start form draws). */
  readonly startRequest: object;
  /** The legal bases that can ground this type; `states`: the only states an instrument binds, or null for any. */
  readonly legalBases: readonly { id: string; name: string; states: readonly string[] | null }[];
  readonly initial: string;
  readonly stages: readonly { stage: string; label: string; terminal: boolean; awaiting: string | null }[];
  readonly actions: readonly {
    action: string;
    label: string;
    from: readonly string[];
    to: string | null;
    by: string[];
    payload: JsonSchema;
  }[];
  readonly deadlines: readonly {
    id: string;
    label: string;
    rule: string;
    while: readonly string[];
    onExpiry: string;
    escalatesTo: string | null;
  }[];
  /**
   * The rules this type brings to the case its processes are in: actions that start another process
   * in the case, actions that hold back an action of another process of the case, and obligations it
   * opens for the case.
   */
  readonly caseRules: {
    readonly spawns: readonly { action: string; type: string }[];
    readonly holds: readonly {
      action: string;
      field: string;
      holds: string;
      releasedAt: readonly string[];
      reason: string;
    }[];
    readonly obligations: readonly {
      id: string;
      label: string;
      article: string;
      owedBy: string;
      openWhile: readonly string[];
      dischargedAt: readonly string[];
    }[];
  };
  /**
   * The grounds a refusal may take, per legal basis that has any for this type (the refusal-grounds
   * table in libs/domain), with each ground's article and rules.
   */
  readonly refusalGrounds: readonly {
    legalBasis: string;
    article: string;
    fiscalBar: string | null;
    consultation: string | null;
    grounds: readonly {
      ground: string;
      article: string;
      meaning: string;
      consultFirst: boolean;
      notForListedOffences: boolean;
      opens: string | null;
      requires: readonly string[];
    }[];
  }[];
}

const who = (p: Permission) => ('party' in p ? `party:${p.party}` : `role:${p.role}`);

export function processTypeView(definition: ProcessDefinition): ProcessTypeView {
  return {
    type: definition.type,
    title: definition.title,
    legalReference: definition.legalReference,
    parties: definition.parties,
    startData: payloadJsonSchema(definition.startData),
    startRequest: startRequestSchemaOf(definition),
    legalBases: legalBasesFor(definition.type).map((b) => ({ id: b.id, name: b.name, states: b.states ?? null })),
    initial: definition.initial,
    stages: Object.entries(definition.states).map(([stage, state]) => ({
      stage,
      label: state.label,
      terminal: state.terminal === true,
      awaiting: state.awaiting ?? null,
    })),
    actions: Object.entries(definition.actions).map(([action, a]) => ({
      action,
      label: a.label,
      from: a.from,
      to: a.to ?? null,
      by: a.by.map(who),
      payload: payloadJsonSchema(a.request ?? a.payload),
    })),
    deadlines: definition.deadlines.map((d) => ({
      id: d.id,
      label: d.label,
      rule: d.rule,
      while: d.while,
      onExpiry: d.onExpiry.kind === 'escalate' ? 'escalate' : `action:${d.onExpiry.action}`,
      escalatesTo: d.onExpiry.kind === 'escalate' ? d.onExpiry.to : null,
    })),
    caseRules: {
      spawns: Object.entries(definition.actions).flatMap(([action, a]) =>
        a.spawns ? [{ action, type: a.spawns.type }] : [],
      ),
      holds: Object.entries(definition.actions).flatMap(([action, a]) =>
        a.holds
          ? [
              {
                action,
                field: a.holds.field,
                holds: a.holds.action,
                releasedAt: a.holds.releasedAt,
                reason: a.holds.reason,
              },
            ]
          : [],
      ),
      obligations: Object.entries(definition.caseObligations ?? {}).map(([id, o]) => ({
        id,
        label: o.label,
        article: o.article,
        owedBy: o.owedBy,
        openWhile: o.openWhile,
        dischargedAt: o.dischargedAt,
      })),
    },
    refusalGrounds: refusalGroundsView(definition.type),
  };
}

function refusalGroundsView(type: string): ProcessTypeView['refusalGrounds'] {
  return Object.entries(refusalGroundsTable).flatMap(([legalBasis, byType]) => {
    const instrument = Object.hasOwn(byType, type) ? byType[type] : undefined;
    if (!instrument) return [];
    return [
      {
        legalBasis,
        article: instrument.article,
        fiscalBar: instrument.fiscalBar ?? null,
        consultation: instrument.consultation ?? null,
        grounds: Object.entries(instrument.grounds).map(([ground, g]) => ({
          ground,
          article: g.article,
          meaning: g.meaning,
          consultFirst: g.consultFirst === true,
          notForListedOffences: g.notForListedOffences === true,
          opens: g.opens ?? null,
          requires: Object.keys(g.requires ?? {}),
        })),
      },
    ];
  });
}
