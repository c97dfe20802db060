import type { Admin, Producer } from 'kafkajs';
import { documentSealingKeys, parseActionKeys, signDocumentLink, signTask, taskSigningKeys } from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import { JOSE_CONTENT_TYPE, agencyTasksTopic, type AgencyTask } from '@comity/events';
import { eventsPublished, inPublishSpan } from '@comity/kafka';
import { log, withTraceContext } from '@comity/observability';

/**
 * Publishes each task on its agency's own task topic, signed by the installation (a compact JWS
 * that agencies verify with GET /api/v1/installation/keys). An agency without a task topic has not
 * been registered: its tasks stay in its REST inbox (GET /api/v1/tasks) and nothing is sent, so an
 * unregistered agency never holds up a process. Which topics exist is read from the broker, again
 * at most every `registry.cacheMs` while a topic is missing.
 */
export function agencyTaskPublisher(config: ComityConfig, producer: Producer, admin: Admin) {
  const actionKeys = parseActionKeys(config.temporal.actionKeys);
  const [key] = taskSigningKeys(actionKeys);
  const [linkKey] = documentSealingKeys(actionKeys);
  if (!key || !linkKey) throw new Error('no task signing key (COMITY_ACTION_KEYS)');
  /** The task with a link for each document it lists, signed for its agency, good for the configured time. */
  const withLinks = async (task: AgencyTask): Promise<AgencyTask> => {
    const { documents, agencyId, processId } = task.data;
    if (!documents?.length) return task;
    const exp = Math.floor((Date.now() + config.documentLinkTtlMs) / 1000);
    const expiresAt = new Date(exp * 1000).toISOString();
    const linked = await Promise.all(
      documents.map(async (d) => {
        const token = await signDocumentLink({ documentId: d.documentId, processId, agencyId, exp }, linkKey);
        return { ...d, link: { url: `${config.api.url}/api/v1/document-links/${token}`, expiresAt } };
      }),
    );
    return { ...task, data: { ...task.data, documents: linked } };
  };
  let known: { at: number; names: Set<string> } | undefined;
  // A topic once seen stays known (an agency's topics are not deleted while processes address it).
  const exists = async (topic: string): Promise<boolean> => {
    if (known?.names.has(topic)) return true;
    if (!known || Date.now() - known.at >= config.registry.cacheMs) {
      known = { at: Date.now(), names: new Set(await admin.listTopics()) };
    }
    return known.names.has(topic);
  };

  return async (task: AgencyTask): Promise<void> => {
    const topic = agencyTasksTopic(config.kafka.topics, task.data.agencyId);
    if (!(await exists(topic))) {
      log.info('agency not registered: the task is in its inbox only', {
        agencyId: task.data.agencyId,
        taskId: task.id,
      });
      return;
    }
    await inPublishSpan(topic, task, async () => {
      // The trace context is signed with the rest: an agency can tell it came from the installation.
      const value = await signTask(withTraceContext(await withLinks(task)), key);
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: task.data.processId, value, headers: { 'content-type': JOSE_CONTENT_TYPE } }],
      });
    });
    eventsPublished.inc({ kind: 'agency-task' });
  };
}
