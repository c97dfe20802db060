import { filterDirectory, type DirectoryState } from './directory-model';

const states: DirectoryState[] = [
  {
    code: 'LY',
    name: 'Libya',
    authorities: [
      { id: 'ly-attorney-general', name: 'Office of the Attorney General' },
      { id: 'ly-police', name: 'Criminal Investigation Department' },
    ],
  },
  { code: 'TN', name: 'Tunisia', authorities: [{ id: 'tn-justice', name: 'Ministry of Justice' }] },
];

describe('the directory page’s filter', () => {
  it('keeps every state and authority when empty', () => {
    expect(filterDirectory(states, { state: '', text: '' })).toEqual(states);
  });

  it('narrows to one state', () => {
    expect(filterDirectory(states, { state: 'TN', text: '' }).map((s) => s.code)).toEqual(['TN']);
  });

  it('matches part of an authority’s name or id in any case, leaving out states with none left', () => {
    const byName = filterDirectory(states, { state: '', text: ' attorney ' });
    expect(byName.map((s) => [s.code, s.authorities.map((a) => a.id)])).toEqual([['LY', ['ly-attorney-general']]]);
    expect(filterDirectory(states, { state: '', text: 'TN-JUS' }).map((s) => s.code)).toEqual(['TN']);
    expect(filterDirectory(states, { state: 'TN', text: 'police' })).toEqual([]);
  });
});
