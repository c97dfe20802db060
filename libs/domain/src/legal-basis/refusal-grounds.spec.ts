import { codeOf } from '../testing/spec-helpers';
import {
  applyTransition,
  checkOpen,
  decide,
  definitionOf,
  DomainError,
  DomainErrorCode,
  openProcess,
  refusalGroundsOf,
  type Actor,
  type Offence,
  type ProcessSnapshot,
} from '../index';

/**
 * The refusal rules each instrument sets, through the state machine: grounds per instrument and
 * process type, listed offences, the fiscal bar, reasons with content, territorial scope.
 */
const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const requested: Actor = { userId: 'clerk', role: 'agency', agencyId: 'es-fiscalia' };
const requesting: Actor = { userId: 'clerk', role: 'agency', agencyId: 'fr-ministere' };
const parties = {
  requesting: { agencyId: 'fr-ministere', state: 'FR' },
  requested: { agencyId: 'es-fiscalia', state: 'ES' },
};
const REASONS = 'the measure would require a search that domestic law allows only for serious offences';

function inStage(type: string, legalBasis: string, stage: string, offence?: Offence): ProcessSnapshot {
  const definition = definitionOf(type);
  const input = { processId: `${type}-1`, type, legalBasis, priority: 'normal', handlingCode: 'H1', parties } as const;
  const opened = openProcess(definition, { ...input, ...(offence ? { offence } : {}) }, NOW);
  return { ...opened, stage };
}

function details(snapshot: ProcessSnapshot, action: string, payload: object, actor = requested): readonly string[] {
  try {
    decide(definitionOf(snapshot.type), snapshot, { action, payload }, actor);
  } catch (err) {
    if (err instanceof DomainError) return err.details;
    throw err;
  }
  return ['accepted'];
}

describe('grounds per instrument and process type', () => {
  it('keeps the MLA grounds of UNTOC 18(21) apart from the extradition grounds of art. 16', () => {
    expect(Object.keys(refusalGroundsOf('UNTOC', 'mla').grounds)).not.toContain('nationality');
    expect(Object.keys(refusalGroundsOf('UNTOC', 'extradition').grounds)).not.toContain('essential-interests');
    const mla = inStage('mla', 'UNTOC', 'consulted');
    expect(details(mla, 'refuse', { ground: 'nationality', reasons: REASONS })[0]).toBe(
      "payload.ground 'nationality' is not permitted by UNTOC for mla (permitted: not-in-conformity, essential-interests, domestic-law-prohibits, contrary-to-legal-system, no-dual-criminality)",
    );
  });

  it('names only a permitted ground when consulting before a refusal', () => {
    const mla = inStage('mla', 'UNTOC', 'acknowledged');
    const consult = (ground: string) => details(mla, 'consult', { intended: 'refusal', ground, reasons: REASONS });
    expect(consult('essential-interests')).toEqual(['accepted']);
    expect(consult('nationality')[0]).toMatch(/^payload.ground 'nationality' is not permitted by UNTOC for mla/);
  });

  it('allows dual criminality under UNTOC 18(9), with the non-coercive assistance considered', () => {
    const mla = inStage('mla', 'UNTOC', 'acknowledged');
    expect(details(mla, 'refuse', { ground: 'no-dual-criminality', reasons: REASONS })[0]).toMatch(
      /^payload.nonCoerciveAssistance is required for 'no-dual-criminality'/,
    );
    const payload = { ground: 'no-dual-criminality', reasons: REASONS, nonCoerciveAssistance: REASONS };
    expect(details(mla, 'refuse', payload)).toEqual(['accepted']);
  });

  it.each([
    ['mla', 'EU-EIO', 'acknowledged'],
    ['asset-confiscation', 'EU-2018-1805', 'freezing-requested'],
  ])('refuses dual criminality under %s (%s) for migrant smuggling, a listed offence', (type, basis, stage) => {
    const action = type === 'mla' ? 'refuse' : 'refuse-freezing';
    const payload = { ground: 'no-dual-criminality', reasons: REASONS };
    expect(details(inStage(type, basis, stage, 'migrant-smuggling'), action, payload)).toEqual([
      expect.stringContaining('is not available for migrant-smuggling, a listed offence'),
    ]);
    expect(details(inStage(type, basis, stage, 'other'), action, payload)).toEqual(['accepted']);
  });
});

describe('reasons and the fiscal bar (UNTOC 16(15), 18(22), 18(23))', () => {
  const mla = inStage('mla', 'UNTOC', 'acknowledged');
  const refuse = (reasons: string, more: object = {}) =>
    details(mla, 'refuse', { ground: 'no-dual-criminality', reasons, nonCoerciveAssistance: REASONS, ...more });

  it('needs reasons with content: "." and a few letters fail', () => {
    expect(refuse('.')).toEqual([
      'payload.reasons: reasons must explain the refusal (at least 30 characters)',
      'payload.reasons: reasons must explain the refusal in words (at least 5)',
    ]);
    expect(refuse('..............................................')).toEqual([
      'payload.reasons: reasons must explain the refusal in words (at least 5)',
    ]);
  });

  it('refuses reasons that rest on fiscal matters, whatever the code, unless they say why the refusal stands without them', () => {
    const fiscal = 'refused solely because the offence involves fiscal matters and customs duties';
    expect(refuse(fiscal)[0]).toMatch(/may not rest solely on fiscal matters \(UNTOC art\. 18\(22\)\)/);
    expect(refuse(fiscal, { beyondFiscal: REASONS })).toEqual(['accepted']);
    expect(refuse(fiscal, { beyondFiscal: '.' })[0]).toMatch(/^payload.beyondFiscal/);
  });
});

describe('territorial scope', () => {
  const open = (type: string, legalBasis: string, states: [string, string]) =>
    codeOf(() =>
      checkOpen(definitionOf(type), {
        legalBasis,
        parties: {
          requesting: { agencyId: 'a', state: states[0] },
          requested: { agencyId: 'b', state: states[1] },
        },
      }),
    );

  it('applies EU instruments only between member states', () => {
    expect(open('mla', 'EU-EIO', ['IT', 'ES'])).toBe('none');
    expect(open('mla', 'EU-EIO', ['IT', 'LY'])).toBe(DomainErrorCode.PartiesInvalid);
    expect(open('asset-confiscation', 'EU-2018-1805', ['TR', 'GR'])).toBe(DomainErrorCode.PartiesInvalid);
  });

  it('refuses a request from a state to itself, except for domestic types', () => {
    expect(open('mla', 'UNTOC', ['GR', 'GR'])).toBe(DomainErrorCode.PartiesInvalid);
    expect(
      codeOf(() =>
        checkOpen(definitionOf('domestic-taskforce'), {
          legalBasis: 'UNTOC',
          parties: {
            coordination: { agencyId: 'a', state: 'GR' },
            fiu: { agencyId: 'b', state: 'GR' },
            institution: { agencyId: 'c', state: 'GR' },
          },
        }),
      ),
    ).toBe('none');
  });

  it('binds an optional prosecutor to the requested state', () => {
    const withProsecutor = (state: string) =>
      codeOf(() =>
        checkOpen(definitionOf('extradition'), {
          legalBasis: 'ECE',
          parties: { ...parties, prosecutor: { agencyId: 'p', state } },
        }),
      );
    expect(withProsecutor('ES')).toBe('none');
    expect(withProsecutor('FR')).toBe(DomainErrorCode.PartiesInvalid);
  });
});

describe('use-consent: speciality and use limitation (UNTOC 18(19); ECE art. 14)', () => {
  const request = (subject: string) => ({
    subject,
    originProcessId: 'mla-1',
    proceedings: 'the trafficking proceedings against the same network',
    reasons: 'the bank records show the same accounts',
  });

  it('records the use consented to, with its conditions, on the process', () => {
    const definition = definitionOf('use-consent');
    let s = inStage('use-consent', 'UNTOC', 'draft');
    const step = (action: string, payload: object, actor: Actor) =>
      (s = applyTransition(definition, s, decide(definition, s, { action, payload }, actor), NOW));
    step('request-consent', request('evidence-use'), requesting);
    expect(s.deadlines.map((d) => `${d.id}:${d.status}`)).toEqual(['decision:running']);
    step('grant-consent', { conditions: 'not to be disclosed to third states' }, requested);
    expect(s.facts['permittedUse']).toEqual({
      subject: 'evidence-use',
      proceedings: 'the trafficking proceedings against the same network',
      conditions: 'not to be disclosed to third states',
    });
  });

  it('asks speciality of an extradition instrument, not the use of evidence', () => {
    const s = inStage('use-consent', 'ECE', 'draft');
    expect(details(s, 'request-consent', request('speciality-waiver'), requesting)).toEqual(['accepted']);
    expect(details(s, 'request-consent', request('evidence-use'), requesting)).toEqual([
      "payload.subject 'evidence-use' concerns mla processes, which ECE does not govern",
    ]);
  });
});
