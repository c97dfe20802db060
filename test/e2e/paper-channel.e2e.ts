import type { Actor } from '@comity/domain';
import { registerTestAgency } from '../support/agency-channel';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * Paper and post through the real stack: an Italian MLA to an authority the directory lists as
 * reached by post and through the diplomatic channel. The central authority records the request
 * sent by note verbale and the answer received by registered post, each with its scan and the
 * date it was taken; the deadlines run from those dates, the timeline and the audit chain keep
 * how each step went, and what may not be recorded is refused, naming the field.
 */
const admin: Actor = { userId: 'admin-1', role: 'admin' };
const coordinator: Actor = { userId: 'registry-clerk', role: 'coordinator' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-ministry-of-justice' };
const DAY = 86_400_000;

const directory = {
  states: [
    {
      code: 'IT',
      name: 'Italy',
      authorities: [
        {
          id: 'it-ministry-of-justice',
          name: 'Ministero della Giustizia, central authority',
          competences: [{ processTypes: ['mla'] }],
          languages: ['it', 'en', 'fr'],
          channels: [{ kind: 'comity' }],
        },
      ],
    },
    {
      code: 'HT',
      name: 'Haiti',
      authorities: [
        {
          id: 'ht-ministry-of-justice',
          name: 'Ministère de la Justice et de la Sécurité publique',
          competences: [{ processTypes: ['mla'] }],
          languages: ['fr'],
          channels: [
            { kind: 'diplomatic', address: 'Ministère des Affaires étrangères, Port-au-Prince' },
            { kind: 'post', address: '18 avenue Charles Sumner, Port-au-Prince' },
          ],
        },
      ],
    },
  ],
};

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('sqlite', 3283);
  expect((await stack.api.as(admin).put('/api/v1/directory', { basedOn: 0, ...directory })).status).toBe(201);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

interface Deadline {
  readonly id: string;
  readonly startedAt: string;
  readonly status: string;
}
interface Answer {
  readonly stage: string;
  readonly deadlines: Deadline[];
  readonly code?: string;
  readonly details?: string[];
}

/** Uploads a scan (a PDF), waits for it to be checked, and attaches it to the process. */
async function attachScan(processId: string, name: string): Promise<string> {
  const documents = `/api/v1/processes/${processId}/documents`;
  const bytes = Buffer.from(`%PDF-1.7\n% ${name}: a scanned letter\n%%EOF\n`);
  const started = await stack.api.as(coordinator).post<{ id: string }>(documents, {
    kind: 'correspondence',
    name,
    mediaType: 'application/pdf',
    size: bytes.length,
    language: 'fr',
  });
  expect(started.status).toBe(201);
  const part = await fetch(`${stack.base}${documents}/${started.body.id}/parts/1`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${await stack.environment.token(coordinator)}`,
      'content-type': 'application/octet-stream',
    },
    body: bytes,
  });
  expect(part.status).toBe(200);
  expect((await stack.api.as(coordinator).post(`${documents}/${started.body.id}/complete`, {})).status).toBe(202);
  await waitFor(`${name} checked`, async () => {
    const doc = await stack.api.as(coordinator).get<{ status: string }>(`${documents}/${started.body.id}`);
    return doc.body.status === 'available' ? true : undefined;
  });
  const attached = await stack.api.as(coordinator).post(`/api/v1/processes/${processId}/actions`, {
    action: 'attach-document',
    payload: { documentId: started.body.id },
  });
  expect(attached.status).toBe(200);
  return started.body.id;
}

it('records a request sent by note verbale and an answer received by post, with their scans, and runs the deadlines from their dates', async () => {
  // Drafted on the paper file three days ago, registered in Comity today.
  const draftedAt = new Date(Date.now() - 3 * DAY).toISOString();
  const start = (offChannel: Record<string, unknown>) =>
    stack.api.as(coordinator).post<{ id: string; code?: string; details?: string[] }>('/api/v1/processes', {
      type: 'mla',
      legalBasis: 'UNTOC',
      parties: { requesting: { state: 'IT' }, requested: { state: 'HT' } },
      offence: 'migrant-smuggling',
      // H2: an auditor sees the process but not what its steps carried.
      handlingCode: 'H2',
      data: { summary: 'Crossings organised from Cap-Haïtien', measures: ['hearing of the boat owner'] },
      offChannel,
    });
  const longAgo = await start({ channel: 'by-hand', at: new Date(Date.now() - 400 * DAY).toISOString() });
  expect(longAgo).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  expect(longAgo.body.details).toEqual([expect.stringMatching(/^body\.offChannel\.at: .* is more than a year ago$/)]);
  const started = await start({ channel: 'by-hand', at: draftedAt, reference: 'IT-MLA-2026-0042' });
  expect(started.status).toBe(201);
  const id = started.body.id;
  const act = (actor: Actor, body: Record<string, unknown>) =>
    stack.api.as(actor).post<Answer>(`/api/v1/processes/${id}/actions`, body);
  const reviewedAt = new Date(Date.parse(draftedAt) + 3_600_000).toISOString();
  const reviewed = await act(coordinator, {
    action: 'submit-for-review',
    offChannel: { channel: 'by-hand', at: reviewedAt },
  });
  expect(reviewed).toMatchObject({ status: 200, body: { stage: 'ca-review' } });
  // The central authority's time to have it translated and sent runs from the paper file's date.
  expect(reviewed.body.deadlines.find((d) => d.id === 'translation')?.startedAt).toBe(reviewedAt);
  expect((await act(coordinator, { action: 'record-translation', payload: { language: 'fr' } })).status).toBe(200);

  const noteVerbale = await attachScan(id, 'note-verbale-117.pdf');
  const sentAt = new Date(Date.now() - 2 * DAY).toISOString();
  // Only the central authority keeps the register of what goes and comes outside Comity.
  const byAgency = await act(italy, {
    action: 'transmit',
    offChannel: { channel: 'diplomatic', at: sentAt, documents: [noteVerbale] },
  });
  expect(byAgency).toMatchObject({ status: 403, body: { code: 'ACTOR_NOT_PERMITTED' } });
  const badField = await act(coordinator, {
    action: 'transmit',
    offChannel: { channel: 'pigeon', at: sentAt },
  });
  expect(badField).toMatchObject({ status: 400 });
  expect(badField.body.details?.join('\n')).toMatch(/offChannel\.channel/);

  const sent = await act(coordinator, {
    action: 'transmit',
    offChannel: { channel: 'diplomatic', at: sentAt, reference: 'NV 2026/117', documents: [noteVerbale] },
    idempotencyKey: 'transmit-by-note-verbale-117',
  });
  expect(sent).toMatchObject({ status: 200, body: { stage: 'transmitted' } });
  // The requested side's time to acknowledge runs from the day the note verbale went, not today.
  const recognition = sent.body.deadlines.find((d) => d.id === 'recognition');
  expect(recognition).toMatchObject({ status: 'running', startedAt: sentAt });

  // The coordinator is offered what may be recorded for the authority reached by post; an agency is not.
  const shown = await stack.api.as(coordinator).get<{ offChannelParties?: unknown }>(`/api/v1/processes/${id}`);
  expect(shown.body.offChannelParties).toEqual([
    {
      party: 'requested',
      agencyId: 'ht-ministry-of-justice',
      actions: [expect.objectContaining({ action: 'acknowledge', label: 'Acknowledge receipt' })],
    },
  ]);
  expect((await stack.api.as(italy).get<Record<string, unknown>>(`/api/v1/processes/${id}`)).body).not.toHaveProperty(
    'offChannelParties',
  );
  // Italy answers through Comity: nobody records its steps for it.
  const forComityParty = await act(coordinator, {
    action: 'acknowledge',
    offChannel: { channel: 'post', at: new Date().toISOString(), onBehalfOf: 'requesting' },
  });
  expect(forComityParty).toMatchObject({ status: 409, body: { code: 'PARTY_NOT_OFF_CHANNEL' } });
  expect(forComityParty.body.details?.[0]).toMatch(/^body\.offChannel\.onBehalfOf: 'requesting' is it-ministry/);

  const letter = await attachScan(id, 'accuse-de-reception.pdf');
  const receivedAt = new Date(Date.now() - DAY).toISOString();
  const tooEarly = await act(coordinator, {
    action: 'acknowledge',
    offChannel: { channel: 'post', at: new Date(Date.parse(sentAt) - DAY).toISOString(), onBehalfOf: 'requested' },
  });
  expect(tooEarly).toMatchObject({ status: 409, body: { code: 'PRECONDITION_UNMET' } });
  expect(tooEarly.body.details?.join('\n')).toMatch(/before the process reached stage 'transmitted'/);
  const unattached = await act(coordinator, {
    action: 'acknowledge',
    offChannel: {
      channel: 'post',
      at: receivedAt,
      onBehalfOf: 'requested',
      documents: ['doc-00000000-0000-4000-8000-000000000000'],
    },
  });
  expect(unattached).toMatchObject({ status: 409, body: { code: 'PRECONDITION_UNMET' } });
  expect((await stack.api.as(coordinator).get<Answer>(`/api/v1/processes/${id}`)).body.stage).toBe('transmitted');

  const acknowledged = await act(coordinator, {
    action: 'acknowledge',
    offChannel: {
      channel: 'post',
      at: receivedAt,
      reference: 'RR 1234 5678 9HT',
      onBehalfOf: 'requested',
      documents: [letter],
    },
  });
  expect(acknowledged).toMatchObject({ status: 200, body: { stage: 'acknowledged' } });
  expect(acknowledged.body.deadlines.find((d) => d.id === 'recognition')?.status).toBe('met');
  expect(acknowledged.body.deadlines.find((d) => d.status === 'running')?.startedAt).toBe(receivedAt);

  // The timeline and the audit chain keep how and when each step was taken, and who recorded it.
  const timeline = await waitFor('both paper steps projected', async () => {
    const { body } = await stack.api
      .as(coordinator)
      .get<{ items: { action: string; actor: Actor; occurredAt: string; offChannel?: unknown }[] }>(
        `/api/v1/processes/${id}/timeline`,
      );
    return body.items.some((i) => i.action === 'acknowledge') ? body.items : undefined;
  });
  expect(timeline.find((i) => i.action === 'start')?.offChannel).toEqual({
    channel: 'by-hand',
    at: draftedAt,
    reference: 'IT-MLA-2026-0042',
    documents: [],
  });
  const transmit = timeline.find((i) => i.action === 'transmit');
  expect(transmit?.offChannel).toEqual({
    channel: 'diplomatic',
    at: sentAt,
    reference: 'NV 2026/117',
    documents: [noteVerbale],
  });
  expect(Date.parse(transmit!.occurredAt)).toBeGreaterThan(Date.parse(sentAt) + DAY);
  const acknowledge = timeline.find((i) => i.action === 'acknowledge');
  expect(acknowledge).toMatchObject({
    actor: { userId: 'registry-clerk', role: 'coordinator' },
    offChannel: {
      channel: 'post',
      at: receivedAt,
      reference: 'RR 1234 5678 9HT',
      onBehalfOf: { party: 'requested', agencyId: 'ht-ministry-of-justice' },
      documents: [letter],
    },
  });
  // An auditor reads how and when each step went, not its paper reference or its scans.
  const audited = await stack.api
    .as({ userId: 'auditor-1', role: 'auditor' })
    .get<{ items: { action: string; offChannel?: unknown; payloadWithheld?: boolean }[] }>(
      `/api/v1/processes/${id}/timeline`,
    );
  expect(audited.body.items.find((i) => i.action === 'acknowledge')).toMatchObject({
    payloadWithheld: true,
    offChannel: {
      channel: 'post',
      at: receivedAt,
      onBehalfOf: { party: 'requested', agencyId: 'ht-ministry-of-justice' },
      documents: [],
    },
  });
  expect(audited.body.items.find((i) => i.action === 'acknowledge')?.offChannel).not.toHaveProperty('reference');
  // The list, from the read model, has it started when it began on paper.
  const listed = await stack.api
    .as(coordinator)
    .get<{ items: { id: string; startedAt: string }[] }>('/api/v1/processes?limit=200');
  expect(listed.body.items.find((p) => p.id === id)?.startedAt).toBe(draftedAt);
  const audit = await stack.api.as(coordinator).get<{ valid: boolean }>(`/api/v1/processes/${id}/audit`);
  expect(audit.body).toMatchObject({ valid: true });

  // The request in the EIO's and the UNODC request writer's shapes, with what it lacks said.
  const eio = await stack.api
    .as(coordinator)
    .get<{ sections: Record<string, Record<string, unknown>>; missing: string[] }>(
      `/api/v1/processes/${id}/request-form?form=eio-annex-a`,
    );
  expect(eio.status).toBe(200);
  expect(eio.body.sections['A']).toEqual({ issuingState: 'IT', executingState: 'HT' });
  expect(eio.body.sections['C']).toEqual({ investigativeMeasures: ['hearing of the boat owner'] });
  expect(eio.body.sections['K']).toEqual({
    issuingAuthority: { agencyId: 'it-ministry-of-justice', name: 'Ministero della Giustizia, central authority' },
  });
  expect(eio.body.missing).toEqual([
    'E: personsConcerned (data.persons)',
    'G: natureAndLegalClassification (data.legalClassification)',
    'K: contacts (the directory: its contacts)',
  ]);
  const unodc = await stack.api
    .as(coordinator)
    .get<{ sections: Record<string, Record<string, unknown>> }>(`/api/v1/processes/${id}/request-form?form=unodc-mla`);
  expect(unodc.body.sections['parties']).toMatchObject({
    requestedCentralAuthority: 'Ministère de la Justice et de la Sécurité publique',
  });
  const unknownForm = await stack.api
    .as(coordinator)
    .get<{ code: string; details: string[] }>(`/api/v1/processes/${id}/request-form?form=eio`);
  expect(unknownForm).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  expect(unknownForm.body.details.join('\n')).toMatch(/query\.form/);
  expect((await stack.api.as(italy).get(`/api/v1/processes/${id}/request-form?form=unodc-mla`)).status).toBe(403);

  // Once the Haitian ministry is registered on Comity's agency channel, it answers for itself:
  // whatever the directory still says, nobody records its steps for it.
  const haiti = await registerTestAgency(stack.environment, stack.base, 'ht-ministry-of-justice');
  try {
    const registered = await act(coordinator, {
      action: 'start-execution',
      offChannel: { channel: 'post', at: new Date().toISOString(), onBehalfOf: 'requested' },
    });
    expect(registered).toMatchObject({ status: 409, body: { code: 'PARTY_NOT_OFF_CHANNEL' } });
    const now = await stack.api.as(coordinator).get<{ offChannelParties?: unknown }>(`/api/v1/processes/${id}`);
    expect(now.body).not.toHaveProperty('offChannelParties');
  } finally {
    await haiti.close();
  }
}, 180_000);
