import {
  defineSearchAttributeKey,
  SearchAttributeType,
  type SearchAttributePair,
  type SearchAttributeUpdatePair,
  type TypedSearchAttributes,
} from '@temporalio/common';
import {
  awaitedBinding,
  definitionAt,
  isOverdue,
  openProcess,
  type ProcessDefinition,
  type ProcessSnapshot,
} from '@comity/domain';
import type { StartProcessInput } from './process.messages';

/**
 * Registered on the server at start (infra/temporal): set when a process starts, and upserted by
 * its workflow when a transition changes one.
 */
export const SearchAttributes = {
  processType: defineSearchAttributeKey('ProcessType', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
  assignedAgency: defineSearchAttributeKey('AssignedAgency', SearchAttributeType.KEYWORD_LIST),
  caseId: defineSearchAttributeKey('CaseId', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('Priority', SearchAttributeType.KEYWORD),
  overdue: defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL),
  requestedState: defineSearchAttributeKey('RequestedState', SearchAttributeType.KEYWORD),
  legalBasis: defineSearchAttributeKey('LegalBasis', SearchAttributeType.KEYWORD),
} as const;

/** Every search attribute of a process in this state; null (or an empty list) leaves one unset. */
export function searchAttributesOf(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
): SearchAttributeUpdatePair[] {
  const awaiting = definition.states[snapshot.stage]?.awaiting;
  const agency = awaiting ? awaitedBinding(definition, snapshot.parties, awaiting)?.agencyId : undefined;
  return [
    { key: SearchAttributes.processType, value: snapshot.type },
    { key: SearchAttributes.stage, value: snapshot.stage },
    { key: SearchAttributes.assignedAgency, value: agency ? [agency] : [] },
    { key: SearchAttributes.caseId, value: snapshot.caseId ?? null },
    { key: SearchAttributes.priority, value: snapshot.priority },
    { key: SearchAttributes.legalBasis, value: snapshot.legalBasis },
    // The counterpart slot the statistics name (MLA and extradition: `requested`).
    {
      key: SearchAttributes.requestedState,
      value: snapshot.parties[definition.statistics.requestedParty]?.state ?? null,
    },
    { key: SearchAttributes.overdue, value: isOverdue(snapshot) },
  ];
}

/**
 * The search attributes a process starts with, given to Temporal with its start, so the workflow's
 * first transition has none to upsert and the process is findable by them from its first moment.
 */
export function searchAttributesAtStart(input: StartProcessInput): SearchAttributePair[] {
  const definition = definitionAt(input.type, input.definitionVersion);
  return searchAttributesOf(definition, openProcess(definition, input, Date.now())).filter(
    (pair): pair is SearchAttributePair => !isUnset(pair.value),
  );
}

/** Those of `wanted` whose value differs from the process's current search attributes. */
export function changedSearchAttributes(
  current: TypedSearchAttributes,
  wanted: readonly SearchAttributeUpdatePair[],
): SearchAttributeUpdatePair[] {
  return wanted.filter(({ key, value }) => {
    const now: unknown = current.get(key);
    if (isUnset(value) || isUnset(now)) return isUnset(value) !== isUnset(now);
    return Array.isArray(value) ? JSON.stringify(value) !== JSON.stringify(now) : value !== now;
  });
}

function isUnset(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}
