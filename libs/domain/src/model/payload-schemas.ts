import { z, type ZodType } from 'zod';
import type { ActionDefinition, ProcessDefinition } from './process-definition';

/** JSON Schema 2020-12 (OpenAPI 3.1) or draft-07 (AsyncAPI 3). */
export type JsonSchemaTarget = 'draft-2020-12' | 'draft-7';

/** A JSON Schema (2020-12) object, as published in the OpenAPI and AsyncAPI documents. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** An action without a schema takes an object (at most a note), which the state machine keeps as it is. */
const ANY_OBJECT: JsonSchema = { type: 'object' };

/**
 * The JSON Schema of a payload schema: what a client may send (its input side: defaults optional).
 * The one declaration in the definition is the source of the OpenAPI body, `/process-types`, the
 * AsyncAPI answer payloads and the simulator's answers.
 */
export function payloadJsonSchema(schema: ZodType | undefined, target: JsonSchemaTarget = 'draft-2020-12'): JsonSchema {
  if (!schema) return ANY_OBJECT;
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target });
  return rest;
}

/** Each action's payload schema (of the actions `include` keeps), by action, in declaration order. */
export function actionPayloadSchemas(
  definition: ProcessDefinition,
  options: PayloadSchemaOptions = {},
): Readonly<Record<string, JsonSchema>> {
  const { include = () => true, target } = options;
  return Object.fromEntries(
    Object.entries(definition.actions)
      .filter(([, action]) => include(action))
      .map(([name, action]) => [name, payloadJsonSchema(action.request ?? action.payload, target)]),
  );
}

export interface PayloadSchemaOptions {
  /** Which actions to publish (e.g. only those an agency may take); default: all. */
  readonly include?: (action: ActionDefinition<string>) => boolean;
  readonly target?: JsonSchemaTarget;
}

/**
 * Per action name, across the given types, the payload schemas it takes (one per distinct schema,
 * each titled by the types that declare it): the `oneOf` of an action request.
 */
export function payloadSchemasByAction(
  definitions: readonly ProcessDefinition[],
  options: PayloadSchemaOptions = {},
): Readonly<Record<string, readonly JsonSchema[]>> {
  const byAction = new Map<string, Map<string, { schema: JsonSchema; types: string[] }>>();
  for (const definition of definitions) {
    for (const [action, schema] of Object.entries(actionPayloadSchemas(definition, options))) {
      const distinct = byAction.get(action) ?? new Map<string, { schema: JsonSchema; types: string[] }>();
      const key = JSON.stringify(schema);
      const entry = distinct.get(key) ?? { schema, types: [] };
      entry.types.push(definition.type);
      distinct.set(key, entry);
      byAction.set(action, distinct);
    }
  }
  return Object.fromEntries(
    [...byAction].map(([action, distinct]) => [
      action,
      [...distinct.values()].map(({ schema, types }) => ({ title: `${action} (${types.join(', ')})`, ...schema })),
    ]),
  );
}
