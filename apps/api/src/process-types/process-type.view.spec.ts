import { definitionOf, refusalGroundsOf } from '@comity/domain';
import { processType } from '@comity/api-contract';
import { processTypeView } from './process-type.view';

describe('processTypeView', () => {
  const mla = processTypeView(definitionOf('mla'));

  it('lists the stages in declared order, marking terminal stages and who is awaited', () => {
    expect(mla.stages[0]).toEqual({ stage: 'draft', label: 'Draft', terminal: false, awaiting: 'requesting' });
    expect(mla.stages.find((s) => s.stage === 'executed')).toMatchObject({ terminal: true, awaiting: null });
    expect(mla.initial).toBe('draft');
  });

  it('gives each action its edges and who may take it, and recording actions no target', () => {
    expect(mla.actions.find((a) => a.action === 'acknowledge')).toEqual({
      action: 'acknowledge',
      label: 'Acknowledge receipt',
      from: ['transmitted'],
      to: 'acknowledged',
      by: ['party:requested'],
      payload: { type: 'object' },
    });
    expect(mla.actions.find((a) => a.action === 'return-partial')?.to).toBeNull();
    expect(mla.actions.map((a) => a.action)).toContain('change-priority');
  });

  it('publishes its start request: the legal bases that can ground it and its own party slots', () => {
    expect(mla.legalBases.map((b) => b.id)).toEqual(expect.arrayContaining(['UNTOC', 'EU-EIO']));
    expect(mla.legalBases.map((b) => b.id)).not.toContain('ECE');
    expect(mla.legalBases.find((b) => b.id === 'EU-EIO')?.states).toContain('FR');
    expect(mla.legalBases.find((b) => b.id === 'UNTOC')?.states).toBeNull();
    expect(mla.startRequest).toMatchObject({
      properties: {
        type: { const: 'mla' },
        legalBasis: { enum: mla.legalBases.map((b) => b.id) },
        parties: { required: ['requesting', 'requested'], additionalProperties: false },
      },
    });
    const extradition = processTypeView(definitionOf('extradition')).startRequest as {
      properties: { parties: { required: string[]; properties: Record<string, { description?: string }> } };
    };
    expect(extradition.properties.parties.required).not.toContain('prosecutor');
    expect(extradition.properties.parties.properties['prosecutor']?.description).toMatch(/^Optional: .*requested/);
  });

  it('publishes the rules a type brings to its case: what it starts, holds back and owes', () => {
    expect(processTypeView(definitionOf('joint-investigation')).caseRules.spawns).toContainEqual({
      action: 'refer-for-confiscation',
      type: 'asset-confiscation',
    });
    expect(processTypeView(definitionOf('asset-confiscation')).caseRules.holds).toContainEqual(
      expect.objectContaining({ action: 'request-freezing', holds: 'arrest-provisionally' }),
    );
    expect(processTypeView(definitionOf('extradition')).caseRules.obligations).toContainEqual(
      expect.objectContaining({ id: 'prosecute-instead', owedBy: expect.any(String) }),
    );
    expect(mla.caseRules).toEqual({ spawns: [], holds: [], obligations: [] });
  });

  it("publishes each action's payload schema: its fields, required ones and allowed values", () => {
    expect(mla.actions.find((a) => a.action === 'consult')?.payload).toMatchObject({
      type: 'object',
      properties: {
        intended: { enum: ['refusal', 'partial-refusal', 'postponement', 'conditions'] },
        reasons: { type: 'string' },
      },
      required: ['intended', 'reasons'],
    });
    const exchange = processTypeView(definitionOf('law-enforcement-exchange'));
    expect(exchange.startData).toMatchObject({
      properties: { accessibility: { enum: ['directly-accessible', 'indirectly-accessible'] } },
    });
  });

  it('names what an expiring deadline does, and to whom an escalation goes', () => {
    expect(mla.deadlines.find((d) => d.id === 'recognition')).toMatchObject({
      onExpiry: 'escalate',
      escalatesTo: 'requesting',
    });
    expect(mla.deadlines.map((d) => d.onExpiry)).toContain('escalate');
    const extradition = processTypeView(definitionOf('extradition'));
    expect(extradition.deadlines.some((d) => d.onExpiry.startsWith('action:'))).toBe(true);
  });

  it('lists the refusal grounds per legal basis, with their article and rules', () => {
    const untoc = mla.refusalGrounds.find((b) => b.legalBasis === 'UNTOC');
    expect(untoc?.grounds.map((g) => g.ground)).toEqual(Object.keys(refusalGroundsOf('UNTOC', 'mla').grounds));
    expect(untoc?.fiscalBar).not.toBeNull();
    const eio = mla.refusalGrounds.find((b) => b.legalBasis === 'EU-EIO');
    expect(eio?.grounds.find((g) => g.ground === 'no-dual-criminality')).toMatchObject({ notForListedOffences: true });
    const extradition = processTypeView(definitionOf('extradition'));
    const nationality = extradition.refusalGrounds
      .find((b) => b.legalBasis === 'UNTOC')
      ?.grounds.find((g) => g.ground === 'nationality');
    expect(nationality?.opens).toEqual(expect.any(String));
    expect(processTypeView(definitionOf('domestic-taskforce')).refusalGrounds).toEqual([]);
  });

  it('matches the documented response schema', () => {
    expect(processType.safeParse(mla).success).toBe(true);
  });
});
