import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Registered on the server at start (infra/temporal); upserted by the workflow on every transition. */
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
