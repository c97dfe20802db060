import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildOpenApiJson } from '../scripts/export-openapi';

describe('the exported OpenAPI document', () => {
  it('docs/openapi.json is up to date (npm run docs:openapi)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '../../../docs/openapi.json'), 'utf8');
    expect(committed).toBe(await buildOpenApiJson());
  });

  it('documents every control endpoint with bearer authentication', async () => {
    const document = JSON.parse(await buildOpenApiJson()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/cases',
      '/api/v1/cases/{id}',
      '/api/v1/cases/{id}/timeline',
      '/api/v1/pipeline',
      '/api/v1/process-types',
      '/api/v1/process-types/{type}',
      '/api/v1/processes',
      '/api/v1/processes/{id}',
      '/api/v1/processes/{id}/actions',
      '/api/v1/processes/{id}/audit',
      '/api/v1/processes/{id}/timeline',
      '/api/v1/stalled',
      '/api/v1/statistics',
      '/api/v1/stream',
      '/api/v1/tasks',
      '/codec/decode',
      '/codec/encode',
      '/health',
    ]);
    expect(document.components.securitySchemes).toHaveProperty('bearer');
  });
});
