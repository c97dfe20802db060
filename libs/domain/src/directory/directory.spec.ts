import { definitionOf } from '../processes/process-registry';
import {
  competentAuthorities,
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
