import { createHash } from 'node:crypto';
import { documentSealingKeys, parseActionKeys, signDocumentLink } from '@comity/auth';
import type { Actor } from '@comity/domain';
import { agencyTask } from '@comity/events';
import { registerTestAgency, type TestAgency } from '../support/agency-channel';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * The directory of competent authorities through the real stack: imported in versions (checked,
 * never overwritten by a stale edit), asked who is competent, used to find and check the parties
 * of a process at its start, and to refuse sending a request that lacks what the receiving
 * authority requires — until a translation document is attached.
 */
const admin: Actor = { userId: 'admin-1', role: 'admin' };
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-ministry-of-justice' };

const directory = {
  states: [
    {
      code: 'IT',
      name: 'Italy',
      authorities: [
        {
          id: 'it-ministry-of-justice',
          name: 'Ministero della Giustizia, central authority',
          competences: [{ processTypes: ['mla', 'extradition'] }],
          languages: ['it', 'en', 'fr'],
          channels: [{ kind: 'comity' }],
        },
      ],
    },
    {
      code: 'LY',
      name: 'Libya',
      authorities: [
        {
          id: 'ly-attorney-general',
          name: 'Office of the Attorney General',
          competences: [
            { processTypes: ['mla'], legalBases: ['UNTOC'], measures: ['bank records', 'witness hearings'] },
          ],
          languages: ['ar'],
          channels: [{ kind: 'comity' }, { kind: 'diplomatic', address: 'Ministry of Foreign Affairs, Tripoli' }],
          contacts: [{ name: 'International cooperation desk', email: 'coop@example.ly', phone: '+218 21 000 0000' }],
          requirements: [
            {
              id: 'arabic-translation',
              kind: 'translation',
              description: 'A translation of the request into Arabic',
              processTypes: ['mla'],
            },
          ],
        },
        {
          id: 'ly-police',
          name: 'Criminal Investigation Department',
          competences: [{ processTypes: ['law-enforcement-exchange'] }],
          languages: ['ar', 'en'],
          channels: [{ kind: 'email', address: 'cid@example.ly' }],
        },
      ],
    },
    {
      code: 'TN',
      name: 'Tunisia',
      authorities: [
        {
          id: 'tn-justice',
          name: 'Ministère de la Justice',
          competences: [{ processTypes: ['mla'] }],
          languages: ['ar', 'fr'],
          channels: [{ kind: 'comity' }],
        },
        {
          id: 'tn-prosecutor',
          name: 'Parquet de Tunis',
          competences: [{ processTypes: ['mla'] }],
          languages: ['ar', 'fr'],
          channels: [{ kind: 'comity' }],
        },
      ],
    },
  ],
};

let stack: Stack;
let libya: TestAgency;

beforeAll(async () => {
  stack = await startStack('sqlite', 3275);
  libya = await registerTestAgency(stack.environment, stack.base, 'ly-attorney-general');
}, 180_000);

afterAll(async () => {
  await libya?.close();
  await stack?.stop();
}, 60_000);

const put = (actor: Actor, body: unknown) =>
  stack.api
    .as(actor)
    .put<{ version: number; code?: string; details?: string[]; sha256?: string }>('/api/v1/directory', body);

async function start(parties: Record<string, { agencyId?: string; state: string }>, type = 'mla') {
  return stack.api.as(coordinator).post<{ id: string; code?: string; details?: string[] }>('/api/v1/processes', {
    type,
    legalBasis: 'UNTOC',
    parties,
  });
}

it('imports versions it has checked, refuses a stale or malformed one, and says who is competent', async () => {
  expect((await stack.api.as(coordinator).get('/api/v1/directory')).body).toMatchObject({ version: 0, states: [] });
  expect((await put(coordinator, { basedOn: 0, ...directory })).status).toBe(403);

  const broken = structuredClone(directory) as unknown as {
    states: { authorities: Record<string, unknown>[] }[];
  };
  broken.states[1]!.authorities[1]!['id'] = 'ly-attorney-general';
  broken.states[0]!.authorities[0]!['languages'] = ['Italian'];
  broken.states[2]!.authorities[0]!['requirements'] = [{ id: 'copy', kind: 'document', description: 'a copy' }];
  const refused = await put(admin, { basedOn: 0, ...broken });
  expect(refused.status).toBe(400);
  expect(refused.body.details).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^body\.states\.0\.authorities\.0\.languages\.0: an ISO 639-1 code/),
      expect.stringMatching(/^body\.states\.2\.authorities\.0\.requirements\.0\.documentKind: /),
    ]),
  );
  const twice = await put(admin, { basedOn: 0, states: [directory.states[1], directory.states[1]] });
  expect(twice.body.details?.join('\n')).toMatch(/body\.states\.1\.code: state LY is listed twice/);
  expect((await stack.api.as(admin).get('/api/v1/directory')).body).toMatchObject({ version: 0 });

  const imported = await put(admin, { basedOn: 0, note: 'first import', ...directory });
  expect(imported).toMatchObject({ status: 201, body: { version: 1 } });
  const stale = await put(admin, { basedOn: 0, ...directory });
  expect(stale).toMatchObject({ status: 409, body: { code: 'DIRECTORY_CHANGED' } });
  const versions = await stack.api
    .as(italy)
    .get<{ items: { version: number; sha256: string }[] }>('/api/v1/directory/versions');
  expect(versions.body.items).toEqual([expect.objectContaining({ version: 1, sha256: imported.body.sha256 })]);
  expect((await stack.api.as(italy).get('/api/v1/directory/versions/1')).body).toMatchObject({
    version: 1,
    note: 'first import',
  });
  expect((await stack.api.as(italy).get('/api/v1/directory/versions/7')).status).toBe(404);

  const competent = await stack.api
    .as(italy)
    .get<{ items: { authority: { id: string }; requirements: { id: string }[] }[] }>(
      '/api/v1/directory/competent?state=LY&processType=mla&legalBasis=UNTOC',
    );
  expect(competent.body.items.map((i) => [i.authority.id, i.requirements.map((r) => r.id)])).toEqual([
    ['ly-attorney-general', ['arabic-translation']],
  ]);
  expect(
    (await stack.api.as(italy).get('/api/v1/directory/competent?state=Libya&processType=mla&legalBasis=UNTOC')).status,
  ).toBe(400);
}, 60_000);

it('finds the competent authority a start names only by state, and refuses one that is not competent', async () => {
  const requesting = { agencyId: 'it-ministry-of-justice', state: 'IT' };
  const found = await start({ requesting, requested: { state: 'LY' } });
  expect(found.status).toBe(201);
  const process = await stack.api
    .as(coordinator)
    .get<{ parties: Record<string, { agencyId: string }>; directoryVersion?: number }>(
      `/api/v1/processes/${found.body.id}`,
    );
  expect(process.body.parties['requested']).toMatchObject({ agencyId: 'ly-attorney-general', state: 'LY' });
  // The process keeps the version it was found in, so what was decided can be read against it later.
  expect(process.body.directoryVersion).toBe(1);

  const wrong = await start({ requesting, requested: { agencyId: 'ly-police', state: 'LY' } });
  expect(wrong).toMatchObject({ status: 409, body: { code: 'AUTHORITY_NOT_COMPETENT' } });
  expect(wrong.body.details?.[0]).toMatch(
    /^body\.parties\.requested\.agencyId: competent for mla under UNTOC in LY: ly-attorney-general/,
  );
  const two = await start({ requesting, requested: { state: 'TN' } });
  expect(two).toMatchObject({ status: 409, body: { code: 'AUTHORITY_AMBIGUOUS' } });
  expect(two.body.details?.[0]).toMatch(/tn-justice, tn-prosecutor/);
  // A state the directory does not cover: the agency named is kept; none named is refused.
  expect((await start({ requesting, requested: { agencyId: 'eg-public-prosecution', state: 'EG' } })).status).toBe(201);
  expect(await start({ requesting, requested: { state: 'EG' } })).toMatchObject({
    status: 409,
    body: { code: 'NO_COMPETENT_AUTHORITY' },
  });
}, 60_000);

it('refuses to send a request without what the receiving authority requires, then sends it once attached', async () => {
  const { body } = await start({
    requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
    requested: { state: 'LY' },
  });
  const id = body.id;
  const act = (actor: Actor, action: string, payload?: unknown) =>
    stack.api.as(actor).post<{ stage: string; code?: string; details?: string[] }>(`/api/v1/processes/${id}/actions`, {
      action,
      payload,
    });
  expect((await act(italy, 'submit-for-review')).status).toBe(200);
  expect((await act(coordinator, 'record-translation', { language: 'ar' })).status).toBe(200);
  const refused = await act(coordinator, 'transmit');
  expect(refused).toMatchObject({ status: 409, body: { code: 'REQUIREMENT_UNMET' } });
  expect(refused.body.details).toEqual([
    'requirement arabic-translation of ly-attorney-general: A translation of the request into Arabic',
  ]);
  expect((await stack.api.as(coordinator).get(`/api/v1/processes/${id}`)).body).toMatchObject({ stage: 'ca-review' });

  // A translation into another language does not meet it; one into Arabic does.
  const documents = `/api/v1/processes/${id}/documents`;
  const upload = async (language: string) => {
    const text = Buffer.from(`طلب المساعدة القانونية المتبادلة ${language}`);
    const started = await stack.api.as(coordinator).post<{ id: string }>(documents, {
      kind: 'translation',
      name: 'request-ar.txt',
      mediaType: 'text/plain',
      size: text.length,
      language,
    });
    expect(started.status).toBe(201);
    const res = await fetch(`${stack.base}${documents}/${started.body.id}/parts/1`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await stack.environment.token(coordinator)}`,
        'content-type': 'application/octet-stream',
      },
      body: text,
    });
    expect(res.status).toBe(200);
    expect((await stack.api.as(coordinator).post(`${documents}/${started.body.id}/complete`, {})).status).toBe(202);
    await waitFor(`translation ${language} checked`, async () => {
      const doc = await stack.api.as(coordinator).get<{ status: string }>(`${documents}/${started.body.id}`);
      return doc.body.status === 'available' ? true : undefined;
    });
    expect((await act(coordinator, 'attach-document', { documentId: started.body.id })).status).toBe(200);
  };
  expect(
    (
      await stack.api
        .as(coordinator)
        .post(documents, { kind: 'translation', name: 'x.txt', mediaType: 'text/plain', size: 1 })
    ).body,
  ).toMatchObject({ code: 'VALIDATION_FAILED' });
  await upload('fr');
  expect((await act(coordinator, 'transmit')).body.code).toBe('REQUIREMENT_UNMET');
  await upload('ar');
  expect(await act(coordinator, 'transmit')).toMatchObject({ status: 200, body: { stage: 'transmitted' } });

  // The requested authority's task lists the documents, each with a link signed for it alone.
  const message = await libya.tasks.until(`the task for ${id} in transmitted`, (m) => {
    const data = JSON.parse(m.content).data;
    return data.processId === id && data.stage === 'transmitted';
  });
  const task = agencyTask.parse(JSON.parse(message.content));
  expect(task.data.documents?.map((d) => [d.kind, d.language])).toEqual([
    ['translation', 'fr'],
    ['translation', 'ar'],
  ]);
  const [, arabic] = task.data.documents!;
  expect(arabic?.link?.url).toMatch(new RegExp(`^${stack.base}/api/v1/document-links/`));
  const fetchAs = async (actor: Actor, url: string) =>
    fetch(url, { headers: { authorization: `Bearer ${await stack.environment.token(actor)}` } });
  const ly: Actor = { userId: 'ly-clerk', role: 'agency', agencyId: 'ly-attorney-general' };
  const got = await fetchAs(ly, arabic!.link!.url);
  expect(got.status).toBe(200);
  expect(
    createHash('sha256')
      .update(Buffer.from(await got.arrayBuffer()))
      .digest('hex'),
  ).toBe(arabic!.sha256);
  expect(await (await fetchAs(italy, arabic!.link!.url)).json()).toMatchObject({ code: 'LINK_NOT_YOURS' });
  const url = arabic!.link!.url;
  const at = url.length - 10; // inside the signature, away from its last character's padding bits
  const forged = `${url.slice(0, at)}${url[at] === 'A' ? 'B' : 'A'}${url.slice(at + 1)}`;
  expect(await (await fetchAs(ly, forged)).json()).toMatchObject({ code: 'LINK_INVALID' });
  const [key] = documentSealingKeys(parseActionKeys(stack.environment.env['COMITY_ACTION_KEYS']));
  const expired = await signDocumentLink(
    {
      documentId: arabic!.documentId,
      processId: id,
      agencyId: 'ly-attorney-general',
      exp: Math.floor(Date.now() / 1000) - 1,
    },
    key!,
  );
  expect((await fetchAs(ly, `${stack.base}/api/v1/document-links/${expired}`)).status).toBe(410);
  const custody = await stack.api
    .as(coordinator)
    .get<{ links: { event: string; detail: Record<string, unknown> }[] }>(`${documents}/${arabic!.documentId}/custody`);
  expect(custody.body.links.filter((l) => l.event === 'downloaded').map((l) => l.detail['via'])).toEqual(['link']);
}, 120_000);
