import { TypedSearchAttributes } from '@temporalio/common';
import type { Actor } from '@comity/domain';
import type { StartProcessInput } from './process.messages';
import { changedSearchAttributes, SearchAttributes, searchAttributesAtStart } from './search-attributes';

const officer: Actor = { userId: 'officer-1', role: 'coordinator' };
const mla: StartProcessInput = {
  processId: 'mla-1',
  type: 'mla',
  legalBasis: 'UNTOC',
  priority: 'urgent',
  handlingCode: 'H1',
  parties: {
    requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
    requested: { agencyId: 'ly-attorney-general', state: 'LY' },
  },
  data: {},
  startedBy: officer,
};
const byName = (pairs: readonly { key: { name: string }; value: unknown }[]) =>
  Object.fromEntries(pairs.map(({ key, value }) => [key.name, value]));

describe('search attributes', () => {
  it('starts a process of workflow revision 1 or later with only those that never change', () => {
    const current = { ...mla, workflowRevision: 1 };
    expect(byName(searchAttributesAtStart(current))).toEqual({
      ProcessType: 'mla',
      LegalBasis: 'UNTOC',
      RequestedState: 'LY',
    });
    expect(byName(searchAttributesAtStart({ ...current, caseId: 'case-7' }))).toMatchObject({ CaseId: 'case-7' });
  });

  it('starts a process of revision 0 with every attribute its initial state sets, leaving out those it has none for', () => {
    expect(byName(searchAttributesAtStart(mla))).toEqual({
      ProcessType: 'mla',
      Stage: 'draft',
      AssignedAgency: ['it-ministry-of-justice'],
      Priority: 'urgent',
      LegalBasis: 'UNTOC',
      RequestedState: 'LY',
      Overdue: false,
    });
    expect(byName(searchAttributesAtStart({ ...mla, caseId: 'case-7' }))).toMatchObject({ CaseId: 'case-7' });
  });

  it('upserts only what differs from the current attributes; unset, null and an empty list are alike', () => {
    const current = new TypedSearchAttributes(searchAttributesAtStart(mla));
    expect(changedSearchAttributes(current, searchAttributesAtStart(mla))).toEqual([]);
    const wanted = [
      { key: SearchAttributes.stage, value: 'transmitted' },
      { key: SearchAttributes.assignedAgency, value: ['ly-attorney-general'] },
      { key: SearchAttributes.priority, value: 'urgent' },
      { key: SearchAttributes.overdue, value: true },
      { key: SearchAttributes.caseId, value: null },
    ];
    expect(byName(changedSearchAttributes(current, wanted))).toEqual({
      Stage: 'transmitted',
      AssignedAgency: ['ly-attorney-general'],
      Overdue: true,
    });
    const withCase = current.updateCopy([{ key: SearchAttributes.caseId, value: 'case-7' }]);
    expect(byName(changedSearchAttributes(withCase, [{ key: SearchAttributes.caseId, value: null }]))).toEqual({
      CaseId: null,
    });
    const noAgency = current.updateCopy([{ key: SearchAttributes.assignedAgency, value: null }]);
    expect(changedSearchAttributes(noAgency, [{ key: SearchAttributes.assignedAgency, value: [] }])).toEqual([]);
  });
});
