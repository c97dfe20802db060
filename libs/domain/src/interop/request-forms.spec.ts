import { eioAnnexA, unodcMla, type RequestFacts } from './request-forms';

const facts: RequestFacts = {
  processId: 'mla-1',
  legalBasis: 'EU-EIO',
  priority: 'urgent',
  parties: {
    requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
    requested: { agencyId: 'gr-ministry-of-justice', state: 'GR' },
  },
  offence: 'migrant-smuggling',
  data: {
    summary: 'A network moving migrants from Izmir to Lesvos by night.',
    measures: ['bank records of account GR16 0110 1250 0000 0001 2300 695', 'hearing of the boat driver'],
    legalClassification: 'art. 12 d.lgs. 286/1998',
  },
  translation: 'el',
  documents: [{ kind: 'translation', language: 'el', sha256: 'a'.repeat(64) }],
  deadlines: [
    { label: 'Recognise the order', dueAt: '2026-12-10T00:00:00.000Z', status: 'running' },
    { label: 'Translate', dueAt: '2026-12-01T00:00:00.000Z', status: 'met' },
  ],
  authorities: { requesting: { name: 'Ministero della Giustizia', contacts: [{ name: 'Ufficio II' }] } },
};

describe('a request in the shape of other systems’ forms', () => {
  it('fills the EIO form from the process and lists what it lacks', () => {
    const form = eioAnnexA(facts);
    expect(form.sections['A']).toEqual({ issuingState: 'IT', executingState: 'GR' });
    expect(form.sections['B']).toEqual({
      urgent: true,
      deadlines: [{ label: 'Recognise the order', dueAt: '2026-12-10T00:00:00.000Z' }],
    });
    expect(form.sections['C']).toEqual({ investigativeMeasures: facts.data['measures'] });
    expect(form.sections['G']).toMatchObject({
      annexDCategory: 'facilitation of unauthorised entry and residence',
      natureAndLegalClassification: 'art. 12 d.lgs. 286/1998',
    });
    expect(form.sections['K']).toEqual({
      issuingAuthority: { agencyId: 'it-ministry-of-justice', name: 'Ministero della Giustizia' },
      contacts: [{ name: 'Ufficio II' }],
    });
    expect(form.missing).toEqual(['E: personsConcerned (data.persons)']);
  });

  it('says everything it lacks rather than invent it, and an offence outside Annex D as such', () => {
    const bare = eioAnnexA({
      ...facts,
      offence: 'obstruction-of-justice',
      data: {},
      authorities: {},
      priority: 'normal',
    });
    expect(bare.sections['B']).toEqual({ urgent: false });
    expect(bare.sections['G']).toEqual({ annexDCategory: 'none (double criminality may be checked)' });
    expect(bare.missing).toEqual([
      'C: investigativeMeasures (data.measures)',
      'E: personsConcerned (data.persons)',
      'G: summaryOfFacts (data.summary)',
      'G: natureAndLegalClassification (data.legalClassification)',
      'K: contacts (the directory: its contacts)',
    ]);
  });

  it('fills the UNODC request writer’s headings, the authorities by their directory names', () => {
    const form = unodcMla(facts);
    expect(form.sections['parties']).toEqual({
      requestingState: 'IT',
      requestingAuthority: 'Ministero della Giustizia',
      requestedState: 'GR',
      requestedCentralAuthority: 'gr-ministry-of-justice',
    });
    expect(form.sections['facts']).toMatchObject({ offences: 'migrant-smuggling' });
    expect(form.sections['language']).toEqual({ translation: 'el' });
    expect(form.missing).toEqual(['persons: concerned (data.persons)']);
  });
});
