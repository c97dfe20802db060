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
 * Registered on the server at start (infra/temporal): set when a process starts; on runs of workflow
 * revision 0, also upserted by the workflow when a transition changes one; from revision 1, `CaseId`
 * alone, when link-case puts a process in a case.
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
 * Those that never change in a process's life (but `CaseId`, set once by link-case on a process
 * started outside any case): from workflow revision 1 the only ones it has.
 * Nothing in Comity reads Temporal's visibility (the read model serves every list); these let an
 * operator find a process's workflows with `temporal workflow list` by what the process is. Where
 * it stands (stage, agency, overdue, priority) changes with each transition, and upserting it cost
 * a history event and a visibility write each time for no reader.
 */
const FIXED_AT_START: readonly string[] = [
  SearchAttributes.processType.name,
  SearchAttributes.caseId.name,
  SearchAttributes.legalBasis.name,
  SearchAttributes.requestedState.name,
];

/**
 * The search attributes a process starts with, given to Temporal with its start, so the process is
 * findable by them from its first moment: for revision 0, every one (its workflow upserts those a
 * transition changes); from revision 1, those fixed at the start.
 */
export function searchAttributesAtStart(input: StartProcessInput): SearchAttributePair[] {
  const definition = definitionAt(input.type, input.definitionVersion);
  const fixedOnly = (input.workflowRevision ?? 0) >= 1;
  return searchAttributesOf(definition, openProcess(definition, input, Date.now())).filter(
    (pair): pair is SearchAttributePair =>
      !isUnset(pair.value) && (!fixedOnly || FIXED_AT_START.includes(pair.key.name)),
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
