import { ApplicationFailure, condition } from '@temporalio/workflow';
import { DomainErrorCode, NOT_THROUGH_COMITY, isRefusedPayload, type Actor, type HandlingCode } from '@comity/domain';

/** The one argument of caseWorkflow; also kept in its memo, so reading a case needs no worker. */
export interface OpenCaseInput {
  readonly caseId: string;
  readonly title: string;
  readonly handlingCode: HandlingCode;
  readonly openedBy: Actor;
  readonly openedAt: string;
}

/**
 * A case groups the processes about one smuggling network. Its workflow is the durable record that
 * the case exists, with its title and handling code (in the memo); the processes it groups are
 * found by their case id in the read model. A case stays open: closing and archiving are not
 * modelled yet.
 */
export async function caseWorkflow(input: OpenCaseInput): Promise<void> {
  if (isRefusedPayload(input)) {
    throw ApplicationFailure.nonRetryable(NOT_THROUGH_COMITY, DomainErrorCode.PayloadNotEncrypted);
  }
  await condition(() => false);
}
