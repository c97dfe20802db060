import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Running schemathesis (PyPI, pinned in infra/fuzz/versions.env) from Jest and reading its
 * reports: the JSON run report for the verdict, the NDJSON event stream for every request,
 * response and check, from which the counts and each finding's reproduction are taken.
 */
export const repositoryRoot = path.resolve(__dirname, '../..');

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly elapsedMs: number;
}

/** Runs a command to its end (SIGTERM, then SIGKILL, after `timeoutMs`), collecting its output. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const term = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutMs);
    const kill = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs + 10_000);
    child.on('error', (err) => {
      clearTimeout(term);
      clearTimeout(kill);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve({ code, signal, stdout, stderr, timedOut, elapsedMs: Date.now() - started });
    });
  });
}

/**
 * Installs the pinned schemathesis into the project venv when it is missing (infra/fuzz/install.sh)
 * and resolves with the absolute path of its `st` executable.
 */
export async function installSchemathesis(timeoutMs = 300_000): Promise<string> {
  const script = path.join(repositoryRoot, 'infra/fuzz/install.sh');
  const result = await runProcess('bash', [script], { cwd: repositoryRoot, timeoutMs });
  const st = result.stdout.trim().split('\n').pop() ?? '';
  if (result.code !== 0 || !path.isAbsolute(st)) {
    throw new Error(`${script} failed (exit ${String(result.code)}):\n${result.stderr}${result.stdout}`);
  }
  return st;
}

/** A TOML value for a string or a list of strings (JSON's string escapes are TOML's basic-string escapes). */
const tomlValue = (value: string | readonly string[]) => JSON.stringify(value);

/**
 * A schemathesis.toml that lets generated requests reach past the first validation: values from
 * these dictionaries (e.g. live process ids, known action names) are used with `probability`
 * for the bound parameters, and freely generated ones otherwise.
 */
export function dictionaryConfig(
  bindings: readonly { parameter: string; dictionary: string; values: readonly string[]; probability: number }[],
): string {
  const lines: string[] = [];
  for (const b of bindings) lines.push(`[dictionaries.${b.dictionary}]`, `values = ${tomlValue(b.values)}`, '');
  lines.push('[parameters]');
  for (const b of bindings) {
    lines.push(
      `${tomlValue(b.parameter)} = { dictionary = ${tomlValue(b.dictionary)}, probability = ${b.probability} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reports

/** The JSON run report (`--report json`), as far as it is read here. */
interface JsonReport {
  schemathesis_version: string;
  command: string;
  seed: number | null;
  running_time: number;
  stop_reason: string;
  complete: boolean;
  exit_code: number;
  operations: { total: number; selected: number; tested: number; errored: number; skipped: number } | null;
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: { title: string; count: number }[];
  warnings: Record<string, string[]>;
}

interface RecordedMessage {
  method?: string;
  uri?: string;
  headers?: Record<string, string[]>;
  body?: { $base64?: string } | string | null;
}
interface RecordedInteraction {
  request: RecordedMessage;
  response: { status_code: number; content?: { $base64?: string } | string | null } | null;
}
interface RecordedCheck {
  name: string;
  status: string;
  failure_info?: { failure: { code?: string; title: string; message: string } };
}
interface ScenarioFinished {
  phase: string;
  status: string;
  recorder: {
    label: string;
    checks?: Record<string, RecordedCheck[]>;
    interactions?: Record<string, RecordedInteraction>;
  };
}

/** A failed check with what it takes to reproduce it. */
export interface Finding {
  readonly operation: string;
  readonly phase: string;
  readonly testCase: string;
  readonly check: string;
  readonly code: string;
  readonly title: string;
  readonly message: string;
  readonly status: number | null;
  readonly responseBody: string;
  /** A curl command line; the token is left as $TOKEN (schemathesis filters it out of its reports). */
  readonly curl: string;
}

export interface FuzzSummary {
  readonly version: string;
  readonly seed: number | null;
  readonly runningTimeS: number;
  readonly complete: boolean;
  readonly exitCode: number;
  readonly operations: { readonly selected: number; readonly tested: number; readonly errored: number };
  readonly testCases: number;
  /** Requests schemathesis recorded with their responses (one per test case it kept). */
  readonly requests: number;
  readonly responsesByClass: Readonly<Record<string, number>>;
  readonly responsesByStatus: Readonly<Record<string, number>>;
  /** Responses with a 5xx status, plus failed `not_a_server_error` checks not among them. */
  readonly serverErrors: number;
  /** Failed `response_schema_conformance` checks. */
  readonly schemaViolations: number;
  /** Per check: how many responses passed and failed it. */
  readonly checks: Readonly<Record<string, { passed: number; failed: number }>>;
  readonly findings: readonly Finding[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

const decode = (value: { $base64?: string } | string | null | undefined): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return value.$base64 === undefined ? '' : Buffer.from(value.$base64, 'base64').toString('utf8');
};

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function curlOf(request: RecordedMessage): string {
  const parts = ['curl', '-i', '-X', request.method ?? 'GET'];
  for (const [name, values] of Object.entries(request.headers ?? {})) {
    for (const value of values) {
      const header = name.toLowerCase() === 'authorization' ? `${name}: Bearer $TOKEN` : `${name}: ${value}`;
      parts.push('-H', name.toLowerCase() === 'authorization' ? `"${header}"` : shellQuote(header));
    }
  }
  const body = decode(request.body);
  if (body) parts.push('--data-binary', shellQuote(body));
  parts.push(shellQuote(request.uri ?? ''));
  return parts.join(' ');
}

/** Reads schemathesis's JSON run report and NDJSON event stream into counts and findings. */
export function summarizeReports(jsonReportPath: string, ndjsonPath: string): FuzzSummary {
  const report = JSON.parse(readFileSync(jsonReportPath, 'utf8')) as JsonReport;
  const byClass: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const checks: Record<string, { passed: number; failed: number }> = {};
  const findings: Finding[] = [];
  const errors = report.errors.map((e) => `${e.title} (${e.count})`);
  let requests = 0;
  let fiveHundreds = 0;

  for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    const nonFatal = event['NonFatalError'] as
      { label?: string; phase?: string; value?: { type?: string; message?: string } } | undefined;
    if (nonFatal) {
      errors.push(
        `${nonFatal.label ?? '?'} (${nonFatal.phase ?? '?'}): ${nonFatal.value?.type ?? 'error'}: ${nonFatal.value?.message ?? ''}`,
      );
      continue;
    }
    const scenario = event['ScenarioFinished'] as ScenarioFinished | undefined;
    if (!scenario) continue;
    const { label, interactions = {}, checks: caseChecks = {} } = scenario.recorder;
    for (const interaction of Object.values(interactions)) {
      requests += 1;
      const status = interaction.response?.status_code;
      const cls = status === undefined ? 'no response' : `${Math.floor(status / 100)}xx`;
      byClass[cls] = (byClass[cls] ?? 0) + 1;
      byStatus[String(status ?? 'none')] = (byStatus[String(status ?? 'none')] ?? 0) + 1;
      if (status !== undefined && status >= 500) fiveHundreds += 1;
    }
    for (const [testCase, results] of Object.entries(caseChecks)) {
      for (const check of results) {
        const count = (checks[check.name] ??= { passed: 0, failed: 0 });
        if (check.status === 'success') {
          count.passed += 1;
          continue;
        }
        count.failed += 1;
        const interaction = interactions[testCase];
        const failure = check.failure_info?.failure;
        findings.push({
          operation: label,
          phase: scenario.phase,
          testCase,
          check: check.name,
          code: failure?.code ?? '',
          title: failure?.title ?? check.status,
          message: failure?.message ?? '',
          status: interaction?.response?.status_code ?? null,
          responseBody: decode(interaction?.response?.content).slice(0, 2000),
          curl: interaction ? curlOf(interaction.request) : '(no request recorded)',
        });
      }
    }
  }

  const failedServerChecks = findings.filter(
    (f) => f.check === 'not_a_server_error' && (f.status === null || f.status < 500),
  ).length;
  return {
    version: report.schemathesis_version,
    seed: report.seed,
    runningTimeS: report.running_time,
    complete: report.complete,
    exitCode: report.exit_code,
    operations: {
      selected: report.operations?.selected ?? 0,
      tested: report.operations?.tested ?? 0,
      errored: report.operations?.errored ?? 0,
    },
    testCases: report.test_cases.generated,
    requests,
    responsesByClass: byClass,
    responsesByStatus: byStatus,
    serverErrors: fiveHundreds + failedServerChecks,
    schemaViolations: findings.filter((f) => f.check === 'response_schema_conformance').length,
    checks,
    findings,
    errors,
    warnings: Object.entries(report.warnings)
      .filter(([, operations]) => operations.length > 0)
      .map(([name, operations]) => `${name}: ${operations.join(', ')}`),
  };
}

/** The findings of one check, each with its reproduction, for an assertion's failure message. */
export function describeFindings(summary: FuzzSummary, check: string): string[] {
  return summary.findings
    .filter((f) => f.check === check)
    .map((f) =>
      [
        `${f.code} ${f.title} — ${f.operation} (${f.phase} phase, test case ${f.testCase})`,
        f.message && `  ${f.message.replace(/\n/g, '\n  ')}`,
        `  response: ${f.status ?? 'none'} ${f.responseBody}`,
        `  reproduce (TOKEN = a coordinator token): ${f.curl}`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
}

/**
 * How many (operation, status) responses of an OpenAPI document declare a JSON body schema: the
 * only responses `response_schema_conformance` can validate.
 */
export function documentedResponseSchemas(openapiPath: string): { withSchema: number; declared: number } {
  type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
  const doc = JSON.parse(readFileSync(openapiPath, 'utf8')) as { paths?: Record<string, Record<string, Operation>> };
  let withSchema = 0;
  let declared = 0;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values(operation.responses ?? {})) {
        declared += 1;
        if (Object.entries(response.content ?? {}).some(([type, media]) => /json/.test(type) && media.schema)) {
          withSchema += 1;
        }
      }
    }
  }
  return { withSchema, declared };
}

/** The counts, one per line, for the test's output. */
export function formatSummary(summary: FuzzSummary, schemas: { withSchema: number; declared: number }): string {
  const list = (record: Readonly<Record<string, number>>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
  const checks = Object.entries(summary.checks)
    .map(([name, c]) => `${name} ${c.passed} passed / ${c.failed} failed`)
    .join('; ');
  return [
    `schemathesis ${summary.version}, seed ${String(summary.seed)}, ${summary.runningTimeS.toFixed(1)} s, exit code ${summary.exitCode}`,
    `operations tested: ${summary.operations.tested} of ${summary.operations.selected} (errored: ${summary.operations.errored})`,
    `test cases generated: ${summary.testCases}; requests recorded: ${summary.requests}`,
    `responses by class: ${list(summary.responsesByClass)}`,
    `responses by status: ${list(summary.responsesByStatus)}`,
    `server errors (5xx): ${summary.serverErrors}`,
    `schema violations: ${summary.schemaViolations} (responses with a documented JSON schema: ${schemas.withSchema} of ${schemas.declared} declared)`,
    `checks: ${checks}`,
    `failed checks: ${summary.findings.length}; errors: ${summary.errors.length ? summary.errors.join('; ') : 0}`,
    `warnings: ${summary.warnings.length ? summary.warnings.join('; ') : 'none'}`,
  ].join('\n');
}
