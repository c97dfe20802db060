import { mlaDefinition } from '../processes/mla.definition';
import type { Actor } from './actor';
import { DomainError, DomainErrorCode } from './domain-error';
import type { ProcessSnapshot } from './process-state';
import { applyTransition, decide, openProcess } from './state-machine';

const coordinator: Actor = { userId: 'registry-clerk', role: 'coordinator' };
const requestedAgency: Actor = { userId: 'es-clerk', role: 'agency', agencyId: 'es-central-authority' };
const scan = 'doc-00000000-0000-4000-8000-000000000001';
const DAY = 86_400_000;
const opened = Date.parse('2026-03-02T09:00:00.000Z');

/** An MLA transmitted on `opened`, with the scan of the acknowledgment letter attached. */
function transmitted(): ProcessSnapshot {
  const start = openProcess(
    mlaDefinition,
    {
      processId: 'mla-paper',
      type: 'mla',
      legalBasis: 'UNTOC',
      priority: 'normal',
      handlingCode: 'H1',
      parties: {
        requesting: { agencyId: 'fr-central-authority', state: 'FR' },
        requested: { agencyId: 'es-central-authority', state: 'ES' },
      },
    },
    opened - DAY,
  );
  const withTranslation = { ...start, stage: 'ca-review', facts: { translation: 'es' } };
  const sent = applyTransition(
    mlaDefinition,
    withTranslation,
    decide(mlaDefinition, withTranslation, { action: 'transmit' }, coordinator),
    opened,
  );
  return {
    ...sent,
    facts: {
      ...sent.facts,
      documents: [{ documentId: scan, kind: 'correspondence', sha256: 'a'.repeat(64), size: 9 }],
    },
  };
}

function refusal(fn: () => unknown): { code: string; details: readonly string[] } | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, details: err.details };
    throw err;
  }
  return undefined;
}

const received = (at: number, more: Record<string, unknown> = {}) => ({
  channel: 'post',
  at: new Date(at).toISOString(),
  reference: 'RR 1234 5678 9ES',
  onBehalfOf: 'requested',
  documents: [scan],
  ...more,
});

describe('a step taken outside Comity', () => {
  it('is recorded for a party reached by post, dated when the letter arrived, and its deadlines run from that date', () => {
    const before = transmitted();
    const letter = opened + 3 * DAY;
    const now = opened + 10 * DAY;
    const transition = decide(
      mlaDefinition,
      before,
      { action: 'acknowledge', offChannel: received(letter) },
      coordinator,
      now,
    );
    expect(transition).toMatchObject({
      action: 'acknowledge',
      to: 'acknowledged',
      offChannel: {
        channel: 'post',
        at: new Date(letter).toISOString(),
        reference: 'RR 1234 5678 9ES',
        onBehalfOf: { party: 'requested', agencyId: 'es-central-authority' },
        documents: [scan],
      },
    });
    const after = applyTransition(mlaDefinition, before, transition, letter);
    expect(after.stageSince).toBe(new Date(letter).toISOString());
    const execution = after.deadlines.find((d) => d.status === 'running');
    expect(execution?.startedAt).toBe(new Date(letter).toISOString());
    // The same deadline as an acknowledgment through Comity on that day would start.
    const online = applyTransition(
      mlaDefinition,
      before,
      decide(mlaDefinition, before, { action: 'acknowledge' }, requestedAgency),
      letter,
    );
    expect(after.deadlines).toEqual(online.deadlines);
  });

  it("is the coordinator's own step on paper when it names no party (a request sent through the diplomatic channel)", () => {
    const start = { ...transmitted(), stage: 'ca-review', stageSince: new Date(opened - DAY).toISOString() };
    const sent = opened - DAY / 2;
    const t = decide(
      mlaDefinition,
      start,
      { action: 'transmit', offChannel: { channel: 'diplomatic', at: new Date(sent).toISOString() } },
      coordinator,
      opened,
    );
    expect(t.offChannel).toEqual({ channel: 'diplomatic', at: new Date(sent).toISOString(), documents: [] });
  });

  it('is refused when dated before an expiry the process already recorded in its stage', () => {
    const before = transmitted();
    const expiredAt = opened + 30 * DAY;
    const lapsed = {
      ...before,
      deadlines: before.deadlines.map((d) =>
        d.id === 'recognition' ? { ...d, dueAt: new Date(expiredAt).toISOString(), status: 'expired' as const } : d,
      ),
    };
    const late = refusal(() =>
      decide(
        mlaDefinition,
        lapsed,
        { action: 'acknowledge', offChannel: received(opened + DAY) },
        coordinator,
        expiredAt + DAY,
      ),
    );
    expect(late?.code).toBe(DomainErrorCode.PreconditionUnmet);
    expect(late?.details.join('; ')).toMatch(/before the recorded expiry of 'Acknowledge \(recognise\) the request'/);
    // Dated after the expiry, it is recorded (the expiry stands).
    expect(
      decide(
        mlaDefinition,
        lapsed,
        { action: 'acknowledge', offChannel: received(expiredAt + 1) },
        coordinator,
        expiredAt + DAY,
      ).offChannel?.at,
    ).toBe(new Date(expiredAt + 1).toISOString());
  });

  it('is dated no earlier than the last change of a process that never kept when its stage began', () => {
    const { stageSince: _, ...older } = { ...transmitted(), updatedAt: new Date(opened + 5 * DAY).toISOString() };
    const refused = refusal(() =>
      decide(
        mlaDefinition,
        older,
        { action: 'acknowledge', offChannel: received(opened + DAY) },
        coordinator,
        opened + 9 * DAY,
      ),
    );
    expect(refused?.code).toBe(DomainErrorCode.PreconditionUnmet);
  });

  it.each([
    [
      'an agency records it',
      requestedAgency,
      received(opened + DAY),
      DomainErrorCode.ActorNotPermitted,
      /only a coordinator/,
    ],
    [
      'it names a party that is not one of the process',
      coordinator,
      received(opened + DAY, { onBehalfOf: 'requested:de-police' }),
      DomainErrorCode.PayloadInvalid,
      /offChannel.onBehalfOf: 'requested:de-police' is not a party/,
    ],
    [
      'the party does not take that action',
      coordinator,
      received(opened + DAY, { onBehalfOf: 'requesting' }),
      DomainErrorCode.ActorNotPermitted,
      /the requesting party does not take this action/,
    ],
    [
      'a scan is not attached to the process',
      coordinator,
      received(opened + DAY, { documents: ['doc-00000000-0000-4000-8000-000000000009'] }),
      DomainErrorCode.PreconditionUnmet,
      /attach the scans first: doc-00000000-0000-4000-8000-000000000009 is not attached/,
    ],
    [
      'it is dated before the process reached its stage',
      coordinator,
      received(opened - 1),
      DomainErrorCode.PreconditionUnmet,
      /is before the process reached stage 'transmitted'/,
    ],
    [
      'it is dated in the future',
      coordinator,
      received(opened + 11 * DAY),
      DomainErrorCode.PreconditionUnmet,
      /is in the future/,
    ],
    [
      'its channel is not one outside Comity',
      coordinator,
      received(opened + DAY, { channel: 'comity' }),
      DomainErrorCode.PayloadInvalid,
      /offChannel.channel/,
    ],
    [
      'its reference is free text',
      coordinator,
      received(opened + DAY, { reference: 'see <script>' }),
      DomainErrorCode.PayloadInvalid,
      /offChannel.reference/,
    ],
    [
      'it carries a field of its own',
      coordinator,
      received(opened + DAY, { recordedBy: 'someone else' }),
      DomainErrorCode.PayloadInvalid,
      /offChannel/,
    ],
  ])('is refused when %s', (_, actor, offChannel, code, detail) => {
    const refused = refusal(() =>
      decide(mlaDefinition, transmitted(), { action: 'acknowledge', offChannel }, actor, opened + 10 * DAY),
    );
    expect(refused?.code).toBe(code);
    expect(refused?.details.join('; ')).toMatch(detail);
  });
});
