import type { ProcessTypeList } from './api-types';
import type { InboxRow } from './inbox-model';
import { listAddress, listCsv, listQuery, parseListFilter } from './list-model';

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
      'type=mla&stage=transmitted&agency=gr-coastguard&case=aegean-route&state=gr&priority=urgent&overdue=true',
      types,
    );
    expect(ignored).toEqual([]);
    expect(filter).toEqual({
      type: 'mla',
      stage: 'transmitted',
      agency: 'gr-coastguard',
      caseId: 'aegean-route',
      state: 'GR',
      priority: 'urgent',
      overdue: true,
    });
    expect(listAddress(filter)).toBe(
      '#/processes?type=mla&stage=transmitted&agency=gr-coastguard&case=aegean-route&state=GR&priority=urgent&overdue=true',
    );
    expect(listQuery(filter, 50, 'abc')).toBe(
      '/api/v1/processes?limit=50&type=mla&stage=transmitted&agency=gr-coastguard&caseId=aegean-route&state=GR&priority=urgent&overdue=true&cursor=abc',
    );
    expect(listAddress({})).toBe('#/processes');
  });

  it('leaves out, and says, what the API would refuse', () => {
    expect(parseListFilter('type=nope&stage=draft', types)).toEqual({
      filter: {},
      ignored: ["type 'nope' (no such process type)", "stage 'draft' (choose a type first)"],
    });
    expect(
      parseListFilter('type=mla&stage=refused&agency=a b&case=x&state=Greece&priority=low&overdue=maybe', types),
    ).toEqual({
      filter: { type: 'mla' },
      ignored: [
        "stage 'refused' (not a stage of Mutual legal assistance)",
        "agency 'a b' (letters, digits and . _ : - only)",
        "case 'x' (3 to 100 letters, digits and . _ -)",
        "state 'Greece' (a two-letter ISO code such as GR)",
        "priority 'low' (urgent, high or normal)",
        "overdue 'maybe' (true or false)",
      ],
    });
    // A type named like an inherited property is no type.
    expect(parseListFilter('type=constructor', types).filter).toEqual({});
  });
});

describe('the list as CSV', () => {
  const row = (over: Partial<InboxRow>): InboxRow => ({
    id: 'mla-1',
    type: 'mla',
    typeTitle: 'Mutual legal assistance',
    stageLabel: 'Transmitted',
    waitingFor: 'gr-coastguard',
    priority: 'urgent',
    deadline: { label: 'Acknowledge receipt', dueAt: '2026-12-10T00:00:00.000Z' },
    overdue: false,
    caseId: 'aegean-route',
    ...over,
  });

  it('writes a header and one line per process, quoting what must be quoted', () => {
    expect(
      listCsv([row({}), row({ id: 'mla-2', stageLabel: 'Refused, "partly"', deadline: null, caseId: null })]),
    ).toBe(
      'process,type,stage,waiting for,priority,deadline,due,overdue,case\r\n' +
        'mla-1,Mutual legal assistance,Transmitted,gr-coastguard,urgent,Acknowledge receipt,2026-12-10T00:00:00.000Z,no,aegean-route\r\n' +
        'mla-2,Mutual legal assistance,"Refused, ""partly""",gr-coastguard,urgent,,,no,\r\n',
    );
  });

  it('keeps a value a spreadsheet would run as a formula as text', () => {
    const csv = listCsv([row({ caseId: '=HYPERLINK("http://evil")', waitingFor: '@SUM(1)' })]);
    expect(csv).toContain(`,'@SUM(1),`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
