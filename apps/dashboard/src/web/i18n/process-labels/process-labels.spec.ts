import { currentDefinitionVersion, definitionAt, processTypes, type ProcessDefinition } from '@comity/domain';
import type { ProcessTypeList } from '../../api-types';
import {
  actionLabel,
  COMMON_ACTION_LABELS,
  localizedTypes,
  PARTY_LABELS,
  partyLabel,
  processTitle,
  PROCESS_LABELS,
  stageLabel,
  type Labels,
  type Translation,
} from '.';

/** Every definition a process can run under: each type's current one and its earlier versions. */
const versions = processTypes.flatMap((type) =>
  Array.from(
    { length: currentDefinitionVersion(type) },
    (_, i) => [`${type} version ${i + 1}`, definitionAt(type, i + 1)] as const,
  ),
);
const definitions: readonly ProcessDefinition[] = versions.map(([, d]) => d);

interface Codes {
  readonly stages: ReadonlySet<string>;
  readonly actions: ReadonlySet<string>;
  readonly deadlines: ReadonlySet<string>;
  readonly obligations: ReadonlySet<string>;
}

/** What each type's definitions name, over all their versions. */
const codes = new Map<string, Codes>(
  processTypes.map((type) => {
    const versions = definitions.filter((d) => d.type === type);
    const all = (names: (d: ProcessDefinition) => string[]) => new Set(versions.flatMap(names));
    return [
      type,
      {
        stages: all((d) => Object.keys(d.states)),
        actions: all((d) => Object.keys(d.actions)),
        deadlines: all((d) => d.deadlines.map((x) => x.id)),
        obligations: all((d) => Object.keys(d.caseObligations ?? {})),
      },
    ];
  }),
);

/**
 * Every party slot of every definition: its parties, group slots and optional parties, and the
 * slots its case obligations are owed by.
 */
const slots = new Set(
  definitions.flatMap((d) => [
    ...d.parties,
    ...(d.groups ?? []),
    ...Object.keys(d.optionalParties ?? {}),
    ...Object.values(d.caseObligations ?? {}).map((o) => o.owedBy),
  ]),
);

const LANGUAGES = ['es', 'fr', 'nl'] as const;
const untranslated = (what: string, translation: Translation | undefined): string[] =>
  LANGUAGES.filter((lang) => !translation?.[lang]?.trim()).map((lang) => `${what} (${lang})`);
const own = (labels: Labels, code: string) => (Object.hasOwn(labels, code) ? labels[code] : undefined);

describe('the process definitions’ labels in Spanish, French and Dutch', () => {
  it.each(versions)('translate every label of %s', (_, definition) => {
    const labels = Object.hasOwn(PROCESS_LABELS, definition.type) ? PROCESS_LABELS[definition.type] : undefined;
    expect(labels).toBeDefined();
    if (!labels) return;
    const actions = (code: string) => own(COMMON_ACTION_LABELS, code) ?? own(labels.actions, code);
    expect([
      ...untranslated('title', labels.title),
      ...Object.keys(definition.states).flatMap((s) => untranslated(`stage ${s}`, own(labels.stages, s))),
      ...Object.keys(definition.actions).flatMap((a) => untranslated(`action ${a}`, actions(a))),
      ...definition.deadlines.flatMap((d) => untranslated(`deadline ${d.id}`, own(labels.deadlines, d.id))),
      ...Object.keys(definition.caseObligations ?? {}).flatMap((o) =>
        untranslated(`obligation ${o}`, own(labels.obligations, o)),
      ),
    ]).toEqual([]);
  });

  it('name no type, stage, action, deadline or obligation that no definition has', () => {
    const stale = Object.entries(PROCESS_LABELS).flatMap(([key, labels]) => {
      const named = codes.get(labels.type);
      if (!named || key !== labels.type) return [`type ${labels.type}`];
      const unknown = (kind: keyof Codes) =>
        Object.keys(labels[kind])
          .filter((code) => !named[kind].has(code))
          .map((code) => `${labels.type} ${kind} ${code}`);
      return [...unknown('stages'), ...unknown('actions'), ...unknown('deadlines'), ...unknown('obligations')];
    });
    expect(stale).toEqual([]);
  });

  it('translate the current wording: each translation is of its current definition’s English label', () => {
    const outdated = processTypes.flatMap((type) => {
      const d = definitionAt(type, currentDefinitionVersion(type));
      const labels = PROCESS_LABELS[type];
      if (!labels) return [type];
      const check = (what: string, translation: Translation | undefined, english: string) =>
        translation && translation.en !== english ? [`${type} ${what}: '${translation.en}' is now '${english}'`] : [];
      const actions = (code: string) => own(COMMON_ACTION_LABELS, code) ?? own(labels.actions, code);
      return [
        ...check('title', labels.title, d.title),
        ...Object.entries(d.states).flatMap(([code, s]) => check(`stage ${code}`, own(labels.stages, code), s.label)),
        ...Object.entries(d.actions).flatMap(([code, a]) => check(`action ${code}`, actions(code), a.label)),
        ...d.deadlines.flatMap((x) => check(`deadline ${x.id}`, own(labels.deadlines, x.id), x.label)),
        ...Object.entries(d.caseObligations ?? {}).flatMap(([code, o]) =>
          check(`obligation ${code}`, own(labels.obligations, code), o.label),
        ),
      ];
    });
    expect(outdated).toEqual([]);
  });

  it('leave a label of an earlier version that reads otherwise in its English', () => {
    const v1 = definitionAt('mla', 1).actions['resume-execution']?.label as string;
    const current = definitionAt('mla', currentDefinitionVersion('mla')).actions['resume-execution']?.label;
    expect(v1).not.toBe(current);
    expect(actionLabel('mla', 'resume-execution', v1, 'es')).toBe(v1);
    expect(actionLabel('mla', 'resume-execution', current as string, 'es')).not.toBe(current);
  });

  it('give the common actions once, in common.ts: every definition has them', () => {
    const common = Object.keys(COMMON_ACTION_LABELS);
    expect(common.length).toBeGreaterThan(0);
    expect(definitions.flatMap((d) => common.filter((a) => !Object.hasOwn(d.actions, a)))).toEqual([]);
    expect(Object.values(PROCESS_LABELS).flatMap((l) => common.filter((a) => Object.hasOwn(l.actions, a)))).toEqual([]);
  });
});

describe('the party slots’ names', () => {
  it('name every slot of every definition, in English, Spanish, French and Dutch', () => {
    expect(slots.size).toBeGreaterThan(0);
    expect(
      [...slots].flatMap((slot) => {
        const name = own(PARTY_LABELS, slot);
        return [...(name?.en.trim() ? [] : [`${slot} (en)`]), ...untranslated(slot, name)];
      }),
    ).toEqual([]);
  });

  it('name no slot that no definition has', () => {
    expect(Object.keys(PARTY_LABELS).filter((slot) => !slots.has(slot))).toEqual([]);
  });

  it('give a slot’s name in the language asked for, English too', () => {
    expect(partyLabel('requesting', 'en')).toBe('Requesting state');
    expect(partyLabel('requesting', 'es')).toBe('Estado requirente');
    expect(partyLabel('requested', 'fr')).toBe('État requis');
    expect(partyLabel('requested', 'nl')).toBe('Aangezochte staat');
  });

  it('leave a slot they do not know as its code', () => {
    expect(partyLabel('local-slot', 'es')).toBe('local-slot');
    expect(partyLabel('local-slot', 'en')).toBe('local-slot');
    expect(partyLabel('toString', 'fr')).toBe('toString');
  });
});

/** The API's list of process types, as far as labels go, for the definitions' current versions. */
function typeList(...types: string[]): ProcessTypeList {
  return {
    types: types.map((type) => {
      const d = definitionAt(type, currentDefinitionVersion(type));
      return {
        type,
        title: d.title,
        legalReference: d.legalReference,
        parties: [...d.parties],
        startData: {},
        startRequest: {},
        legalBases: [],
        initial: d.initial,
        stages: Object.entries(d.states).map(([stage, s]) => ({
          stage,
          label: s.label,
          terminal: s.terminal ?? false,
          awaiting: s.awaiting ?? null,
        })),
        actions: Object.entries(d.actions).map(([action, a]) => ({
          action,
          label: a.label,
          from: [...a.from],
          to: a.to ?? null,
          by: [],
          payload: {},
        })),
        deadlines: d.deadlines.map((x) => ({
          id: x.id,
          label: x.label,
          rule: x.rule,
          while: [...x.while],
          onExpiry: 'escalate',
          escalatesTo: null,
        })),
        caseRules: {
          spawns: [],
          holds: [],
          obligations: Object.entries(d.caseObligations ?? {}).map(([id, o]) => ({
            id,
            label: o.label,
            article: o.article,
            owedBy: o.owedBy,
            openWhile: [...o.openWhile],
            dischargedAt: [...o.dischargedAt],
          })),
        },
        refusalGrounds: [],
      };
    }),
  };
}

describe('localizedTypes', () => {
  const list = typeList('mla', 'extradition');

  it('leaves English as the API sent it', () => {
    expect(localizedTypes(list, 'en')).toEqual(list);
  });

  it('gives the labels in Spanish, leaving the API’s list as it was', () => {
    const before = structuredClone(list);
    const [mla, extradition] = localizedTypes(list, 'es').types;
    expect(mla.title).toBe('Asistencia judicial recíproca');
    expect(mla.stages.find((s) => s.stage === 'draft')?.label).toBe('Borrador');
    expect(mla.actions.find((a) => a.action === 'link-case')?.label).toBe('Incluir el proceso en un caso');
    expect(mla.deadlines.find((d) => d.id === 'execution')?.label).toBe('Ejecutar la solicitud');
    expect(extradition.caseRules.obligations.find((o) => o.id === 'report-prosecution-result')?.label).toBe(
      'Informar al Estado requirente del resultado del enjuiciamiento',
    );
    expect(list).toEqual(before);
  });

  it('keeps the text of a type or a stage it has no labels for', () => {
    const own = typeList('mla');
    const custom: ProcessTypeList = {
      types: [
        { ...own.types[0], type: 'local-type', title: 'A local type' },
        {
          ...own.types[0],
          stages: [{ stage: 'local-stage', label: 'A local stage', terminal: false, awaiting: null }],
        },
      ],
    };
    const [local, mla] = localizedTypes(custom, 'fr').types;
    expect(local.title).toBe('A local type');
    expect(local.stages.find((s) => s.stage === 'draft')?.label).toBe('Draft');
    expect(mla.stages).toEqual([{ stage: 'local-stage', label: 'A local stage', terminal: false, awaiting: null }]);
  });
});

describe('the labels of a code', () => {
  it('are the translation where there is one, else the text given', () => {
    expect(stageLabel('extradition', 'surrendered', 'Surrendered', 'nl')).toBe('Overgeleverd');
    expect(stageLabel('extradition', 'surrendered', 'Surrendered', 'en')).toBe('Surrendered');
    expect(stageLabel('extradition', 'local-stage', 'A local stage', 'nl')).toBe('A local stage');
    expect(stageLabel('local-type', 'surrendered', 'Surrendered', 'nl')).toBe('Surrendered');
    expect(processTitle('mla', 'Mutual legal assistance', 'fr')).toBe('Entraide judiciaire');
    expect(processTitle('local-type', 'A local type', 'fr')).toBe('A local type');
    expect(actionLabel('mla', 'acknowledge', 'Acknowledge receipt', 'fr')).toBe('Accuser réception');
    expect(actionLabel('mla', 'toString', 'A local action', 'fr')).toBe('A local action');
  });
});
