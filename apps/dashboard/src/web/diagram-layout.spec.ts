import type { ProcessType } from './api-types';
import { layoutDiagram, wrapLabel } from './diagram-layout';

const definition: ProcessType = {
  type: 't',
  title: 'T',
  legalReference: '',
  parties: ['a', 'b'],
  startData: {},
  startRequest: {},
  legalBases: [],
  caseRules: { spawns: [], holds: [], obligations: [] },
  initial: 'draft',
  stages: [
    { stage: 'draft', label: 'Draft', terminal: false, awaiting: 'a' },
    { stage: 'sent', label: 'Sent', terminal: false, awaiting: 'b' },
    { stage: 'more-info', label: 'More info', terminal: false, awaiting: 'a' },
    { stage: 'done', label: 'Done', terminal: true, awaiting: null },
    { stage: 'withdrawn', label: 'Withdrawn', terminal: true, awaiting: null },
  ],
  actions: [
    { action: 'send', label: '', from: ['draft'], to: 'sent', by: [], payload: {} },
    { action: 'ask', label: '', from: ['sent'], to: 'more-info', by: [], payload: {} },
    { action: 'answer', label: '', from: ['more-info'], to: 'sent', by: [], payload: {} },
    { action: 'finish', label: '', from: ['sent'], to: 'done', by: [], payload: {} },
    { action: 'withdraw', label: '', from: ['draft', 'sent'], to: 'withdrawn', by: [], payload: {} },
    { action: 'note', label: '', from: ['sent'], to: null, by: [], payload: {} },
  ],
  deadlines: [],
  refusalGrounds: [],
};

describe('layoutDiagram', () => {
  const layout = layoutDiagram(definition);
  const at = (stage: string) => layout.stages.find((s) => s.stage === stage);

  it('places open stages by distance from the initial one and final stages together in the last column', () => {
    expect([at('draft')?.column, at('sent')?.column, at('more-info')?.column]).toEqual([0, 1, 2]);
    expect([at('done'), at('withdrawn')].map((s) => [s?.column, s?.row])).toEqual([
      [3, 0],
      [3, 1],
    ]);
    expect(layout.columns).toBe(4);
    expect(layout.rows).toBe(2);
  });

  it('draws one edge per pair of stages, none for actions that stay', () => {
    expect(layout.edges.find((e) => e.from === 'sent' && e.to === 'more-info')?.actions).toEqual(['ask']);
    expect(layout.edges.filter((e) => e.to === 'withdrawn')).toHaveLength(2);
    expect(layout.edges.some((e) => e.from === e.to)).toBe(false);
  });

  it('wraps long labels onto two lines', () => {
    expect(wrapLabel('Draft')).toEqual(['Draft']);
    expect(wrapLabel('Consultation before refusal or postponement')).toEqual([
      'Consultation before',
      'refusal or postponement'.slice(0, 21) + '…',
    ]);
  });
});
