import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Document as SpectralDocument, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { buildOpenApiJson } from '../scripts/export-openapi';
import { MISSING_OPERATION_ID } from './openapi.document';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  tags: { name: string }[];
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

const root = path.resolve(__dirname, '../../..');
let json: string;
let document: Document;
let operations: { route: string; operation: Operation }[];

beforeAll(async () => {
  json = await buildOpenApiJson();
  document = JSON.parse(json) as Document;
  operations = Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${route}`, operation })),
  );
});

describe('the exported OpenAPI document', () => {
  it('docs/openapi.json is up to date (npm run docs:openapi)', () => {
    expect(readFileSync(path.join(root, 'docs/openapi.json'), 'utf8')).toBe(json);
  });

  it('is OpenAPI 3.1, whose schema dialect (JSON Schema 2020-12) is what zod emits', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(json).not.toContain('"$schema"');
  });

  it('documents every control endpoint with bearer authentication', () => {
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/agencies',
      '/api/v1/agencies/{agencyId}',
      '/api/v1/agencies/{agencyId}/credentials',
      '/api/v1/agencies/{agencyId}/keys',
      '/api/v1/agencies/{agencyId}/keys/{kid}/revoke',
      '/api/v1/agencies/{agencyId}/reactivate',
      '/api/v1/agencies/{agencyId}/suspend',
      '/api/v1/cases',
      '/api/v1/cases/{id}',
      '/api/v1/cases/{id}/timeline',
      '/api/v1/dead-letters',
      '/api/v1/directory',
      '/api/v1/directory/competent',
      '/api/v1/directory/versions',
      '/api/v1/directory/versions/{version}',
      '/api/v1/document-links/{token}',
      '/api/v1/incidents',
      '/api/v1/installation/keys',
      '/api/v1/me',
      '/api/v1/pipeline',
      '/api/v1/process-types',
      '/api/v1/process-types/{type}',
      '/api/v1/processes',
      '/api/v1/processes/{id}',
      '/api/v1/processes/{id}/actions',
      '/api/v1/processes/{id}/audit',
      '/api/v1/processes/{id}/documents',
      '/api/v1/processes/{id}/documents/{documentId}',
      '/api/v1/processes/{id}/documents/{documentId}/complete',
      '/api/v1/processes/{id}/documents/{documentId}/content',
      '/api/v1/processes/{id}/documents/{documentId}/custody',
      '/api/v1/processes/{id}/documents/{documentId}/parts/{part}',
      '/api/v1/processes/{id}/request-form',
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

  // A route of a new controller without `operationId` in its @ApiOperation fails here, named.
  it('gives every operation an explicit, unique camelCase operationId, a declared tag and a summary', () => {
    const declaredTags = document.tags.map((tag) => tag.name);
    const problems = operations.flatMap(({ route, operation }) => {
      const id = operation.operationId ?? '';
      return [
        ...(id.startsWith(MISSING_OPERATION_ID)
          ? [`${route}: no operationId in @ApiOperation of ${id.slice(MISSING_OPERATION_ID.length + 1)}`]
          : !/^[a-z][a-zA-Z0-9]*$/.test(id)
            ? [`${route}: operationId '${id}' is not camelCase`]
            : []),
        ...(operation.summary ? [] : [`${route}: no summary`]),
        ...(operation.tags?.length ? [] : [`${route}: no tag`]),
        ...(operation.tags ?? [])
          .filter((tag) => !declaredTags.includes(tag))
          .map((tag) => `${route}: tag '${tag}' is not declared in apiTags`),
      ];
    });
    expect(problems).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('keeps the operation ids clients are generated from', () => {
    expect(Object.fromEntries(operations.map(({ route, operation }) => [route, operation.operationId]))).toEqual({
      'GET /health': 'getHealth',
      'PUT /api/v1/agencies/{agencyId}': 'registerAgency',
      'PUT /api/v1/directory': 'importDirectory',
      'PUT /api/v1/processes/{id}/documents/{documentId}/parts/{part}': 'putDocumentPart',
      'GET /api/v1/agencies': 'listAgencies',
      'GET /api/v1/agencies/{agencyId}': 'getAgency',
      'POST /api/v1/agencies/{agencyId}/keys': 'addAgencyKey',
      'POST /api/v1/agencies/{agencyId}/keys/{kid}/revoke': 'revokeAgencyKey',
      'POST /api/v1/agencies/{agencyId}/credentials': 'issueAgencyCredential',
      'POST /api/v1/agencies/{agencyId}/suspend': 'suspendAgency',
      'POST /api/v1/agencies/{agencyId}/reactivate': 'reactivateAgency',
      'GET /api/v1/installation/keys': 'getInstallationKeys',
      'GET /api/v1/me': 'getCaller',
      'POST /codec/decode': 'decodePayloads',
      'POST /codec/encode': 'encodePayloads',
      'POST /api/v1/cases': 'openCase',
      'GET /api/v1/cases/{id}': 'getCase',
      'GET /api/v1/cases/{id}/timeline': 'getCaseTimeline',
      'GET /api/v1/dead-letters': 'listDeadLetters',
      'GET /api/v1/directory': 'getDirectory',
      'GET /api/v1/directory/competent': 'findCompetentAuthorities',
      'GET /api/v1/directory/versions': 'listDirectoryVersions',
      'GET /api/v1/directory/versions/{version}': 'getDirectoryVersion',
      'GET /api/v1/document-links/{token}': 'downloadDocumentByLink',
      'GET /api/v1/incidents': 'countIncidents',
      'POST /api/v1/processes': 'startProcess',
      'GET /api/v1/processes': 'listProcesses',
      'GET /api/v1/processes/{id}': 'getProcess',
      'GET /api/v1/processes/{id}/timeline': 'getProcessTimeline',
      'GET /api/v1/processes/{id}/audit': 'verifyProcessAudit',
      'GET /api/v1/processes/{id}/request-form': 'getRequestForm',
      'GET /api/v1/processes/{id}/documents': 'listDocuments',
      'GET /api/v1/processes/{id}/documents/{documentId}': 'getDocument',
      'GET /api/v1/processes/{id}/documents/{documentId}/content': 'downloadDocument',
      'GET /api/v1/processes/{id}/documents/{documentId}/custody': 'getDocumentCustody',
      'POST /api/v1/processes/{id}/actions': 'takeAction',
      'POST /api/v1/processes/{id}/documents': 'startDocumentUpload',
      'POST /api/v1/processes/{id}/documents/{documentId}/complete': 'completeDocumentUpload',
      'GET /api/v1/process-types': 'listProcessTypes',
      'GET /api/v1/process-types/{type}': 'getProcessType',
      'GET /api/v1/stalled': 'listStalledProcesses',
      'GET /api/v1/tasks': 'listTasks',
      'GET /api/v1/pipeline': 'getPipeline',
      'GET /api/v1/statistics': 'getStatistics',
      'GET /api/v1/stream': 'streamProcessEvents',
    });
  });

  it('declares the errors every route may give, each with the one error body', () => {
    const errorBody = { $ref: '#/components/schemas/ApiError' };
    const problems = operations.flatMap(({ route, operation }) => {
      const needsToken = operation.security?.some((requirement) => 'bearer' in requirement) ?? false;
      const expected = [...(needsToken ? ['401'] : []), '429', ...(operation.requestBody ? ['400', '413'] : [])];
      return expected
        .filter((status) => operation.responses[status]?.content?.['application/json']?.schema?.$ref !== errorBody.$ref)
        .map((status) => `${route}: no ${status} with the ApiError body`);
    });
    expect(problems).toEqual([]);
    expect(document.components.schemas).toHaveProperty('ApiError');
  });

  it('declares the event stream as text/event-stream, with its 401 and 429', () => {
    const stream = document.paths['/api/v1/stream']?.['get'];
    expect(Object.keys(stream?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
    expect(Object.keys(stream?.responses ?? {})).toEqual(['200', '401', '429']);
  });

  it('passes the OpenAPI linter (redocly.yaml) with no problem', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'comity-openapi-'));
    try {
      const file = path.join(folder, 'openapi.json');
      writeFileSync(file, json);
      const result = await lint(file);
      expect(result.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
      expect(result.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it("has no error by Spectral's OpenAPI ruleset (spectral:oas)", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] });
    const results = await spectral.run(new SpectralDocument(json, Json, 'openapi.json'));
    // Severity 0 is an error; its warnings (operations without a description) are allowed.
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code}: ${r.message} at ${r.path.join('.')}`);
    expect(errors).toEqual([]);
  }, 60_000);
});

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

/** Redocly's CLI (a dev dependency) on a file, with the project's ruleset; its JSON report. */
async function lint(file: string): Promise<LintReport> {
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  const args = [cli, 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'json'];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  // It exits 1 when it finds problems; the report on stdout says which.
  const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { env, maxBuffer: 16 << 20 }).catch(
    (err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }),
  );
  try {
    return JSON.parse(stdout) as LintReport;
  } catch {
    throw new Error(`redocly lint gave no report:\n${stdout}\n${stderr}`);
  }
}
