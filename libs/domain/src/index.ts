export * from './legal-basis/legal-basis';
export * from './legal-basis/legal-basis.table';
export * from './legal-basis/refusal-grounds.table';
export {
  consultationHeld,
  refusalPayload,
  refusalReasons,
  type ConsultationRecord,
  type RefusalPayload,
} from './processes/common';
export * from './model/action-assertion';
export * from './model/actor';
export * from './model/asset-ledger';
export * from './model/deadlines';
export * from './model/domain-error';
export * from './model/duration';
export * from './model/idempotency';
export * from './model/offence';
export * from './model/process-definition';
export * from './model/process-documentation';
export * from './model/parties';
export * from './model/payload-issues';
export * from './model/payload-schemas';
export * from './model/process-state';
export * from './model/refused-payload';
export * from './model/state-machine';
export * from './model/tasks';
export * from './processes/asset-confiscation.definition';
export * from './processes/document-verification.definition';
export * from './processes/domestic-taskforce.definition';
export * from './processes/extradition.definition';
export * from './processes/joint-investigation.definition';
export * from './processes/law-enforcement-exchange.definition';
export * from './processes/migrant-return.definition';
export * from './processes/mla.definition';
export * from './processes/process-registry';
export * from './processes/definition-versions';
export * from './processes/protection-referral.definition';
export * from './processes/special-investigative-technique.definition';
export * from './processes/transfer-of-proceedings.definition';
export * from './processes/transfer-of-sentenced-person.definition';
export * from './processes/use-consent.definition';
export * from './model/audit-chain';
export * from './model/case-rules';
export * from './statistics/decimal';
export * from './statistics/statistics-facts';
export * from './statistics/statistics-figures';
export * from './statistics/statistics-report';
