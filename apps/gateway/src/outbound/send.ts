import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  federationMessage,
  recipientKeyOf,
  sealEnvelope,
  sha256Hex,
  signEvidence,
  type FederationMessage,
} from '@comity/federation';
import { OutboxConflictError, type FederationOutbox } from '@comity/persistence';
import type { federationDeliveryWorkflow } from '@comity/workflows/federation';
import type { InstallationIdentity } from '../identity/installation-identity';
import type { PartnerDirectory } from '../partners/partner-directory';

/** A message this installation cannot send as asked: a caller's mistake, with a stable code. */
export class SendRefusedError extends Error {
  override readonly name = 'SendRefusedError';
  readonly retriable = false;
  constructor(
    readonly code: 'NOT_A_MESSAGE' | 'NOT_OURS' | 'UNKNOWN_PARTNER',
    message: string,
  ) {
    super(message);
  }
}

export interface Sent {
  readonly messageId: string;
  readonly workflowId: string;
  readonly envelopeDigest: string;
  /** Ours, signed when the message entered the outbox. */
  readonly submissionEvidence: string;
}

export interface SenderDependencies {
  readonly identity: InstallationIdentity;
  readonly partners: PartnerDirectory;
  readonly outbox: FederationOutbox;
  readonly temporal: Client;
  readonly taskQueue: string;
  readonly deliveryTimeoutMs: number;
  readonly retryMaxIntervalMs: number;
  readonly now?: () => Date;
}

/** The delivery workflow of a message: one per message id, never two. */
export const deliveryWorkflowId = (messageId: string) => `federation-delivery:${messageId}`;

/**
 * What the rest of the installation calls to tell a partner something: the message is sealed once,
 * kept in the outbox with a signed `submission-accepted`, and its delivery workflow started. Sending
 * the same message again (after a crash, say) seals nothing new and starts nothing twice; another
 * message under a used id is refused (OutboxConflictError).
 */
export function createSender(deps: SenderDependencies): (message: FederationMessage) => Promise<Sent> {
  const now = deps.now ?? (() => new Date());
  return async (input) => {
    const parsed = federationMessage.safeParse(input);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      throw new SendRefusedError('NOT_A_MESSAGE', `${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    }
    const message = parsed.data;
    if (message.from !== deps.identity.id)
      throw new SendRefusedError('NOT_OURS', `from: ${message.from} is not this installation (${deps.identity.id})`);
    // The digest the partner's inbox computes of the signed message: the same message, the same digest.
    const contentDigest = sha256Hex(JSON.stringify(message));
    let row = await deps.outbox.get(message.messageId);
    if (row && row.contentDigest !== contentDigest)
      throw new OutboxConflictError(`messageId: ${message.messageId} is already in the outbox for another message`);
    if (!row) {
      const partner = (await deps.partners.current()).partner(message.to);
      if (!partner) throw new SendRefusedError('UNKNOWN_PARTNER', `to: ${message.to} is no partner in the directory`);
      const envelope = await sealEnvelope(message, deps.identity.keys.signing, recipientKeyOf(partner.keys));
      const envelopeDigest = sha256Hex(envelope);
      const createdAt = now().toISOString();
      const submissionEvidence = await signEvidence(
        {
          kind: 'submission-accepted',
          messageId: message.messageId,
          messageDigest: envelopeDigest,
          from: message.from,
          to: message.to,
          at: createdAt,
        },
        deps.identity.keys.signing,
      );
      row = await deps.outbox.add({
        messageId: message.messageId,
        partner: message.to,
        processId: message.processId,
        sequence: message.sequence,
        contentDigest,
        envelope,
        envelopeDigest,
        submissionEvidence,
        createdAt,
      });
    }
    const workflowId = deliveryWorkflowId(message.messageId);
    try {
      await deps.temporal.workflow.start<typeof federationDeliveryWorkflow>('federationDeliveryWorkflow', {
        workflowId,
        taskQueue: deps.taskQueue,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [
          {
            messageId: message.messageId,
            partner: message.to,
            deliveryTimeoutMs: deps.deliveryTimeoutMs,
            retryMaxIntervalMs: deps.retryMaxIntervalMs,
          },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return {
      messageId: row.messageId,
      workflowId,
      envelopeDigest: row.envelopeDigest,
      submissionEvidence: row.submissionEvidence,
    };
  };
}
