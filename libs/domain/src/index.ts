export * from './legal-basis/legal-basis';
export * from './legal-basis/legal-basis.table';
export * from './legal-basis/refusal-grounds.table';
export {
  caseIdentifier,
  consultationHeld,
  LINK_CASE_ACTION,
  refusalPayload,
  refusalReasons,
  type ConsultationRecord,
  type RefusalPayload,
} from './processes/common';
export * from './documents/documents';
export * from './directory/directory';
export * from './directory/installation-key';
export * from './interop/request-forms';
export * from './model/action-assertion';
export * from './model/actor';
export * from './model/asset-ledger';
export * from './model/deadlines';
export * from './model/domain-error';
export * from './model/duration';
export * from './model/idempotency';
export * from './model/offence';
export * from './model/off-channel';
export * from './model/process-definition';
export * from './model/process-documentation';
export * from './model/parties';
export * from './model/payload-issues';
export * from './model/payload-schemas';
export * from './model/process-state';
export * from './model/refused-payload';
export * from './model/state-machine';
export * from './model/tasks';
export * from './processes/process-registry';
export * from './processes/transfer-conditions';
export * from './processes/definition-versions';
export * from './model/audit-chain';
export * from './model/case-rules';
export * from './statistics/decimal';
export * from './statistics/statistics-facts';
export * from './statistics/statistics-figures';
export * from './statistics/statistics-report';
