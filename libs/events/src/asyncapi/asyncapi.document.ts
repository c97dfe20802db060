import { z } from 'zod';
import { answerable, definitionOf, payloadSchemasByAction, processTypes } from '@comity/domain';
import { agencyResponse } from '../agency-response/agency-response.schema';
import { agencyTask } from '../agency-task/agency-task.schema';
import { CLOUDEVENTS_CONTENT_TYPE, JOSE_CONTENT_TYPE } from '../cloudevents/cloud-event';
import { PROCESS_EVENT_VERSION, sealedProcessEvent } from '../process-event/process-event.schema';
import { DefaultTopics } from '../topics';
import { asyncApiExamples } from './asyncapi.examples';

/**
 * The AsyncAPI 3 description of Comity's Kafka topics, generated from the zod schemas of this
 * library. `npm run docs:asyncapi` writes it to docs/asyncapi.yaml; a test fails when that file
 * is out of date or when the official AsyncAPI parser finds an error in it.
 */

type JsonSchema = Record<string, unknown>;
export type AsyncApiDocument = ReturnType<typeof buildAsyncApiDocument>;

/** Headers of a dead letter: why it failed and where it came from (Kafka header values are strings). */
export const deadLetterHeaders = z.object({
  'comity-dead-letter-check': z
    .string()
    .min(1)
    .describe(
      'Which check failed: limits (too large or too deep), signature (not signed, by no registered key, or ' +
        "not verifying), schema (breaks the contract), agency (names another agency than its topic's, or the " +
        'task is addressed to another agency), process (no such process), task (no such task), assertion, ' +
        'action (the process refused it), retry (not applied in the attempts allowed), channel; the ' +
        'projector: parse, schema.',
    ),
  'comity-dead-letter-reason': z.string().min(1).describe('What was wrong, for a human.'),
  'comity-dead-letter-code': z
    .string()
    .min(1)
    .optional()
    .describe("The domain's stable error code, when the domain refused (check action)."),
  'comity-original-topic': z.string().min(1).describe('The topic the message was consumed from.'),
  'comity-original-partition': z.string().regex(/^\d+$/).describe('The partition it was consumed from (decimal).'),
  'comity-original-offset': z.string().regex(/^\d+$/).describe('Its offset in that partition (decimal).'),
});

/**
 * The answer's schema, with its `data` one of the answers agencies may give: per action an agency
 * may take in some process type, that action's payload as its definition declares it.
 */
function agencyResponsePayload(): JsonSchema {
  const envelope = schemaOf(agencyResponse, 'input') as { properties: Record<string, JsonSchema> };
  const byAction = payloadSchemasByAction(processTypes.map(definitionOf), {
    include: (action) => answerable(action),
    target: 'draft-7',
  });
  const answers = Object.entries(byAction).map(([action, payloads]) => ({
    title: action,
    properties: { action: { const: action }, payload: payloads.length === 1 ? payloads[0] : { anyOf: payloads } },
  }));
  const data = envelope.properties['data'] ?? {};
  return { ...envelope, properties: { ...envelope.properties, data: { allOf: [data, { oneOf: answers }] } } };
}

/** A zod schema as an AsyncAPI schema (a JSON Schema draft-07 superset), without `$schema`. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, target: 'draft-7' }) as JsonSchema;
  return io === 'output' ? openObjects(json) : json;
}

/**
 * What Comity sends may gain optional fields within a version (only a breaking change gets a new
 * one), so readers must tolerate unknown fields: drop zod's `additionalProperties: false` there.
 */
function openObjects(json: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !(key === 'additionalProperties' && value === false))
        .map(([key, value]) => [key, walk(value)]),
    );
  };
  return walk(json) as JsonSchema;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The process event's payload (as it travels: sealed), with the naming of its `type` spelled out per process type. */
function processEventPayload(): JsonSchema & { properties: Record<string, JsonSchema> } {
  const json = schemaOf(sealedProcessEvent, 'output');
  const properties = json['properties'] as Record<string, JsonSchema>;
  const types = processTypes.map(escapeRegExp).join('|');
  return {
    ...json,
    properties: {
      ...properties,
      type: {
        type: 'string',
        pattern: `^comity\\.(${types})\\.[a-z0-9-]+\\.${PROCESS_EVENT_VERSION}$`,
        description:
          `comity.<processType>.<stage entered, or the action when the stage does not change>.${PROCESS_EVENT_VERSION}; ` +
          `the start is "started". Process types: ${processTypes.join(', ')}.`,
        examples: processTypes.map((t) => `comity.${t}.started.${PROCESS_EVENT_VERSION}`),
      },
      id: { ...properties['id'], description: '<process id>:<sequence>; a retried publish repeats it.' },
      subject: { ...properties['subject'], description: 'The process id.' },
    },
  };
}

const kafkaKey = (description: string, example: string) => ({
  kafka: { key: { type: 'string', description, examples: [example] }, bindingVersion: '0.5.0' },
});

const topicNote = (variable: string) => `The name is configurable (${variable}); this is the default.`;

export function buildAsyncApiDocument() {
  const examples = asyncApiExamples;
  return {
    asyncapi: '3.0.0' as const,
    info: {
      title: 'Comity events',
      version: PROCESS_EVENT_VERSION,
      description: [
        'The Kafka topics of Comity, generated from libs/events (`npm run docs:asyncapi`); see docs/events.md.',
        'Every message value is a CloudEvents 1.0 event in structured mode (header',
        '`content-type: application/cloudevents+json`), except on the agency channel, where each task and',
        'answer is a compact JWS (`content-type: application/jose`) whose payload is the CloudEvent shown',
        '(tasks signed by the installation, answers by the agency), and dead letters, which keep the original bytes.',
        '',
        'Each registered agency has a task topic and an answer topic of its own, and is a broker principal',
        'that may read only the first and write only the second (docs/agencies.md, docs/security.md).',
        '',
        'Delivery is at least once: the workflow publishes each event and task through activities that',
        'Temporal retries until the broker takes them (acks=all), and a retry repeats',
        'the message id. Messages of one process arrive in sequence order, keyed by process id. Consumers',
        'de-duplicate: by event id, and answers by agency and idempotency key.',
      ].join('\n'),
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka-secure',
        description:
          'The local broker that `npm run services` starts: TLS (a CA of its own, .runtime/kafka/tls/ca.crt) and SASL/SCRAM-SHA-512 on every client connection, ACLs by principal.',
        security: [{ $ref: '#/components/securitySchemes/saslScram' }],
      },
      production: {
        host: 'kafka.example.invalid:9093',
        protocol: 'kafka-secure',
        description:
          'Placeholder for a real cluster (COMITY_KAFKA_BROKERS): TLS, and either SASL/SCRAM-SHA-512 or a ' +
          'client certificate (mTLS). See docs/operations.md.',
        security: [{ $ref: '#/components/securitySchemes/saslScram' }, { $ref: '#/components/securitySchemes/mtls' }],
      },
    },
    channels: {
      processEvents: {
        address: DefaultTopics.processEvents,
        title: 'Process events',
        description:
          'Every transition of every process, keyed by process id so that one process keeps its order ' +
          "(sequence 0, 1, 2, …). Comity's own services read it (the projector builds the read model, the API " +
          "streams transitions); no agency does. The fields that can hold personal data (the action's payload, " +
          "the actor's user id) are sealed values (comity-aes256gcm-v1) that only Comity's keys open. " +
          topicNote('COMITY_TOPIC_PROCESS_EVENTS'),
        messages: { processEvent: { $ref: '#/components/messages/processEvent' } },
      },
      agencyTasks: {
        address: `${DefaultTopics.agencyTasksPrefix}{agencyId}`,
        title: 'Agency tasks',
        description:
          'Work addressed to one agency, on its own topic, keyed by process id: only what it needs to act, ' +
          'signed by the installation (verify with GET /api/v1/installation/keys). Only the agency may read it. ' +
          topicNote('COMITY_TOPIC_AGENCY_TASKS_PREFIX'),
        parameters: { agencyId: { description: 'The registered agency id.' } },
        messages: { agencyTask: { $ref: '#/components/messages/agencyTask' } },
      },
      agencyResponses: {
        address: `${DefaultTopics.agencyAnswersPrefix}{agencyId}`,
        title: 'Agency answers',
        description:
          "An agency's answers to its tasks, on its own topic (only it may write there), keyed by process id so " +
          'that the answers to one process are applied in order, each signed with a key the agency registered. ' +
          "Who answered is the topic's agency. The bridge applies each (agency, idempotency key) once and " +
          `dead-letters an answer that fails a check. ${topicNote('COMITY_TOPIC_AGENCY_ANSWERS_PREFIX')}`,
        parameters: { agencyId: { description: 'The registered agency id.' } },
        messages: { agencyResponse: { $ref: '#/components/messages/agencyResponse' } },
      },
      deadLetter: {
        address: DefaultTopics.deadLetter,
        title: 'Dead letters',
        description:
          'Consumed messages that failed a check (process events the projector could not read, answers the ' +
          'bridge refused), with their original key and bytes and headers saying why. Writing one changes ' +
          `nothing; the consumer goes on. ${topicNote('COMITY_TOPIC_DEAD_LETTER')}`,
        messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
      },
    },
    operations: {
      sendProcessEvent: {
        action: 'send',
        title: 'Publish a process event',
        summary: 'The process workflow publishes each transition, one at a time, in sequence order.',
        channel: { $ref: '#/channels/processEvents' },
        messages: [{ $ref: '#/channels/processEvents/messages/processEvent' }],
      },
      sendAgencyTask: {
        action: 'send',
        title: 'Assign a task to an agency',
        summary: "When a process enters a stage that awaits a party, that party's agency gets a task.",
        channel: { $ref: '#/channels/agencyTasks' },
        messages: [{ $ref: '#/channels/agencyTasks/messages/agencyTask' }],
      },
      receiveAgencyResponse: {
        action: 'receive',
        title: "Apply an agency's answer",
        summary: 'The bridge checks each answer and applies it to its process, or dead-letters it.',
        channel: { $ref: '#/channels/agencyResponses' },
        messages: [{ $ref: '#/channels/agencyResponses/messages/agencyResponse' }],
        bindings: {
          kafka: {
            groupId: { type: 'string', description: 'COMITY_BRIDGE_GROUP', default: 'comity-bridge' },
            bindingVersion: '0.5.0',
          },
        },
      },
      sendDeadLetter: {
        action: 'send',
        title: 'Dead-letter a message',
        summary: 'The bridge and the projector set aside a message that fails a check.',
        channel: { $ref: '#/channels/deadLetter' },
        messages: [{ $ref: '#/channels/deadLetter/messages/deadLetter' }],
      },
    },
    components: {
      schemas: {
        cloudEventHeaders: {
          type: 'object',
          properties: { 'content-type': { type: 'string', const: CLOUDEVENTS_CONTENT_TYPE } },
          required: ['content-type'],
        },
      },
      messages: {
        processEvent: {
          name: 'processEvent',
          title: 'Process event',
          summary: 'One transition of one process.',
          headers: { $ref: '#/components/schemas/cloudEventHeaders' },
          payload: processEventPayload(),
          bindings: kafkaKey('The process id.', examples.processEvent.payload.data.processId),
          examples: [examples.processEvent],
        },
        agencyTask: {
          name: 'agencyTask',
          title: 'Agency task',
          summary: 'Work addressed to one agency: which process, where it stands, what it may answer, by when.',
          contentType: JOSE_CONTENT_TYPE,
          description: 'On the wire: a compact JWS (typ comity-task+jws, EdDSA) whose payload is this CloudEvent.',
          payload: schemaOf(agencyTask, 'output'),
          bindings: kafkaKey('The process id.', examples.agencyTask.payload.data.processId),
          examples: [examples.agencyTask],
        },
        agencyResponse: {
          name: 'agencyResponse',
          title: 'Agency response',
          summary: "An agency's answer to a task, quoting its task id and a fresh idempotency key.",
          contentType: JOSE_CONTENT_TYPE,
          description:
            'On the wire: a compact JWS (typ comity-answer+jws, EdDSA or ES256, kid = a key the agency registered) ' +
            'whose payload is this CloudEvent.',
          payload: agencyResponsePayload(),
          bindings: kafkaKey('The process id.', examples.agencyResponse.payload.data.processId),
          examples: [examples.agencyResponse],
        },
        deadLetter: {
          name: 'deadLetter',
          title: 'Dead letter',
          summary: 'A consumed message that failed a check, unchanged, with headers saying why.',
          contentType: 'application/octet-stream',
          headers: schemaOf(deadLetterHeaders, 'output'),
          payload: {
            type: 'string',
            format: 'binary',
            description: 'The original message value, byte for byte (usually a CloudEvent as JSON).',
          },
          bindings: kafkaKey("The original message's key (a process id).", examples.agencyResponse.payload.subject),
          examples: [examples.deadLetter],
        },
      },
      securitySchemes: {
        saslScram: {
          type: 'scramSha512',
          description:
            'SASL/SCRAM-SHA-512 over TLS (COMITY_KAFKA_SASL_MECHANISM=scram-sha-512, COMITY_KAFKA_SASL_USERNAME, ' +
            'COMITY_KAFKA_SASL_PASSWORD).',
        },
        mtls: {
          type: 'X509',
          description:
            'Mutual TLS with an X.509 client certificate (COMITY_KAFKA_SSL_CERT_FILE, COMITY_KAFKA_SSL_KEY_FILE).',
        },
      },
    },
  };
}
