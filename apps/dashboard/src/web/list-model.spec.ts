import type { ProcessTypeList } from './api-types';
import { listAddress, listQuery, parseListFilter } from './list-model';

const types = {
  types: [
    {
      type: 'mla',
      title: 'Mutual legal assistance',
      stages: [
        { stage: 'draft', label: 'Draft' },
        { stage: 'transmitted', label: 'Transmitted' },
      ],
    },
  ],
} as unknown as ProcessTypeList;

describe('the process list filter', () => {
  it('reads a filter from the address and round-trips it', () => {
    const { filter, ignored } = parseListFilter(
      'type=mla&stage=transmitted&agency=gr-coastguard&case=aegean-route&overdue=true',
      types,
    );
    expect(ignored).toEqual([]);
    expect(filter).toEqual({
      type: 'mla',
      stage: 'transmitted',
      agency: 'gr-coastguard',
      caseId: 'aegean-route',
      overdue: true,
    });
    expect(listAddress(filter)).toBe(
      '#/processes?type=mla&stage=transmitted&agency=gr-coastguard&case=aegean-route&overdue=true',
    );
    expect(listQuery(filter, 50, 'abc')).toBe(
      '/api/v1/processes?limit=50&type=mla&stage=transmitted&agency=gr-coastguard&caseId=aegean-route&overdue=true&cursor=abc',
    );
    expect(listAddress({})).toBe('#/processes');
  });

  it('leaves out, and says, what the API would refuse', () => {
    expect(parseListFilter('type=nope&stage=draft', types)).toEqual({
      filter: {},
      ignored: ["type 'nope' (no such process type)", "stage 'draft' (choose a type first)"],
    });
    expect(parseListFilter('type=mla&stage=refused&agency=a b&case=x&overdue=maybe', types)).toEqual({
      filter: { type: 'mla' },
      ignored: [
        "stage 'refused' (not a stage of Mutual legal assistance)",
        "agency 'a b' (letters, digits and . _ : - only)",
        "case 'x' (3 to 100 letters, digits and . _ -)",
        "overdue 'maybe' (true or false)",
      ],
    });
    // A type named like an inherited property is no type.
    expect(parseListFilter('type=constructor', types).filter).toEqual({});
  });
});
