import { definitionOf } from '../processes/process-registry';
import {
  competentAuthorities,
  partnerInstallations,
  directoryContent,
  unmetOnSending,
  unmetRequirements,
  type DirectoryContent,
} from './directory';

const directory: DirectoryContent = directoryContent.parse({
  states: [
    {
      code: 'LY',
      name: 'Libya',
      authorities: [
        {
          id: 'ly-attorney-general',
          name: 'Attorney General',
          competences: [{ processTypes: ['mla'], legalBases: ['UNTOC'] }],
          languages: ['ar'],
          channels: [{ kind: 'comity' }],
          requirements: [
            { id: 'arabic', kind: 'translation', description: 'into Arabic' },
            {
              id: 'copy',
              kind: 'document',
              documentKind: 'certified-copy',
              description: 'a certified copy',
              legalBases: ['EU-EIO'],
            },
          ],
        },
        {
          id: 'ly-police',
          name: 'Police',
          competences: [{ processTypes: ['law-enforcement-exchange'] }],
          languages: ['ar'],
          channels: [{ kind: 'email' }],
        },
      ],
    },
  ],
});
const [attorney] = directory.states[0]!.authorities;

describe('the directory of competent authorities', () => {
  it('names the authorities competent for a type under an instrument, and no other', () => {
    expect(competentAuthorities(directory, 'LY', 'mla', 'UNTOC').map((a) => a.id)).toEqual(['ly-attorney-general']);
    expect(competentAuthorities(directory, 'LY', 'mla', 'ECE')).toEqual([]);
    expect(competentAuthorities(directory, 'TN', 'mla', 'UNTOC')).toEqual([]);
  });

  it('refuses what would make it ambiguous or unreadable, naming the place', () => {
    const twice = directoryContent.safeParse({ states: [directory.states[0], directory.states[0]] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        'states.1.code: state LY is listed twice',
        'states.1.authorities.0.id: authority ly-attorney-general is listed twice',
      ]),
    );
    const unknownType = directoryContent.safeParse({
      states: [{ code: 'LY', name: 'Libya', authorities: [{ ...attorney, competences: [{ processTypes: ['tea'] }] }] }],
    });
    expect(unknownType.error?.issues[0]?.path.join('.')).toBe('states.0.authorities.0.competences.0.processTypes.0');
  });

  it('meets a translation requirement only with a translation into a language the authority accepts', () => {
    const required = attorney!.requirements.filter((r) => r.id === 'arabic');
    expect(unmetRequirements(attorney!, required, [])).toHaveLength(1);
    expect(unmetRequirements(attorney!, required, [{ kind: 'translation', language: 'fr' }])).toHaveLength(1);
    expect(unmetRequirements(attorney!, required, [{ kind: 'evidence', language: 'ar' }])).toHaveLength(1);
    expect(unmetRequirements(attorney!, required, [{ kind: 'translation', language: 'ar' }])).toEqual([]);
  });

  it('checks only the action that sends the request to the authority, under the instruments its requirements name', () => {
    const mla = definitionOf('mla');
    const process = {
      stage: 'ca-review',
      type: 'mla',
      legalBasis: 'UNTOC',
      parties: {
        requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
        requested: { agencyId: 'ly-attorney-general', state: 'LY' },
      },
      facts: {},
    };
    expect(unmetOnSending(mla, process, 'transmit', directory).map((u) => u.requirement.id)).toEqual(['arabic']);
    expect(unmetOnSending(mla, process, 'record-translation', directory)).toEqual([]);
    expect(unmetOnSending(mla, { ...process, stage: 'transmitted' }, 'acknowledge', directory)).toEqual([]);
    const elsewhere = {
      ...process,
      parties: { ...process.parties, requested: { agencyId: 'eg-prosecution', state: 'EG' } },
    };
    expect(unmetOnSending(mla, elsewhere, 'transmit', directory)).toEqual([]);
  });
});

describe('a partner installation in the directory', () => {
  const sig = { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), kid: 'tr-sig-1', use: 'sig' };
  const enc = { kty: 'OKP', crv: 'X25519', x: 'B'.repeat(43), kid: 'tr-enc-1', use: 'enc' };
  const turkey = {
    id: 'comity-tr',
    endpoint: 'https://comity.adalet.example.tr:8443',
    tlsCertificateSha256: 'c'.repeat(64),
    keys: [sig, enc],
  };
  const state = (code: string, installation: unknown) => ({ code, name: code, authorities: [], installation });
  const issues = (content: unknown) =>
    directoryContent.safeParse(content).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('lists each installation once, with the states it serves', () => {
    const parsed = directoryContent.parse({
      states: [state('TR', turkey), state('CY', turkey), state('GR', undefined)],
    });
    expect(partnerInstallations(parsed)).toEqual([{ ...turkey, states: ['TR', 'CY'] }]);
  });

  it.each([
    ['a private key', { ...turkey, keys: [{ ...sig, d: 'C'.repeat(43) }, enc] }, /states\.0\.installation\.keys\.0/],
    ['an endpoint that is not https', { ...turkey, endpoint: 'http://comity.example.tr' }, /installation\.endpoint/],
    ['no encryption key', { ...turkey, keys: [sig, { ...sig, kid: 'tr-sig-2' }] }, /one encryption key/],
    ['a kid twice', { ...turkey, keys: [sig, { ...enc, kid: 'tr-sig-1' }] }, /each kid once/],
    ['a P-256 key used to sign', { ...turkey, keys: [{ ...sig, kty: 'EC', crv: 'P-256' }, enc] }, /keys\.0/],
    ['a certificate hash in capitals', { ...turkey, tlsCertificateSha256: 'C'.repeat(64) }, /tlsCertificateSha256/],
  ])('refuses %s, naming the place', (_, installation, place) => {
    expect(issues({ states: [state('TR', installation)] }).join('\n')).toMatch(place);
  });

  it('refuses one installation listed otherwise for two states', () => {
    const other = { ...turkey, endpoint: 'https://elsewhere.example.cy' };
    expect(issues({ states: [state('TR', turkey), state('CY', other)] })).toEqual([
      'states.1.installation: installation comity-tr is listed otherwise for another state: one installation, one entry',
    ]);
  });
});
