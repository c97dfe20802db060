import { readFileSync } from 'node:fs';
import path from 'node:path';
import { refusalBySection } from './action-form';
import type { ProcessType } from './api-types';
import { initialValues, startBody, startForm, valuesOfBody } from './start-form';

/** The start requests as the API publishes them (docs/openapi.json, checked against the code by the API's tests). */
const published = JSON.parse(readFileSync(path.join(__dirname, '../../../../docs/openapi.json'), 'utf8')) as {
  paths: Record<
    string,
    { post: { requestBody: { content: { 'application/json': { schema: { oneOf: object[] } } } } } }
  >;
};
const startRequest = (type: string) =>
  published.paths['/api/v1/processes']?.post.requestBody.content['application/json'].schema.oneOf.find(
    (s) => (s as { title: string }).title === type,
  ) as Record<string, unknown>;
const definition = (type: string, legalBases: ProcessType['legalBases']) =>
  ({ type, startRequest: startRequest(type), legalBases }) as unknown as ProcessType;

const mla = startForm(
  definition('mla', [
    { id: 'UNTOC', name: 'UN Convention against Transnational Organized Crime', states: null },
    { id: 'EU-EIO', name: 'European Investigation Order', states: ['FR', 'NL'] },
  ]),
);

describe('startForm', () => {
  it('asks for the facts, one set of fields per party slot, and the type’s data', () => {
    expect(mla.facts.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['legalBasis', 'choice', true],
      ['offence', 'choice', false],
      ['priority', 'choice', false],
      ['handlingCode', 'choice', false],
    ]);
    expect(mla.facts.fields[0]?.optionLabels['EU-EIO']).toBe('EU-EIO: European Investigation Order (between 2 states)');
    expect(mla.parties.map((p) => [p.slot, p.optional])).toEqual([
      ['requesting', false],
      ['requested', false],
    ]);
    expect(mla.parties[0]?.form.fields.map((f) => [f.name, f.required, f.hint])).toEqual([
      ['agencyId', false, 'letters, digits and . _ : -; at most 100 characters'],
      ['state', true, 'a two-letter country code such as FR'],
    ]);
    expect(mla.data.fields).toEqual([]);
    const exchange = startForm(definition('law-enforcement-exchange', []));
    expect(exchange.data.fields.map((f) => [f.name, f.kind, f.options])).toEqual([
      ['accessibility', 'choice', ['directly-accessible', 'indirectly-accessible']],
    ]);
  });

  it('marks an optional slot and says what stands in for it', () => {
    const extradition = startForm(definition('extradition', []));
    const prosecutor = extradition.parties.find((p) => p.slot === 'prosecutor');
    expect(prosecutor).toMatchObject({ optional: true, description: expect.stringMatching(/requested party acts/) });
  });

  it('starts from the defaults: normal priority, the case’s handling code', () => {
    expect(initialValues(mla, 'H2').facts).toEqual({ priority: 'normal', handlingCode: 'H2' });
    expect(initialValues(mla).facts).toEqual({ priority: 'normal' });
  });
});

describe('startBody', () => {
  const parties = { requesting: { agencyId: 'nl-om', state: 'NL' }, requested: { agencyId: 'fr-pj', state: 'FR' } };

  it('builds the request the API takes, in the case, with the page’s key', () => {
    const checked = startBody(
      mla,
      { facts: { legalBasis: 'EU-EIO', priority: 'urgent', offence: '', handlingCode: '' }, parties, data: {} },
      'case-7',
      'page-key-1',
    );
    expect(checked).toEqual({
      ok: true,
      body: {
        type: 'mla',
        caseId: 'case-7',
        legalBasis: 'EU-EIO',
        priority: 'urgent',
        parties,
        data: {},
        idempotencyKey: 'page-key-1',
      },
    });
  });

  it('says what is wrong in each part and sends nothing', () => {
    const checked = startBody(
      mla,
      { facts: { legalBasis: '' }, parties: { requesting: { agencyId: 'nl om', state: 'nl' } }, data: {} },
      'case-7',
      'k',
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        facts: { legalBasis: 'Legal basis is required.' },
        parties: {
          requesting: {
            agencyId: 'Agency id must be letters, digits and . _ : -; at most 100 characters.',
            state: 'State must be a two-letter country code such as FR.',
          },
          requested: { state: 'State is required.' },
        },
        data: {},
      },
    });
  });

  it('shows a body sent before as it was, and builds the same body from it', () => {
    const values = {
      facts: { legalBasis: 'EU-EIO', priority: 'urgent', offence: '', handlingCode: '' },
      parties,
      data: {},
    };
    const sent = startBody(mla, values, 'case-7', 'k1');
    if (!sent.ok) throw new Error('expected a body');
    const shown = valuesOfBody(mla, sent.body);
    expect(shown.parties).toEqual(parties);
    expect(startBody(mla, shown, 'case-7', 'k1')).toEqual(sent);
  });

  it('leaves out an optional party left blank, and checks one begun', () => {
    const extradition = startForm(definition('extradition', [{ id: 'ECE', name: 'ECE', states: null }]));
    const values = (prosecutor: Record<string, string>) => ({
      facts: { legalBasis: 'ECE' },
      parties: { ...parties, prosecutor },
      data: {},
    });
    const blank = startBody(extradition, values({ agencyId: ' ', state: '' }), 'c-1', 'k');
    expect(blank.ok && blank.body['parties']).toEqual(parties);
    const begun = startBody(extradition, values({ agencyId: 'fr-parquet', state: '' }), 'c-1', 'k');
    expect(begun.ok ? begun : begun.errors.parties).toEqual({ prosecutor: { state: 'State is required.' } });
  });
});

describe('a refused start', () => {
  it('puts each of the server’s details at the part and field it names', () => {
    const sections = [
      { form: mla.facts, values: {}, prefix: '' },
      ...mla.parties.map((p) => ({ form: p.form, values: {}, prefix: `parties.${p.slot}` })),
      { form: mla.data, values: {}, prefix: 'data' },
    ];
    const refusal = refusalBySection(sections, 'The request was refused', [
      'legalBasis: EU-EIO does not apply to extradition',
      'parties.requested.state: LY is not bound by EU-EIO (it binds: FR, NL)',
      'parties.requesting: required for mla',
    ]);
    expect(refusal.fields).toEqual([
      { legalBasis: 'Legal basis: EU-EIO does not apply to extradition' },
      {},
      { state: 'State: LY is not bound by EU-EIO (it binds: FR, NL)' },
      {},
    ]);
    // A detail about a slot as a whole, not one of its fields, is the form's.
    expect(refusal.form).toEqual(['The request was refused', 'parties.requesting: required for mla']);
  });
});

describe('the open-case form', () => {
  it('draws the body of POST /cases exactly as the API publishes it', async () => {
    // cases.ts is a page module: the schema it draws from is compared with the published one here.
    const { OPEN_CASE_SCHEMA } = await import('./cases');
    const openCase = published.paths['/api/v1/cases']?.post.requestBody.content['application/json'].schema;
    expect(OPEN_CASE_SCHEMA).toEqual(openCase);
  });
});
