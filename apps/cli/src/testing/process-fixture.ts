import { run } from '../cli';
import { fakeRuntime, type FakeAnswer, type FakeRequest } from './fake-runtime';

/** A process as GET /api/v1/processes/{id} answers it. */
export const processBody = {
  id: 'mla-1',
  type: 'mla',
  legalBasis: 'UNTOC',
  priority: 'normal',
  handlingCode: 'H1',
  parties: { requesting: { agencyId: 'it-moj', state: 'IT' } },
  stage: 'ca-review',
  stageLabel: 'Central-authority review',
  sequence: 1,
  terminal: false,
  overdue: false,
  deadlines: [{ id: 'review', label: 'Review', startedAt: '', dueAt: '2026-01-02T12:00:00Z', status: 'running' }],
  allowedActions: [{ action: 'transmit', label: 'Transmit' }],
  startedAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T11:00:00Z',
};

/** Runs the CLI on a fake runtime; answers the exit code, the requests sent and the output. */
export async function cli(argv: string[], answer?: (req: FakeRequest) => FakeAnswer) {
  const fake = fakeRuntime(answer);
  const code = await run(argv, fake.runtime);
  return { code, ...fake };
}
