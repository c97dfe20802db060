/** Stable codes a client can rely on; the API maps each to an HTTP status. */
export const DomainErrorCode = {
  ProcessTypeUnknown: 'PROCESS_TYPE_UNKNOWN',
  ActionUnknown: 'ACTION_UNKNOWN',
  ActionNotAllowedInState: 'ACTION_NOT_ALLOWED_IN_STATE',
  ActorNotPermitted: 'ACTOR_NOT_PERMITTED',
  /** An agency acting in a process it is not a party to: told nothing more about the process. */
  NotAParty: 'NOT_A_PARTY',
  PayloadInvalid: 'PAYLOAD_INVALID',
  PartiesInvalid: 'PARTIES_INVALID',
  ProcessFinished: 'PROCESS_FINISHED',
  LegalBasisUnknown: 'LEGAL_BASIS_UNKNOWN',
  LegalBasisNotApplicable: 'LEGAL_BASIS_NOT_APPLICABLE',
  NotPermittedByLegalBasis: 'NOT_PERMITTED_BY_LEGAL_BASIS',
  PreconditionUnmet: 'PRECONDITION_UNMET',
  TaskNotOpen: 'TASK_NOT_OPEN',
  TaskNotYours: 'TASK_NOT_YOURS',
  DefinitionVersionUnknown: 'DEFINITION_VERSION_UNKNOWN',
  PayloadNotEncrypted: 'PAYLOAD_NOT_ENCRYPTED',
  AssertionInvalid: 'ASSERTION_INVALID',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Field-level problems, e.g. `payload.ground: required`. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
