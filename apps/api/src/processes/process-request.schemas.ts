import { definitionOf, payloadJsonSchema, payloadSchemasByAction, processTypes } from '@comity/domain';
import { jsonSchema } from '../http/json-schema';
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
  const byAction = payloadSchemasByAction(processTypes.map(definitionOf));
  return {
    oneOf: Object.entries(byAction).map(([action, payloads]) => ({
      title: action,
      type: 'object',
      properties: {
        action: { const: action },
        payload: payloads.length === 1 ? payloads[0] : { anyOf: payloads },
        idempotencyKey,
      },
      required: ['action'],
      additionalProperties: false,
    })),
  };
}

/** The body of POST /processes as published: one request per process type, with what its `data` may declare. */
export function startRequestSchema(): object {
  const base = jsonSchema(startProcessBody) as { properties: Record<string, object>; required?: string[] };
  return {
    oneOf: processTypes.map((type) => ({
      ...base,
      title: type,
      properties: {
        ...base.properties,
        type: { const: type },
        data: { ...payloadJsonSchema(definitionOf(type).startData), default: {} },
      },
    })),
  };
}
