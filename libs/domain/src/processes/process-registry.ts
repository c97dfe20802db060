/* eslint-disable @typescript-eslint/no-require-imports -- each definition's module is required when
   its type is first asked for, not imported: see `definitionModules`. */
import { DomainError, DomainErrorCode } from '../model/domain-error';
import { own } from '../model/own';
import type { ProcessDefinition } from '../model/process-definition';
import { withCommonActions } from './common';

/**
 * Where each process type's definition is, read only when the type is first asked for. The worker
 * evaluates a workflow's modules afresh for every process it runs, and a process uses one
 * definition: building all thirteen (their zod schemas) cost every process about 9 % of the
 * workflow thread (docs/benchmarks.md). Webpack (the workflow bundle), esbuild (the release) and
 * Node resolve a `require` of a literal path alike. Each definition is `satisfies
 * ProcessDefinition` where it is declared; process-types.spec.ts holds each key to its type.
 */
const definitionModules: Readonly<Record<string, () => unknown>> = {
  mla: () => require('./mla.definition').mlaDefinition,
  extradition: () => require('./extradition.definition').extraditionDefinition,
  'transfer-of-proceedings': () => require('./transfer-of-proceedings.definition').transferOfProceedingsDefinition,
  'transfer-of-sentenced-person': () =>
    require('./transfer-of-sentenced-person.definition').transferOfSentencedPersonDefinition,
  'special-investigative-technique': () =>
    require('./special-investigative-technique.definition').specialInvestigativeTechniqueDefinition,
  'law-enforcement-exchange': () => require('./law-enforcement-exchange.definition').lawEnforcementExchangeDefinition,
  'domestic-taskforce': () => require('./domestic-taskforce.definition').domesticTaskforceDefinition,
  'document-verification': () => require('./document-verification.definition').documentVerificationDefinition,
  'migrant-return': () => require('./migrant-return.definition').migrantReturnDefinition,
  'protection-referral': () => require('./protection-referral.definition').protectionReferralDefinition,
  'joint-investigation': () => require('./joint-investigation.definition').jointInvestigationDefinition,
  'asset-confiscation': () => require('./asset-confiscation.definition').assetConfiscationDefinition,
  'use-consent': () => require('./use-consent.definition').useConsentDefinition,
};

export const processTypes: readonly string[] = Object.keys(definitionModules);

/** Definitions built from their modules on first use, each once, with the common actions. */
export function definitionsOnDemand(
  modules: Readonly<Record<string, () => unknown>>,
): (key: string) => ProcessDefinition | undefined {
  const built = new Map<string, ProcessDefinition>();
  return (key) => {
    let definition = built.get(key);
    const load = definition ? undefined : own(modules, key);
    if (load) {
      definition = withCommonActions<string, string>(load() as ProcessDefinition);
      built.set(key, definition);
    }
    return definition;
  };
}

const currentDefinition = definitionsOnDemand(definitionModules);

/** The definition of a process type, with the actions common to every type. */
export function definitionOf(type: string): ProcessDefinition {
  const definition = currentDefinition(type);
  if (!definition) {
    throw new DomainError(
      DomainErrorCode.ProcessTypeUnknown,
      `unknown process type '${type}' (known: ${processTypes.join(', ')})`,
    );
  }
  return definition;
}

let countNames: readonly string[] | undefined;

/** Every named figure (`statistics.counts`) any process type declares, sorted: the statistics show each. */
export function statisticsCountNames(): readonly string[] {
  countNames ??= [
    ...new Set(processTypes.flatMap((type) => Object.keys(definitionOf(type).statistics.counts ?? {}))),
  ].sort();
  return countNames;
}

let apiOnly: ReadonlySet<string> | undefined;

/**
 * Actions no agency's system may answer with under any process type: those the API completes
 * (`request`), which the bridge refuses whatever the process (it does not know the process's type).
 */
export function takenThroughApiOnly(action: string): boolean {
  apiOnly ??= new Set(
    processTypes.flatMap((type) =>
      Object.entries(definitionOf(type).actions)
        .filter(([, a]) => a.request !== undefined)
        .map(([name]) => name),
    ),
  );
  return apiOnly.has(action);
}
