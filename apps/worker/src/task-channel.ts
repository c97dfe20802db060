import type { Admin, Producer } from 'kafkajs';
import { parseActionKeys, signTask, taskSigningKeys } from '@comity/auth';
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
  const [key] = taskSigningKeys(parseActionKeys(config.temporal.actionKeys));
  if (!key) throw new Error('no task signing key (COMITY_ACTION_KEYS)');
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
      const value = await signTask(withTraceContext(task), key);
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: task.data.processId, value, headers: { 'content-type': JOSE_CONTENT_TYPE } }],
      });
    });
    eventsPublished.inc({ kind: 'agency-task' });
  };
}
