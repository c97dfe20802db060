import { z } from 'zod';

/**
 * A zod schema as the OpenAPI 3.1 document embeds it: JSON Schema 2020-12, the document's
 * `jsonSchemaDialect`, so each schema's own `$schema` is left out. Input mode leaves objects open:
 * an answer may gain optional fields without breaking clients.
 */
export function jsonSchema(schema: z.ZodType): object {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest;
}
