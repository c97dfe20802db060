import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Proves the lint rules that guard the architecture fire: each snippet is linted as if it were the
 * content of a real file of the project named, with the repository's own ESLint config.
 */
const root = path.resolve(__dirname, '../..');
const workflowFile = 'workflows/src/process.workflow.ts';
const domainFile = 'libs/domain/src/index.ts';
const pageFile = 'apps/dashboard/src/web/board.ts';

const cases = {
  fs: { file: workflowFile, code: "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n" },
  nodeFs: { file: workflowFile, code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
  kafkajs: { file: workflowFile, code: "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n" },
  typeorm: { file: workflowFile, code: "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n" },
  nest: { file: workflowFile, code: "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n" },
  activityValue: {
    file: workflowFile,
    code: "import { createActivities } from '@comity/activities';\nexport const a = createActivities;\n",
  },
  activityType: {
    file: workflowFile,
    code: "import type { ComityActivities } from '@comity/activities';\nexport type A = ComityActivities;\n",
  },
  eventsValue: {
    file: workflowFile,
    code: "import { buildProcessEvent } from '@comity/events';\nexport const b = buildProcessEvent;\n",
  },
  eventBuilders: {
    file: workflowFile,
    code: "import type { ProcessEvent } from '@comity/events';\nimport { buildProcessEvent } from '@comity/events/builders';\nexport const b: (e: ProcessEvent) => unknown = buildProcessEvent as never;\n",
  },
  workflowToInfra: {
    file: workflowFile,
    code: "import { createKafka } from '@comity/kafka';\nexport const k = createKafka;\n",
  },
  domainToEvents: {
    file: domainFile,
    code: "import { DefaultTopics } from '@comity/events';\nexport const t = DefaultTopics;\n",
  },
  domainToNode: {
    file: domainFile,
    code: "import { randomUUID } from 'crypto';\nimport { proxyActivities } from '@temporalio/workflow';\nexport const f = [randomUUID, proxyActivities];\n",
  },
  pageContractValue: {
    file: pageFile,
    code: "import { processResource } from '@comity/api-contract';\nexport const s = processResource;\n",
  },
  pageContractType: {
    file: pageFile,
    code: "import type { ProcessResource } from '@comity/api-contract';\nexport type P = ProcessResource;\n",
  },
  pageNode: {
    file: pageFile,
    code: "import { readFileSync } from 'node:fs';\nexport const f = [readFileSync, process.env, Buffer.from('x')];\n",
  },
};

let found: Record<keyof typeof cases, string[]>;

beforeAll(() => {
  const env = { ...process.env, NX_DAEMON: 'false' };
  // @nx/enforce-module-boundaries reads the cached project graph (and skips silently without it).
  execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const output = execFileSync(process.execPath, [path.join(__dirname, 'lint-snippets.mjs')], {
    cwd: root,
    env,
    input: JSON.stringify(Object.values(cases)),
  });
  const lists = JSON.parse(output.toString('utf8')) as string[][];
  found = Object.fromEntries(Object.keys(cases).map((name, i) => [name, lists[i] ?? []])) as typeof found;
}, 120_000);

const sandboxViolation = expect.arrayContaining([expect.stringMatching(/^no-restricted-imports: .*Temporal sandbox/)]);

describe('workflow code (Temporal sandbox)', () => {
  it.each(['fs', 'nodeFs', 'kafkajs', 'typeorm', 'nest'] as const)('rejects an import of %s', (name) => {
    expect(found[name]).toEqual(sandboxViolation);
  });

  it('takes activities as types only', () => {
    expect(found.activityValue).toEqual(expect.arrayContaining([expect.stringMatching(/activity types only/)]));
    expect(found.activityType).toEqual([]);
  });

  it("builds events without importing the contracts' schemas", () => {
    expect(found.eventsValue).toEqual(expect.arrayContaining([expect.stringMatching(/event types only/)]));
    expect(found.eventBuilders).toEqual([]);
  });

  it('may not depend on infrastructure libraries', () => {
    expect(found.workflowToInfra).toEqual(
      expect.arrayContaining([expect.stringMatching(/^@nx\/enforce-module-boundaries: .*type:workflow/)]),
    );
  });
});

describe('the domain library', () => {
  it('depends on nothing of ours', () => {
    expect(found.domainToEvents).toEqual(
      expect.arrayContaining([expect.stringMatching(/^@nx\/enforce-module-boundaries/)]),
    );
  });

  it('uses no Node built-in or framework', () => {
    expect(found.domainToNode.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2);
  });
});

describe("the dashboard's page (runs in the browser)", () => {
  it("takes the workspace's libraries as types only", () => {
    expect(found.pageContractValue).toEqual(expect.arrayContaining([expect.stringMatching(/types only/)]));
    expect(found.pageContractType).toEqual([]);
  });

  it('uses no Node built-in or global', () => {
    expect(found.pageNode.filter((m) => /runs in the browser/.test(m))).toHaveLength(3);
  });
});
