import { mlaDefinition } from '../processes/mla.definition';
import type { Actor } from './actor';
import { DomainError, DomainErrorCode } from './domain-error';
import type { ProcessSnapshot } from './process-state';
import { definitionOf } from '../processes/process-registry';
import { allowedActions, applyTransition, checkParties, decide, openProcess } from './state-machine';

const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const requested: Actor = { userId: 'es-clerk', role: 'agency', agencyId: 'es-central-authority' };
const stranger: Actor = { userId: 'x', role: 'agency', agencyId: 'de-police' };

function snapshot(stage: string): ProcessSnapshot {
  return {
    processId: 'mla-1',
    type: 'mla',
    legalBasis: 'UNTOC',
    priority: 'normal',
    handlingCode: 'H1',
    parties: {
      requesting: { agencyId: 'fr-central-authority', state: 'FR' },
      requested: { agencyId: 'es-central-authority', state: 'ES' },
    },
    stage,
    sequence: 1,
    facts: {},
    deadlines: [],
    tasks: [],
    auditHash: '0'.repeat(64),
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return undefined;
}

describe('decide', () => {
  it('moves to the declared target state', () => {
    expect(decide(mlaDefinition, snapshot('transmitted'), { action: 'acknowledge' }, requested)).toEqual({
      action: 'acknowledge',
      from: 'transmitted',
      to: 'acknowledged',
      payload: {},
    });
  });

  it('keeps the stage for recording actions such as a partial return', () => {
    const t = decide(
      mlaDefinition,
      snapshot('in-execution'),
      { action: 'return-partial', payload: { description: 'bank records' } },
      requested,
    );
    expect(t.to).toBe('in-execution');
    expect(t.payload).toEqual({ description: 'bank records' });
  });

  it('refuses an action that is not allowed in the current stage', () => {
    expect(codeOf(() => decide(mlaDefinition, snapshot('draft'), { action: 'acknowledge' }, requested))).toBe(
      DomainErrorCode.ActionNotAllowedInState,
    );
  });

  it('refuses an action the process type does not know', () => {
    expect(codeOf(() => decide(mlaDefinition, snapshot('draft'), { action: 'teleport' }, coordinator))).toBe(
      DomainErrorCode.ActionUnknown,
    );
  });

  it('refuses an agency that is not the party the action names', () => {
    expect(codeOf(() => decide(mlaDefinition, snapshot('transmitted'), { action: 'acknowledge' }, stranger))).toBe(
      DomainErrorCode.ActorNotPermitted,
    );
    expect(codeOf(() => decide(mlaDefinition, snapshot('transmitted'), { action: 'acknowledge' }, coordinator))).toBe(
      DomainErrorCode.ActorNotPermitted,
    );
  });

  it('names each invalid payload field', () => {
    let error: DomainError | undefined;
    try {
      decide(mlaDefinition, snapshot('consultation'), { action: 'refuse', payload: { reasons: '' } }, requested);
    } catch (err) {
      error = err as DomainError;
    }
    expect(error?.code).toBe(DomainErrorCode.PayloadInvalid);
    expect(error?.details).toEqual(
      expect.arrayContaining([expect.stringMatching(/^payload\.ground:/), expect.stringMatching(/^payload\.reasons:/)]),
    );
  });

  it('names the values a choice allows, missing or wrong', () => {
    const detailsOf = (payload: Record<string, unknown>) => {
      try {
        decide(mlaDefinition, snapshot('in-execution'), { action: 'consult', payload }, requested);
      } catch (err) {
        return (err as DomainError).details;
      }
      return [];
    };
    const expected = 'payload.intended: expected one of "refusal", "partial-refusal", "postponement", "conditions"';
    const reasons = 'the records belong to an investigation still running';
    expect(detailsOf({ intended: 'maybe', reasons })).toEqual([expected]);
    expect(detailsOf({ reasons })).toEqual([expected]);
  });

  it('allows nothing once the process is finished', () => {
    expect(
      codeOf(() =>
        decide(mlaDefinition, snapshot('executed'), { action: 'withdraw', payload: { reasons: 'x' } }, coordinator),
      ),
    ).toBe(DomainErrorCode.ProcessFinished);
  });
});

describe('link-case (every type has it)', () => {
  const mla = definitionOf('mla');
  const linking = (caseId: string, reason = 'the same smuggling network') => ({
    action: 'link-case',
    payload: { caseId, reason },
  });

  it('puts a process that is in no case into the one named, by a coordinator, keeping its stage', () => {
    const transition = decide(mla, snapshot('transmitted'), linking(' case-aegean '), coordinator);
    expect(transition).toEqual({
      action: 'link-case',
      from: 'transmitted',
      to: 'transmitted',
      payload: { caseId: 'case-aegean', reason: 'the same smuggling network' },
    });
    const after = applyTransition(mla, snapshot('transmitted'), transition, Date.parse('2026-02-01T00:00:00Z'));
    expect([after.caseId, after.stage, after.priority]).toEqual(['case-aegean', 'transmitted', 'normal']);
    expect(allowedActions(mla, snapshot('transmitted'), coordinator)).toContain('link-case');
    // Once: a process in a case stays there, and is not offered another.
    expect(allowedActions(mla, after, coordinator)).not.toContain('link-case');
    expect(codeOf(() => decide(mla, after, linking('case-other'), coordinator))).toBe(
      DomainErrorCode.PreconditionUnmet,
    );
  });

  it('refuses an agency, a malformed case id or no reason, and a finished process', () => {
    expect(codeOf(() => decide(mla, snapshot('transmitted'), linking('case-aegean'), requested))).toBe(
      DomainErrorCode.ActorNotPermitted,
    );
    expect(codeOf(() => decide(mla, snapshot('transmitted'), linking('case aegean'), coordinator))).toBe(
      DomainErrorCode.PayloadInvalid,
    );
    expect(codeOf(() => decide(mla, snapshot('transmitted'), linking('case-aegean', ' '), coordinator))).toBe(
      DomainErrorCode.PayloadInvalid,
    );
    expect(codeOf(() => decide(mla, snapshot('executed'), linking('case-aegean'), coordinator))).toBe(
      DomainErrorCode.ProcessFinished,
    );
  });
});

describe('allowedActions', () => {
  it('lists what the caller may do now', () => {
    expect(allowedActions(mlaDefinition, snapshot('in-execution'), requested)).toEqual([
      'request-further-info',
      'return-partial',
      'consult',
      'refuse',
      'complete-execution',
    ]);
    expect(allowedActions(mlaDefinition, snapshot('in-execution'), coordinator)).toEqual(['withdraw']);
    expect(allowedActions(mlaDefinition, snapshot('in-execution'), stranger)).toEqual([]);
  });
});

describe('checkParties', () => {
  it('requires every declared party and rejects unknown ones', () => {
    expect(codeOf(() => checkParties(mlaDefinition, { requesting: {}, other: {} }))).toBe(
      DomainErrorCode.PartiesInvalid,
    );
    expect(() => checkParties(mlaDefinition, { requesting: {}, requested: {} })).not.toThrow();
  });
});

describe('the MLA definition', () => {
  it('only targets declared states, and every non-terminal state has a way out', () => {
    const states = Object.keys(mlaDefinition.states);
    for (const action of Object.values(mlaDefinition.actions)) {
      for (const s of [...action.from, ...('to' in action ? [action.to] : [])]) expect(states).toContain(s);
    }
    for (const [name, state] of Object.entries(mlaDefinition.states)) {
      const exits = Object.values(mlaDefinition.actions).filter((a) => (a.from as readonly string[]).includes(name));
      expect(exits.length > 0).toBe(!('terminal' in state && state.terminal));
    }
  });
});

describe('openProcess', () => {
  it('keeps only the process facts, not whatever else the caller passed (need to know)', () => {
    const wider = {
      processId: 'mla-9',
      type: 'mla',
      legalBasis: 'UNTOC',
      priority: 'normal' as const,
      handlingCode: 'H2' as const,
      parties: snapshot('draft').parties,
      data: { suspect: 'a name' },
      startedBy: coordinator,
    };
    const opened = openProcess(mlaDefinition, wider, Date.parse('2026-01-01T00:00:00.000Z'));
    expect(opened).not.toHaveProperty('data');
    expect(opened).not.toHaveProperty('startedBy');
    expect(opened).toMatchObject({ processId: 'mla-9', stage: 'draft', handlingCode: 'H2', sequence: 0 });
  });

  it('carries the offence when one is given, and adds no key when none is', () => {
    const input = {
      processId: 'mla-10',
      type: 'mla',
      legalBasis: 'UNTOC',
      priority: 'normal' as const,
      handlingCode: 'H1' as const,
      parties: snapshot('draft').parties,
    };
    const at = Date.parse('2026-01-01T00:00:00.000Z');
    expect(openProcess(mlaDefinition, { ...input, offence: 'migrant-smuggling' }, at).offence).toBe(
      'migrant-smuggling',
    );
    expect(openProcess(mlaDefinition, input, at)).not.toHaveProperty('offence');
  });
});
