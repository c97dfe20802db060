import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DiagnosticSeverity, Parser, type Diagnostic } from '@asyncapi/parser';
import { parse as parseYaml } from 'yaml';
import { processTypes } from '@comity/domain';
import { ASYNCAPI_FILE, renderAsyncApiYaml } from '../../scripts/asyncapi-yaml';
import { agencyResponse } from '../agency-response/agency-response.schema';
import { agencyTask } from '../agency-task/agency-task.schema';
import { CLOUDEVENTS_CONTENT_TYPE } from '../cloudevents/cloud-event';
import { sealedProcessEvent } from '../process-event/process-event.schema';
import { DefaultTopics } from '../topics';
import { buildAsyncApiDocument, deadLetterHeaders } from './asyncapi.document';

const root = path.resolve(__dirname, '../../../..');
const document = buildAsyncApiDocument();

/** The errors and warnings the official AsyncAPI parser reports, one line each. */
async function validate(yaml: string): Promise<{ errors: string[]; warnings: string[] }> {
  const { diagnostics } = await new Parser().parse(yaml);
  const lines = (severity: DiagnosticSeverity) =>
    diagnostics
      .filter((d: Diagnostic) => d.severity === severity)
      .map((d: Diagnostic) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
  return { errors: lines(DiagnosticSeverity.Error), warnings: lines(DiagnosticSeverity.Warning) };
}

describe('docs/asyncapi.yaml', () => {
  it('is up to date (npm run docs:asyncapi)', () => {
    const fresh = renderAsyncApiYaml();
    let committed: string;
    try {
      committed = readFileSync(path.join(root, ASYNCAPI_FILE), 'utf8');
    } catch {
      throw new Error(`${ASYNCAPI_FILE} is missing: run npm run docs:asyncapi`);
    }
    if (committed !== fresh) {
      const [a, b] = [committed.split('\n'), fresh.split('\n')];
      const line = a.findIndex((text, i) => text !== b[i]);
      throw new Error(
        `${ASYNCAPI_FILE} is out of date: run npm run docs:asyncapi (first difference at line ${line + 1}: ` +
          `committed ${JSON.stringify(a[line])}, generated ${JSON.stringify(b[line])})`,
      );
    }
  });

  it('reads back as the generated document', () => {
    expect(parseYaml(renderAsyncApiYaml())).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe('validation by the official AsyncAPI parser', () => {
  // The parser must work offline: the document has no external references, so no socket opens.
  let connect: jest.SpyInstance;
  beforeAll(() => {
    connect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
      throw new Error('the AsyncAPI parser tried to reach the network');
    });
  });
  afterAll(() => {
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
  });

  it('finds no error and no warning in the document', async () => {
    const { errors, warnings } = await validate(renderAsyncApiYaml());
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('finds the error in a broken copy (a channel address that is not a string, no title)', async () => {
    const broken = {
      ...document,
      info: { ...document.info, title: undefined },
      channels: { ...document.channels, deadLetter: { ...document.channels.deadLetter, address: 42 } },
    };
    const { errors } = await validate(renderAsyncApiYaml(JSON.parse(JSON.stringify(broken))));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^asyncapi-document-resolved at channels\.deadLetter\.address: .*string/),
        expect.stringMatching(/^asyncapi-document-resolved at info: .*title/),
      ]),
    );
  });
});

describe('the document', () => {
  it('has a channel per topic, at its default name, with what Comity does on it', () => {
    const byAddress = Object.fromEntries(
      Object.entries(document.operations).map(([, op]) => {
        const channel = op.channel.$ref.replace('#/channels/', '') as keyof typeof document.channels;
        return [document.channels[channel].address, op.action];
      }),
    );
    expect(byAddress).toEqual({
      [DefaultTopics.processEvents]: 'send',
      [`${DefaultTopics.agencyTasksPrefix}{agencyId}`]: 'send',
      [`${DefaultTopics.agencyAnswersPrefix}{agencyId}`]: 'receive',
      [DefaultTopics.deadLetter]: 'send',
    });
  });

  it('names every process type in the pattern of a process event type', () => {
    const pattern = String(document.components.messages.processEvent.payload.properties['type']?.['pattern']);
    for (const type of processTypes) expect(`comity.${type}.started.v1`).toMatch(new RegExp(pattern));
    expect('comity.unknown-type.started.v1').not.toMatch(new RegExp(pattern));
  });
});

describe('the examples', () => {
  const { messages } = document.components;

  it('are one per message', () => {
    for (const message of Object.values(messages)) expect(message.examples).toHaveLength(1);
  });

  it.each([
    ['processEvent', sealedProcessEvent],
    ['agencyTask', agencyTask],
    ['agencyResponse', agencyResponse],
  ] as const)('%s is a valid CloudEvent of its schema', (name, schema) => {
    const [example] = messages[name].examples;
    expect(example.headers).toEqual({ 'content-type': CLOUDEVENTS_CONTENT_TYPE });
    expect(schema.safeParse(example.payload).error?.issues).toBeUndefined();
  });

  it('of a process event has a type the document describes', () => {
    const pattern = String(messages.processEvent.payload.properties['type']?.['pattern']);
    expect(messages.processEvent.examples[0].payload.type).toMatch(new RegExp(pattern));
  });

  it('of a dead letter has valid headers and the bytes of a message it could have refused', () => {
    const [example] = messages.deadLetter.examples;
    expect(deadLetterHeaders.safeParse(example.headers).error?.issues).toBeUndefined();
    expect(agencyResponse.safeParse(JSON.parse(example.payload)).error?.issues).toBeUndefined();
  });
});
