import {
  definitionOf,
  legalBasesFor,
  payloadJsonSchema,
  payloadSchemasByAction,
  processTypes,
  type ProcessDefinition,
} from '@comity/domain';
import { jsonSchema } from '../http/json-schema';
import { OFF_CHANNEL_OPENING_SCHEMA, OFF_CHANNEL_SCHEMA } from '../http/openapi.decorators';
import { startProcessBody, takeActionBody } from './process-requests.dto';

const propertiesOf = (schema: object) =>
  (schema as { properties: Record<string, object>; required?: string[] }).properties;

/**
 * The body of POST /processes/{id}/actions as published: one request per action name, its payload
 * the definitions' own schema (anyOf where types declare the same action differently), so that
 * clients and forms learn each action's fields, required ones and allowed values. The API still
 * validates the envelope with takeActionBody and the payload in the workflow, against the type.
 */
export function actionRequestSchema(): object {
  const { idempotencyKey } = propertiesOf(jsonSchema(takeActionBody));
  const offChannel = { $ref: `#/components/schemas/${OFF_CHANNEL_SCHEMA}` };
  const byAction = payloadSchemasByAction(processTypes.map(definitionOf));
  return {
    oneOf: Object.entries(byAction).map(([action, payloads]) => ({
      title: action,
      type: 'object',
      properties: {
        action: { const: action },
        payload: payloads.length === 1 ? payloads[0] : { anyOf: payloads },
        offChannel,
        idempotencyKey,
      },
      required: ['action'],
      additionalProperties: false,
    })),
  };
}

/**
 * The body of POST /processes for one process type: its legal basis one of those that can ground
 * the type, its `data` what the type declares. Published in the OpenAPI document and with the type
 * (GET /process-types/{type}), from which the dashboard draws its start form.
 */
export function startRequestSchemaOf(definition: ProcessDefinition): object {
  const base = jsonSchema(startProcessBody) as { properties: Record<string, object>; required?: string[] };
  const binding = (base.properties['parties'] as { additionalProperties: object }).additionalProperties;
  const optional = definition.optionalParties ?? {};
  return {
    ...base,
    title: definition.type,
    properties: {
      ...base.properties,
      type: { const: definition.type },
      legalBasis: { type: 'string', enum: legalBasesFor(definition.type).map((b) => b.id) },
      // The type's own slots: each bound to an agency of a state; an optional one stands in the state of another.
      parties: {
        type: 'object',
        properties: Object.fromEntries(
          [...definition.parties, ...Object.keys(optional)].map((slot) => {
            const standIn = Object.hasOwn(optional, slot) ? optional[slot]?.standIn : undefined;
            const description = standIn
              ? `Optional: when absent, the ${standIn} party acts for it; when bound, in the ${standIn} party's state.`
              : definition.groups?.includes(slot)
                ? 'The first member; more join by an action.'
                : undefined;
            return [slot, description ? { ...binding, description } : binding];
          }),
        ),
        required: definition.parties,
        additionalProperties: false,
      },
      data: { ...payloadJsonSchema(definition.startData), default: {} },
    },
  };
}

/** The body of POST /processes as published: one request per process type. */
export function startRequestSchema(): object {
  const offChannel = { $ref: `#/components/schemas/${OFF_CHANNEL_OPENING_SCHEMA}` };
  return {
    oneOf: processTypes.map((type) => {
      const schema = startRequestSchemaOf(definitionOf(type)) as { properties: Record<string, object> };
      return { ...schema, properties: { ...schema.properties, offChannel } };
    }),
  };
}
