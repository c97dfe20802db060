import { ApplicationFailure } from '@temporalio/activity';
import {
  agencyTaskId,
  buildAgencyTask,
  buildProcessEvent,
  SEALED_VALUE_SCHEME,
  type FieldCipher,
  type SealedProcessEvent,
  type SealedValue,
} from '@comity/events';
import { createPublishingActivities } from './publishing.activities';

/** Stands in for the installation's cipher (libs/crypto): reversible, so the test sees what was sealed where. */
const fakeCipher: FieldCipher = {
  seal: (value, context) => ({
    enc: SEALED_VALUE_SCHEME,
    kid: 'fake',
    iv: 'AAAAAAAAAAAAAAAA',
    ct: Buffer.from(JSON.stringify({ value, context })).toString('base64'),
  }),
  open: (sealed: SealedValue) => (JSON.parse(Buffer.from(sealed.ct, 'base64').toString()) as { value: unknown }).value,
};

const event = buildProcessEvent(
  {
    processId: 'mla-1',
    processType: 'mla',
    sequence: 1,
    action: 'submit',
    fromStage: 'draft',
    stage: 'ca-review',
    terminal: false,
    actor: { userId: 'officer-1', role: 'coordinator' },
    legalBasis: 'UNTOC',
    priority: 'normal',
    handlingCode: 'H1',
    parties: {},
    deadlines: [],
    overdue: false,
    audit: { previousHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
    payload: { suspect: 'Ivan Petrov' },
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
  'test',
);

describe('publishProcessEvent', () => {
  it('publishes the event sealed, under the id the workflow fixed, the same on a retry', async () => {
    const published: SealedProcessEvent[] = [];
    const { publishProcessEvent } = createPublishingActivities(
      { publishProcessEvent: async (e) => void published.push(e), publishAgencyTask: async () => undefined },
      fakeCipher,
    );
    await publishProcessEvent({ event });
    await publishProcessEvent({ event });
    expect(published.map((e) => e.id)).toEqual(['mla-1:1', 'mla-1:1']);
    expect(JSON.stringify(published)).not.toContain('Ivan Petrov');
    expect(fakeCipher.open(published[0]!.data.payload, '')).toEqual({ suspect: 'Ivan Petrov' });
    expect(JSON.parse(Buffer.from(published[0]!.data.payload.ct, 'base64').toString())).toMatchObject({
      context: 'process-event:mla-1:1:data.payload',
    });
  });

  it('refuses, for good, an event that breaks its contract, and publishes nothing', async () => {
    const published: unknown[] = [];
    const { publishProcessEvent } = createPublishingActivities(
      { publishProcessEvent: async (e) => void published.push(e), publishAgencyTask: async () => undefined },
      fakeCipher,
    );
    const broken = { ...event, data: { ...event.data, sequence: -1 } };
    await expect(publishProcessEvent({ event: broken })).rejects.toMatchObject({
      type: 'EVENT_CONTRACT_VIOLATION',
      nonRetryable: true,
    });
    await expect(publishProcessEvent({ event: broken })).rejects.toBeInstanceOf(ApplicationFailure);
    expect(published).toEqual([]);
  });
});

describe('publishStep', () => {
  const task = buildAgencyTask(
    {
      taskId: agencyTaskId('mla-1', 1),
      agencyId: 'fr-ministry-of-justice',
      party: 'requesting',
      processId: 'mla-1',
      processType: 'mla',
      stage: 'ca-review',
      stageLabel: 'Central authority review',
      expectedActions: [{ action: 'transmit', label: 'Transmit' }],
      priority: 'normal',
      handlingCode: 'H1',
      legalBasis: 'UNTOC',
      counterpartStates: ['ES'],
      assignedAt: '2026-01-01T00:00:00.000Z',
    },
    'test',
  );
  const recording = () => {
    const sent: string[] = [];
    const activities = createPublishingActivities(
      {
        publishProcessEvent: async (e) => void sent.push(`event ${e.id}`),
        publishAgencyTask: async (t) => void sent.push(`task ${t.id}`),
      },
      fakeCipher,
    );
    return { sent, publishStep: activities.publishStep };
  };

  it("publishes the stage's task, then its event, sealed", async () => {
    const { sent, publishStep } = recording();
    await publishStep({ task, event });
    expect(sent).toEqual(['task mla-1:1:task', 'event mla-1:1']);
  });

  it('sends neither when the event breaks its contract', async () => {
    const { sent, publishStep } = recording();
    const broken = { ...event, data: { ...event.data, sequence: -1 } };
    await expect(publishStep({ task, event: broken })).rejects.toMatchObject({ type: 'EVENT_CONTRACT_VIOLATION' });
    expect(sent).toEqual([]);
  });
});
