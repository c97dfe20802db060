/**
 * The process definitions' labels (title, stages, actions, deadlines, case obligations) in the
 * reader's language. The API sends them in English, as the definitions in libs/domain state them;
 * each file here gives a type's labels in the other languages, by code. English, or a code no file
 * names (an installation's own process type), keeps the API's text. The party slots, which the
 * definitions name by code only, have names of the page's own in every language (parties.ts).
 * Plain data: the page bundles none of the definitions (process-labels.spec.ts holds these files
 * to them).
 */
import type { Pipeline, ProcessResource, ProcessType, ProcessTypeList } from '../../api-types';
import type { Language } from '../define';
import assetConfiscation from './asset-confiscation';
import common from './common';
import documentVerification from './document-verification';
import domesticTaskforce from './domestic-taskforce';
import extradition from './extradition';
import jointInvestigation from './joint-investigation';
import lawEnforcementExchange from './law-enforcement-exchange';
import migrantReturn from './migrant-return';
import mla from './mla';
import parties from './parties';
import protectionReferral from './protection-referral';
import specialInvestigativeTechnique from './special-investigative-technique';
import transferOfProceedings from './transfer-of-proceedings';
import transferOfSentencedPerson from './transfer-of-sentenced-person';
import useConsent from './use-consent';

/**
 * A label in every language: `en` is the definition's own English, the text translated. A process
 * on another version of its definition, whose label reads otherwise, keeps the API's English rather
 * than show what this version's label says (a v1 MLA's "Resume execution" is not v2's "Grant: resume
 * execution").
 */
export type Translation = Readonly<Record<Language, string>>;

/** Labels by code (a stage, an action, a deadline id, an obligation id). */
export type Labels = Readonly<Record<string, Translation>>;

/** One process type's labels; the actions every type has are in common.ts. */
export interface ProcessLabels {
  readonly type: string;
  readonly title: Translation;
  readonly stages: Labels;
  readonly actions: Labels;
  readonly deadlines: Labels;
  readonly obligations: Labels;
}

/** Every type's labels, by type. */
export const PROCESS_LABELS: Readonly<Record<string, ProcessLabels>> = Object.fromEntries(
  [
    mla,
    extradition,
    transferOfProceedings,
    transferOfSentencedPerson,
    specialInvestigativeTechnique,
    lawEnforcementExchange,
    domesticTaskforce,
    documentVerification,
    migrantReturn,
    protectionReferral,
    jointInvestigation,
    assetConfiscation,
    useConsent,
  ].map((labels: ProcessLabels) => [labels.type, labels]),
);

/** The actions every process type has, whatever its definition (libs/domain `withCommonActions`). */
export const COMMON_ACTION_LABELS: Labels = common;

/**
 * The party slots' names (`requesting`, `requested`, …), by slot, over every type: the definitions
 * give a slot no label, so the English is the page's own, and is given too.
 */
export const PARTY_LABELS: Labels = parties;

/** A party slot's name in `lang` (English too); a slot it does not know, by its code. */
export function partyLabel(slot: string, lang: Language): string {
  return Object.hasOwn(PARTY_LABELS, slot) ? PARTY_LABELS[slot][lang] : slot;
}

const labelsOf = (type: string): ProcessLabels | undefined =>
  Object.hasOwn(PROCESS_LABELS, type) ? PROCESS_LABELS[type] : undefined;

/** The translation of `english` in `lang`, when `translation` is of that English; else `english`. */
function translate(translation: Translation | undefined, english: string, lang: Language): string {
  return translation?.en === english ? translation[lang] : english;
}

function translated(labels: Labels | undefined, code: string, fallback: string, lang: Language): string {
  if (lang === 'en' || !labels || !Object.hasOwn(labels, code)) return fallback;
  return translate(labels[code], fallback, lang);
}

/** A process type's title; `fallback` is the API's (English) one. */
export function processTitle(type: string, fallback: string, lang: Language): string {
  const labels = labelsOf(type);
  return lang === 'en' || !labels ? fallback : translate(labels.title, fallback, lang);
}

/** A stage's label; `fallback` is the API's (English) one. */
export function stageLabel(type: string, stage: string, fallback: string, lang: Language): string {
  return translated(labelsOf(type)?.stages, stage, fallback, lang);
}

/** An action's label, a common action's for any type; `fallback` is the API's (English) one. */
export function actionLabel(type: string, action: string, fallback: string, lang: Language): string {
  if (Object.hasOwn(COMMON_ACTION_LABELS, action)) return translated(COMMON_ACTION_LABELS, action, fallback, lang);
  return translated(labelsOf(type)?.actions, action, fallback, lang);
}

/** A deadline's label, by its id; `fallback` is the API's (English) one. */
function deadlineLabel(type: string, deadline: string, fallback: string, lang: Language): string {
  return translated(labelsOf(type)?.deadlines, deadline, fallback, lang);
}

/** A case obligation's label, by its id; `fallback` is the API's (English) one. */
export function obligationLabel(type: string, obligation: string, fallback: string, lang: Language): string {
  return translated(labelsOf(type)?.obligations, obligation, fallback, lang);
}

/** The process types with their labels in `lang` where this overlay has them; the rest as the API sent it. */
export function localizedTypes(list: ProcessTypeList, lang: Language): ProcessTypeList {
  return { ...list, types: list.types.map((t) => localizedType(t, lang)) };
}

/** One process type with its labels in `lang` where this overlay has them. */
export function localizedType(t: ProcessType, lang: Language): ProcessType {
  return {
    ...t,
    title: processTitle(t.type, t.title, lang),
    stages: t.stages.map((s) => ({ ...s, label: stageLabel(t.type, s.stage, s.label, lang) })),
    actions: t.actions.map((a) => ({ ...a, label: actionLabel(t.type, a.action, a.label, lang) })),
    deadlines: t.deadlines.map((d) => ({ ...d, label: deadlineLabel(t.type, d.id, d.label, lang) })),
    caseRules: {
      ...t.caseRules,
      obligations: t.caseRules.obligations.map((o) => ({
        ...o,
        label: obligationLabel(t.type, o.id, o.label, lang),
      })),
    },
  };
}

/** A process (GET /processes/{id}, an action's answer) with its stage, deadline and action labels in `lang`. */
export function localizedProcess(process: ProcessResource, lang: Language): ProcessResource {
  const { type } = process;
  return {
    ...process,
    stageLabel: stageLabel(type, process.stage, process.stageLabel, lang),
    deadlines: process.deadlines.map((d) => ({ ...d, label: deadlineLabel(type, d.id, d.label, lang) })),
    allowedActions: process.allowedActions.map((a) => ({ ...a, label: actionLabel(type, a.action, a.label, lang) })),
  };
}

/** The board's counts with the types' titles and stage labels in `lang`. */
export function localizedPipeline(pipeline: Pipeline, lang: Language): Pipeline {
  return {
    ...pipeline,
    types: pipeline.types.map((t) => ({
      ...t,
      title: processTitle(t.type, t.title, lang),
      stages: t.stages.map((s) => ({ ...s, label: stageLabel(t.type, s.stage, s.label, lang) })),
    })),
  };
}
