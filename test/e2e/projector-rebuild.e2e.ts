import { Partitioners } from 'kafkajs';
import { loadConfig } from '@comity/config';
import { processTypes, statisticsFactsOf, statisticsReport, definitionOf, type StatisticsFacts } from '@comity/domain';
import { CLOUDEVENTS_CONTENT_TYPE, sealProcessEvent, type ProcessEvent } from '@comity/events';
import { openReadModel, StatisticsQueries } from '@comity/persistence';
import { repositoryRoot, runProcess } from '../fuzz/schemathesis';
import { createTestEnvironment, type DatabaseKind, type TestEnvironment } from '../support/environment';
import { fixtureEvents, NOW, OWN_STATE, PERIOD } from '../support/statistics-fixture';
import { testKafka } from '../support/kafka-access';
import { cipherOf, keysOf } from '../support/sealing';

/**
 * `npm run projector:rebuild`: the process-events topic read from offset zero into an empty
 * database gives the read model the events describe (the statistics equal those folded straight
 * from the events), skips what is not a valid event (an unsealed one included), reports consistent
 * row counts, and refuses a database that is not empty.
 */
const events: ProcessEvent[] = fixtureEvents.filter((e) => processTypes.includes(e.data.processType));
const request = {
  period: PERIOD,
  filter: {},
  groupBy: 'type' as const,
  ownState: OWN_STATE,
  countNames: ['nationals-prosecuted-instead', 'provisional-arrests-released'],
  now: NOW,
};

function expectedFacts(): StatisticsFacts[] {
  const ids = [...new Set(events.map((e) => e.subject))];
  return ids.flatMap((id) => {
    const own = events.filter((e) => e.subject === id).map((e) => e.data);
    const facts = own[0] && statisticsFactsOf(definitionOf(own[0].processType), own);
    return facts ? [facts] : [];
  });
}

const rebuild = (environment: TestEnvironment) =>
  runProcess('npm', ['run', '-s', 'projector:rebuild'], {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment.env },
    timeoutMs: 90_000,
  });

describe.each<DatabaseKind>(['sqlite', 'postgres'])('rebuilding into %s', (kind) => {
  let environment: TestEnvironment;

  beforeAll(async () => {
    environment = await createTestEnvironment(kind, 3201);
    const kafka = testKafka('comity-e2e', environment.brokers);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const cipher = cipherOf(environment.env);
    const unsealed = { ...events[0], id: 'unsealed:0' };
    await producer.send({
      topic: environment.topics.processEvents,
      messages: [
        ...events.map((event) => ({
          key: event.subject,
          value: JSON.stringify(sealProcessEvent(event, cipher)),
          headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
        })),
        { key: 'garbage', value: '{"not": "an event"}' },
        {
          key: unsealed.subject,
          value: JSON.stringify(unsealed),
          headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
        },
      ],
    });
    await producer.disconnect();
  }, 60_000);

  afterAll(() => environment?.dispose(), 60_000);

  it('reads every message once, with a progress bar, and builds what the events say', async () => {
    const run = await rebuild(environment);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stderr).toContain(`${events.length + 2}/${events.length + 2} events (100%)`);
    const processes = new Set(events.map((e) => e.subject)).size;
    expect(run.stdout).toContain(`read ${events.length + 2} messages (2 not valid events, skipped)`);
    expect(run.stdout).toMatch(new RegExp(`processes\\s+${processes}\\s+${processes}\\n`));
    expect(run.stdout).toMatch(/cases\s+2\s+2\n/);
    expect(run.stdout).toContain('rebuild: consistent');

    const dataSource = await openReadModel(
      loadConfig({ ...process.env, ...environment.env }).database,
      keysOf(environment.env),
    );
    try {
      expect(await new StatisticsQueries(dataSource).report(request)).toEqual(
        statisticsReport(expectedFacts(), request),
      );
    } finally {
      await dataSource.destroy();
    }
  }, 120_000);

  it('refuses a read model that is not empty', async () => {
    const run = await rebuild(environment);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the read model is not empty');
  }, 120_000);
});
