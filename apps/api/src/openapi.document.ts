import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { offChannelOpening, offChannelRecord } from '@comity/domain';
import { API_ERROR_SCHEMA, OFF_CHANNEL_OPENING_SCHEMA, OFF_CHANNEL_SCHEMA } from './http/openapi.decorators';
import { errorBody } from '@comity/api-contract';
import { jsonSchema } from './http/json-schema';

/**
 * Every tag a controller may use (`@ApiTags`), with what it groups. The linter's
 * operation-tag-defined rule (redocly.yaml) fails on a tag missing here.
 */
export const apiTags: Readonly<Record<string, string>> = {
  agencies:
    "The agency registry: each agency's own topics and broker principal, the keys its answers are signed with, and the installation's keys",
  cases: 'Cases: the processes about one smuggling network, their merged timeline and obligations',
  processes: 'Cooperation processes: start, read, act on (a Temporal update), timeline and audit chain',
  directory:
    'The directory of competent authorities: per state, who is competent for what, in which languages, through which channel, and what a request must carry',
  documents:
    'Documents of a process: resumable uploads, checked (ClamAV, type, hash), sealed, shared by attach-document, streamed; their chain of custody',
  'process types': 'The process types as declared: stages, actions, deadlines',
  overview: 'What officers and agencies work from: the inbox, the pipeline, stalled processes, live events',
  statistics: 'FATF Recommendation 33 / Immediate Outcome 2 figures',
  operations: "Running the installation: health, and Temporal's remote codec",
};

/**
 * What Nest would name an operation without an explicit `operationId`. Not camelCase on purpose:
 * openapi.spec.ts fails on it, naming the controller and method (see docs/api.md, "Operation ids").
 */
export const MISSING_OPERATION_ID = 'MISSING_OPERATION_ID';
const missingOperationId = (controller: string, method: string) => `${MISSING_OPERATION_ID}:${controller}.${method}`;

/**
 * The OpenAPI 3.1 document, built from the controllers' decorators. 3.1 because its schema dialect
 * is JSON Schema 2020-12, which is what zod emits for every body, query and answer.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject & { jsonSchemaDialect: string } {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Comity control API')
    .setDescription(
      'Cooperation processes against migrant smuggling and transnational organised crime. ' +
        'Every error answer has one shape (`ApiError`); its `code` is stable (docs/api.md#errors).',
    )
    .setVersion('1')
    .addServer('/', 'The installation serving this document')
    .addBearerAuth();
  for (const [name, description] of Object.entries(apiTags)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { operationIdFactory: missingOperationId });
  return {
    ...document,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      ...document.components,
      schemas: {
        ...document.components?.schemas,
        [API_ERROR_SCHEMA]: jsonSchema(errorBody),
        [OFF_CHANNEL_SCHEMA]: jsonSchema(offChannelRecord),
        [OFF_CHANNEL_OPENING_SCHEMA]: jsonSchema(offChannelOpening),
      },
    },
  };
}
