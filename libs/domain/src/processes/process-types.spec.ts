/**
 * Every registered process type, checked against its own declaration: each stage × action pair,
 * who may act, the legal basis's refusal grounds and languages, and random command sequences.
 * New process types are covered by registering them (they are read from `processTypes`).
 */
import fc from 'fast-check';
import type { ZodType } from 'zod';
import { codeOf } from '../testing/spec-helpers';
import {
  addToLedger,
  afterOccurrence,
  deadlinesAfterMove,
  reconciliationProblems,
  type Ledger,
  allowedActions,
  applyTransition,
  ATTACH_DOCUMENT_ACTION,
  DOCUMENTS_FACT,
  checkOpen,
  days,
  decide,
  deadlineRuleFor,
  deadlineRuleOf,
  definitionOf,
  DomainError,
  DomainErrorCode,
  legalBases,
  legalBasisIds,
  refusalGroundsOf,
  consultationHeld,
  nextOccurrence,
  openProcess,
  processTypes,
  SYSTEM_ACTOR,
  TransferConditions,
  type ActionCommand,
  type ActionDefinition,
  type Actor,
  type LegalBasis,
  type Permission,
  type Priority,
  type ProcessDefinition,
  type ProcessSnapshot,
} from '../index';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const TEXT = 'as set out in the file sent with the request';
const DATE = '2026-12-01';
const ROUTE_STATE = 'DE';
const MEMBER = 'gr-hellenic-police';
/** After any deadline the fixtures start (a team's term included). */
const LATER = '2028-06-30';

const partyActor = (slot: string): Actor => ({ userId: `${slot}-clerk`, role: 'agency', agencyId: `${slot}-agency` });
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const admin: Actor = { userId: 'admin-1', role: 'admin' };
const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };
const stranger: Actor = { userId: 'stranger-clerk', role: 'agency', agencyId: 'stranger-agency' };
const agencyWithoutId: Actor = { userId: 'anonymous-clerk', role: 'agency' };

/** The actor a permission names. */
const actorFor = (permission: Permission): Actor =>
  'party' in permission ? partyActor(permission.party) : permission.role === 'coordinator' ? coordinator : admin;

/** Someone who may take the action: the first actor it names, or the system for `by: []`. */
const actorOf = (action: ActionDefinition<string>): Actor => (action.by[0] ? actorFor(action.by[0]) : SYSTEM_ACTOR);

/** Everyone who might try an action: each party, the platform roles, outsiders and the system. */
const rosterOf = (definition: ProcessDefinition): Record<string, Actor> => ({
  ...Object.fromEntries(
    [...definition.parties, ...Object.keys(definition.optionalParties ?? {})].map((slot) => [
      `${slot} party`,
      partyActor(slot),
    ]),
  ),
  coordinator,
  admin,
  auditor,
  'stranger agency': stranger,
  'agency without id': agencyWithoutId,
  system: SYSTEM_ACTOR,
});

const appliesTo = (basis: LegalBasis, type: string) => basis.appliesTo.includes('*') || basis.appliesTo.includes(type);
const basesFor = (type: string): LegalBasis[] =>
  legalBasisIds.map((id) => legalBases[id]).filter((basis) => appliesTo(basis, type));

/**
 * A refusal ground the basis permits for the type that needs nothing before it: no consultation, no
 * obligation (a national is handled by 'refuse-national'), available for any offence.
 */
const plainGroundOf = (basis: LegalBasis, type = ''): string =>
  Object.entries(refusalGroundsOf(basis.id, type).grounds).find(
    ([, g]) => !g.consultFirst && !g.opens && !g.notForListedOffences,
  )?.[0] ?? 'no-plain-ground';
/** A refusal on the plain ground, with every statement a ground may require. */
const plainRefusal = (basis: LegalBasis, type?: string) => ({
  ground: plainGroundOf(basis, type),
  reasons: TEXT,
  nonCoerciveAssistance: TEXT,
});

/**
 * A valid payload for every action that takes one (from its zod schema); where a guard checks a
 * value against the legal basis, one the basis permits. Actions without a schema take none.
 */
const validPayloads: Readonly<
  Record<string, (basis: LegalBasis, actor?: Actor, type?: string) => Record<string, unknown>>
> = {
  'change-priority': () => ({ priority: 'high', reason: TEXT }),
  'link-case': () => ({ caseId: 'case-linked', reason: TEXT }),
  'attach-document': () => ({
    documentId: 'doc-00000000-0000-4000-8000-000000000001',
    kind: 'evidence',
    name: 'records.pdf',
    mediaType: 'application/pdf',
    size: 1024,
    sha256: 'a'.repeat(64),
    seal: 'eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJl',
  }),
  withdraw: () => ({ reasons: TEXT }),
  // mla
  'return-to-draft': () => ({ reasons: TEXT }),
  'record-translation': (basis) => ({ language: basis.languages[0] }),
  'request-further-info': () => ({ questions: TEXT }),
  'return-partial': () => ({ description: TEXT }),
  consult: () => ({ intended: 'refusal', reasons: TEXT }),
  postpone: () => ({ reasons: TEXT }),
  refuse: (basis, _actor, type) => plainRefusal(basis, type),
  'answer-consultation': () => ({ answer: TEXT }),
  // use-consent
  'request-consent': () => ({
    subject: 'speciality-waiver',
    originProcessId: 'extradition-1',
    proceedings: TEXT,
    reasons: TEXT,
  }),
  'grant-consent': () => ({ conditions: TEXT }),
  'refuse-consent': () => ({ reasons: TEXT }),
  'grant-subject-to-conditions': () => ({ conditions: TEXT }),
  'decline-conditions': () => ({ reasons: TEXT }),
  'refuse-in-part': (basis, _actor, type) => ({ ...plainRefusal(basis, type), part: TEXT }),
  // extradition
  release: () => ({ reasons: TEXT }),
  'confirm-release': () => ({ releasedAt: DATE }),
  'report-prosecution-result': () => ({ result: 'convicted', summary: TEXT }),
  'request-additional-info': () => ({ questions: TEXT }),
  'decide-barred': (basis, _actor, type) => plainRefusal(basis, type),
  'order-surrender': () => ({ date: DATE }),
  'refuse-surrender': (basis, _actor, type) => plainRefusal(basis, type),
  'refuse-national': () => ({ reasons: TEXT }),
  'submit-for-prosecution': () => ({ reference: 'PROS-2026-017' }),
  'postpone-surrender': () => ({ reasons: TEXT, until: DATE }),
  'reschedule-surrender': () => ({ date: DATE }),
  'surrender-temporarily': () => ({ returnBy: DATE }),
  // transfer-of-proceedings (and law-enforcement-exchange, transfer-of-sentenced-person, protection-referral: decline)
  'conclude-consultation': () => ({ view: 'favourable', reasons: TEXT }),
  'take-over': () => ({ reference: 'PROC-2026-88' }),
  decline: (basis, _actor, type) => plainRefusal(basis, type),
  // transfer-of-sentenced-person
  // Each state records its own conditions: the sentencing state consent, the administering state dual criminality.
  'record-condition': (_basis, actor) =>
    actor?.agencyId === 'administering-agency'
      ? { condition: 'dual-criminality', met: true, evidence: TEXT }
      : { condition: 'consent', met: true, evidence: TEXT },
  'agree-short-sentence-exception': (_basis, actor) => ({
    party: actor?.agencyId === 'administering-agency' ? 'administering' : 'sentencing',
    reasons: TEXT,
  }),
  'schedule-handover': () => ({ date: DATE, place: 'Kipi border crossing' }),
  // special-investigative-technique
  'declare-route': () => ({ states: [ROUTE_STATE] }),
  'record-authorisation': () => ({ state: ROUTE_STATE, authority: 'Public prosecutor', reference: 'CD-2026-4' }),
  'refuse-authorisation': () => ({ state: ROUTE_STATE, reasons: TEXT }),
  conclude: () => ({ outcome: 'seized-and-arrested', summary: TEXT }),
  // law-enforcement-exchange
  answer: () => ({ summary: TEXT }),
  'promote-to-mla': () => ({ reference: 'MLA-2026-301' }),
  // domestic-taskforce
  'add-member': () => ({ agencyId: MEMBER, role: 'police' }),
  'request-information': () => ({ member: MEMBER, questions: TEXT }),
  'record-information': () => ({ member: MEMBER, reference: 'INFO-1', summary: TEXT }),
  'request-money-trace': () => ({ subjects: TEXT }),
  'request-institution-records': () => ({ institutionKind: 'mvts', scope: TEXT }),
  'return-records': () => ({ reference: 'MVTS-77' }),
  'report-money-trace': () => ({ reference: 'FIU-2026-12', summary: TEXT }),
  close: () => ({ reasons: TEXT }),
  // document-verification
  'request-further-details': () => ({ questions: TEXT }),
  'report-not-genuine': () => ({ finding: 'falsified', details: TEXT }),
  // migrant-return
  'confirm-status': () => ({ status: 'national' }),
  'deny-status': () => ({ reasons: TEXT }),
  'issue-travel-documents': () => ({ document: 'laissez-passer', reference: 'LP-2026-5' }),
  'schedule-return': () => ({ date: DATE, arrangements: TEXT }),
  suspend: () => ({ reasons: TEXT }),
  cancel: () => ({ reasons: TEXT }),
  // protection-referral
  refer: () => ({ providerKind: 'ngo', needs: ['shelter', 'medical'] }),
  'report-progress': () => ({ summary: TEXT }),
  'record-outcome': () => ({ outcome: 'assistance-completed', summary: TEXT }),
  // joint-investigation
  'propose-agreement': () => ({ summary: TEXT }),
  join: () => ({ agencyId: 'newcomer-agency', state: 'IT' }),
  // An agency signs, consents and shares for itself; a coordinator records it for a member.
  'sign-agreement': (_, actor) => ({ signatory: actor?.agencyId ?? 'member-agency' }),
  'adopt-action-plan': () => ({ summary: TEXT }),
  'share-evidence': (_, actor) => ({
    recipients: [actor?.agencyId === 'lead-agency' ? 'member-agency' : 'lead-agency'],
    item: 'bank statements',
    handlingCode: 'H2',
  }),
  'consent-to-extension': (_, actor) => ({ consenting: actor?.agencyId ?? 'member-agency', until: LATER }),
  'extend-term': () => ({ until: LATER }),
  'refer-for-confiscation': () => ({ description: TEXT }),
  evaluate: () => ({ summary: TEXT }),
  // asset-confiscation: amounts that keep the ledger reconciled when folded in declaration order
  'report-assets': () => ({ description: TEXT }),
  'request-freezing': () => ({ description: TEXT, synchronisedWithArrest: false }),
  'refuse-freezing': (basis, _actor, type) => plainRefusal(basis, type),
  'execute-freezing': () => ({ amount: '1000.00', currency: 'EUR' }),
  'freeze-more': () => ({ amount: '10', currency: 'EUR' }),
  'release-assets': () => ({ amount: '10.00', currency: 'EUR', reasons: TEXT }),
  'transmit-confiscation-order': () => ({ mode: 'enforce', reference: 'CONF-2026-3' }),
  'enforce-confiscation': () => ({ amount: '100.00', currency: 'EUR' }),
  'obtain-confiscation-order': () => ({ amount: '100.00', currency: 'EUR' }),
  'refuse-confiscation': (basis, _actor, type) => plainRefusal(basis, type),
  'confiscate-more': () => ({ amount: '10.00', currency: 'EUR' }),
  'record-management-cost': () => ({ amount: '10.00', currency: 'EUR' }),
  'return-to-victims': () => ({ amount: '20.00', currency: 'EUR', claim: TEXT }),
  share: () => ({ amount: '10.00', currency: 'EUR', withState: 'ES' }),
};

/**
 * Further valid payloads of actions that record one fact each where a guard needs several
 * together (a transfer's conditions): their facts count as recorded too.
 */
const furtherPayloads: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  'record-condition': Object.keys(TransferConditions).map((condition) =>
    condition === 'six-months-left'
      ? { condition, remainingMonths: 7, evidence: TEXT }
      : { condition, met: true, evidence: TEXT },
  ),
};

/**
 * Facts no single valid payload records: e.g. that every member of a team signed the agreement
 * and consented to an extension (each payload signs for one agency only).
 */
const fixtureFacts: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'joint-investigation': {
    signatures: ['lead-agency', 'member-agency'],
    extensionConsents: { [LATER]: ['lead-agency', 'member-agency'] },
  },
};

const commandFor = (action: string, basis: LegalBasis, actor?: Actor, type?: string): ActionCommand => ({
  action,
  payload: validPayloads[action]?.(basis, actor, type),
});

/** Every fact the definition's actions record, as their valid payloads record it (so guards on facts pass). */
const recordedFacts = (definition: ProcessDefinition, basis: LegalBasis): Record<string, unknown> => ({
  ...Object.entries(definition.actions).reduce<Record<string, unknown>>(
    (facts, [name, action]) =>
      [validPayloads[name]?.(basis, undefined, definition.type) ?? {}, ...(furtherPayloads[name] ?? [])].reduce(
        (more, payload) => ({
          ...more,
          ...action.records?.(payload, more, { legalBasis: basis.id, type: definition.type } as ProcessSnapshot),
        }),
        facts,
      ),
    {},
  ),
  ...fixtureFacts[definition.type],
  // No document attached yet: the valid payload's document may be (a document is attached once).
  [DOCUMENTS_FACT]: [],
});

/** The ledger after every amount-carrying action's valid payload, in declaration order. */
const recordedLedger = (definition: ProcessDefinition, basis: LegalBasis): Ledger | undefined =>
  Object.entries(definition.statistics.amounts ?? {}).reduce<Ledger | undefined>((ledger, [name, figure]) => {
    const { amount, currency } = validPayloads[name](basis);
    return addToLedger(ledger, figure, String(amount), String(currency));
  }, undefined);

interface SnapshotOptions {
  readonly legalBasis?: string;
  readonly priority?: Priority;
  readonly facts?: Readonly<Record<string, unknown>>;
}

/** A process of the definition's type standing in `stage`, every party bound to `<slot>-agency`. */
function snapshotIn(definition: ProcessDefinition, stage: string, options: SnapshotOptions = {}): ProcessSnapshot {
  const legalBasis = options.legalBasis ?? basesFor(definition.type)[0].id;
  const bound = Object.fromEntries(
    definition.parties.map((slot, i) => [slot, { agencyId: `${slot}-agency`, state: i ? 'ES' : 'FR' }]),
  );
  // An optional party (e.g. the requested state's prosecutor) bound too, in its stand-in's state.
  const parties = {
    ...bound,
    ...Object.fromEntries(
      Object.entries(definition.optionalParties ?? {}).map(([slot, { standIn }]) => [
        slot,
        { agencyId: `${slot}-agency`, state: bound[standIn]?.state ?? 'ES' },
      ]),
    ),
  };
  const opened = openProcess(
    definition,
    {
      processId: `${definition.type}-1`,
      type: definition.type,
      legalBasis,
      priority: options.priority ?? 'normal',
      handlingCode: 'H1',
      parties,
    },
    NOW,
  );
  const basis = legalBases[legalBasis];
  // The deadlines running in that stage, as if it had just been entered.
  const deadlines = deadlinesAfterMove(definition, basis, opened.priority, [], undefined, stage, NOW);
  const ledger = options.facts ? undefined : recordedLedger(definition, basis);
  return {
    ...opened,
    stage,
    deadlines,
    facts: options.facts ?? recordedFacts(definition, basis),
    ...(ledger ? { ledger } : {}),
  };
}

const isTerminal = (definition: ProcessDefinition, stage: string) => definition.states[stage]?.terminal === true;
const stagesOf = (definition: ProcessDefinition) => Object.keys(definition.states);
const actionsOf = (definition: ProcessDefinition) => Object.entries(definition.actions);
const payloadShapeOf = (action: ActionDefinition<string>): Record<string, ZodType> =>
  action.payload && 'shape' in action.payload ? (action.payload.shape as Record<string, ZodType>) : {};

// ---------------------------------------------------------------------------------------------
// The definitions themselves, and this file's payload table
// ---------------------------------------------------------------------------------------------

describe.each(processTypes)('the %s definition', (type) => {
  const definition = definitionOf(type);
  const stages = stagesOf(definition);

  it('is the definition its registry entry names, built once', () => {
    expect(definition.type).toBe(type);
    expect(definitionOf(type)).toBe(definition);
  });

  it('only names declared stages, and only open stages have a way out', () => {
    expect(stages).toContain(definition.initial);
    const named = actionsOf(definition).flatMap(([, action]) => [...action.from, ...(action.to ? [action.to] : [])]);
    expect(named.filter((stage) => !stages.includes(stage))).toEqual([]);
    const hasExit = (stage: string) => actionsOf(definition).some(([, action]) => action.from.includes(stage));
    expect(stages.filter((stage) => hasExit(stage) === isTerminal(definition, stage))).toEqual([]);
  });

  it('declares how the statistics read it: real party slots and stages, an outcome for every final stage', () => {
    const { statistics } = definition;
    expect(definition.parties).toEqual(expect.arrayContaining([statistics.requestingParty, statistics.requestedParty]));
    const named = [
      ...statistics.acknowledgedAt,
      ...statistics.decidedAt,
      ...Object.keys(statistics.outcomes),
      ...Object.values(statistics.counts ?? {}).flat(),
      ...Object.keys(statistics.groundAt ?? {}),
    ];
    expect(named.filter((stage) => !stages.includes(stage))).toEqual([]);
    expect(stages.filter((stage) => isTerminal(definition, stage) !== stage in statistics.outcomes)).toEqual([]);
  });

  it('names only its own deadlines, groups and registered types in its declarative parts', () => {
    const deadlineIds = definition.deadlines.map((d) => d.id);
    for (const [name, action] of actionsOf(definition)) {
      if (action.extendsDeadline)
        expect({ name, extends: deadlineIds.includes(action.extendsDeadline) }).toEqual({ name, extends: true });
      if (action.joins)
        expect({ name, joins: definition.groups?.includes(action.joins) }).toEqual({ name, joins: true });
      if (action.spawns) {
        const spawned = definitionOf(action.spawns.type);
        expect(Object.keys(action.spawns.parties).sort()).toEqual([...spawned.parties].sort());
        expect(Object.values(action.spawns.parties).filter((slot) => !definition.parties.includes(slot))).toEqual([]);
      }
    }
    expect((definition.groups ?? []).filter((group) => !definition.parties.includes(group))).toEqual([]);
    for (const obligation of Object.values(definition.caseObligations ?? {})) {
      expect([...obligation.openWhile, ...obligation.dischargedAt].filter((stage) => !stages.includes(stage))).toEqual(
        [],
      );
    }
  });

  it.each(definition.deadlines.map((deadline) => [deadline.id, deadline] as const))(
    'runs deadline %s in open stages, with a rule under every applicable legal basis',
    (_id, deadline) => {
      expect(deadline.while.filter((stage) => isTerminal(definition, stage))).toEqual([]);
      expect(basesFor(type).filter((basis) => !deadlineRuleOf(basis, deadline.rule))).toEqual([]);
      if (deadline.onExpiry.kind === 'transition') {
        // The workflow takes this action as the system when the deadline runs out.
        const action = definition.actions[deadline.onExpiry.action];
        expect(action?.by).toEqual([]);
        expect(action?.from).toEqual(expect.arrayContaining([...deadline.while]));
      }
    },
  );

  it.each(actionsOf(definition).filter(([, action]) => action.payload))(
    'has a valid payload for %s under every applicable legal basis',
    (name, action) => {
      const invalid = basesFor(type).filter(
        (basis) => !action.payload?.safeParse(validPayloads[name]?.(basis, undefined, type)).success,
      );
      expect(invalid.map((basis) => basis.id)).toEqual([]);
    },
  );
});

it('names no action as the events the workflow records itself', () => {
  // The workflow records these; an action of the same name would be mistaken for them (e.g. 'start' is not applied).
  const reserved = ['start', 'deadline-reminder', 'deadline-expired'];
  const named = processTypes.flatMap((type) =>
    Object.keys(definitionOf(type).actions).map((name) => `${type}:${name}`),
  );
  expect(named.filter((name) => reserved.includes(name.split(':')[1]))).toEqual([]);
});

it('attaches a document once, relating it only to an event the process has', () => {
  const definition = definitionOf('mla');
  const basis = basesFor('mla')[0];
  const actor = actorOf(definition.actions[ATTACH_DOCUMENT_ACTION]);
  const snapshot = snapshotIn(definition, 'in-execution');
  const command = commandFor(ATTACH_DOCUMENT_ACTION, basis, actor, 'mla');
  const taken = decide(definition, snapshot, command, actor);
  const after = applyTransition(definition, snapshot, taken, NOW);
  expect(after.facts[DOCUMENTS_FACT]).toEqual([
    { documentId: 'doc-00000000-0000-4000-8000-000000000001', kind: 'evidence', sha256: 'a'.repeat(64), size: 1024 },
  ]);
  expect(codeOf(() => decide(definition, after, command, actor))).toBe(DomainErrorCode.PreconditionUnmet);
  const beyond = { ...command, payload: { ...(command.payload as object), relatesTo: snapshot.sequence + 1 } };
  expect(codeOf(() => decide(definition, snapshot, beyond, actor))).toBe(DomainErrorCode.PreconditionUnmet);
  const noBytes = { ...command, payload: { ...(command.payload as object), sha256: 'not a hash' } };
  expect(codeOf(() => decide(definition, snapshot, noBytes, actor))).toBe(DomainErrorCode.PayloadInvalid);
});

it('keeps no payload for an action no process type has', () => {
  const names = new Set(processTypes.flatMap((type) => Object.keys(definitionOf(type).actions)));
  expect(Object.keys(validPayloads).filter((name) => !names.has(name))).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// 1. Every stage × every action
// ---------------------------------------------------------------------------------------------

describe.each(processTypes)('%s: every stage × every action', (type) => {
  const definition = definitionOf(type);
  const basis = basesFor(type)[0];
  const pairs = stagesOf(definition).flatMap((stage) => Object.keys(definition.actions).map((name) => [stage, name]));

  it.each(pairs)('in %s, %s', (stage, name) => {
    const action = definition.actions[name];
    const snapshot = snapshotIn(definition, stage);
    const actor = actorOf(action);
    const take = () => decide(definition, snapshot, commandFor(name, basis, actor, definition.type), actor);

    if (action.from.includes(stage) && !isTerminal(definition, stage)) {
      expect(take()).toMatchObject({ action: name, from: stage, to: action.to ?? stage });
      expect(allowedActions(definition, snapshot, actor)).toContain(name);
    } else {
      expect(codeOf(take)).toBe(
        isTerminal(definition, stage) ? DomainErrorCode.ProcessFinished : DomainErrorCode.ActionNotAllowedInState,
      );
      expect(allowedActions(definition, snapshot, actor)).not.toContain(name);
    }
  });

  it.each(stagesOf(definition))('in %s, allowedActions lists exactly what decide accepts, for everyone', (stage) => {
    const snapshot = snapshotIn(definition, stage);
    for (const [who, actor] of Object.entries(rosterOf(definition))) {
      const accepted = Object.keys(definition.actions).filter(
        (name) =>
          codeOf(() => decide(definition, snapshot, commandFor(name, basis, actor, definition.type), actor)) === 'none',
      );
      expect({ who, allowed: allowedActions(definition, snapshot, actor) }).toEqual({ who, allowed: accepted });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Permissions
// ---------------------------------------------------------------------------------------------

/** Actors the action does not name, by description. */
function outsidersOf(definition: ProcessDefinition, action: ActionDefinition<string>): [string, Actor][] {
  if (action.by.length === 0) {
    return [
      ...Object.entries(rosterOf(definition)).filter(([who]) => who !== 'system'),
      ['an agency posing as the system', { ...SYSTEM_ACTOR, role: 'agency' }],
      ['a coordinator posing as the system', { ...SYSTEM_ACTOR, role: 'coordinator' }],
    ];
  }
  const named = (permission: Permission) => action.by.some((p) => JSON.stringify(p) === JSON.stringify(permission));
  const wrongParties = definition.parties
    .filter((slot) => !named({ party: slot }))
    .map((slot): [string, Actor] => [`the ${slot} party`, partyActor(slot)]);
  return [
    ...wrongParties,
    ...(named({ role: 'coordinator' }) ? [] : [['a coordinator', coordinator] as [string, Actor]]),
    ['an auditor', auditor],
    ['an agency that is no party', stranger],
    ['an agency user without agency', agencyWithoutId],
  ];
}

describe.each(processTypes)('%s: who may act', (type) => {
  const definition = definitionOf(type);
  const basis = basesFor(type)[0];
  const take = (name: string, actor: Actor) => {
    const action = definition.actions[name];
    return codeOf(() =>
      decide(
        definition,
        snapshotIn(definition, action.from[0]),
        commandFor(name, basis, actor, definition.type),
        actor,
      ),
    );
  };

  const refusals = actionsOf(definition).flatMap(([name, action]) =>
    outsidersOf(definition, action).map(([who, actor]) => [name, who, actor] as const),
  );
  it.each(refusals)('%s is refused to %s', (name, _who, actor) => {
    expect(take(name, actor)).toBe(DomainErrorCode.ActorNotPermitted);
    expect(allowedActions(definition, snapshotIn(definition, definition.actions[name].from[0]), actor)).not.toContain(
      name,
    );
  });

  it.each(actionsOf(definition))(
    '%s is open to every actor it names, and to an admin unless the system takes it',
    (name, action) => {
      for (const permission of action.by) expect(take(name, actorFor(permission))).toBe('none');
      expect(take(name, admin)).toBe(action.by.length ? 'none' : DomainErrorCode.ActorNotPermitted);
      expect(take(name, SYSTEM_ACTOR)).toBe('none');
    },
  );
});

it('leaves release on expiry of a provisional arrest to the system alone', () => {
  const definition = definitionOf('extradition');
  const snapshot = snapshotIn(definition, 'provisionally-arrested');
  const release = (actor: Actor) => codeOf(() => decide(definition, snapshot, { action: 'release-on-expiry' }, actor));
  expect(release(SYSTEM_ACTOR)).toBe('none');
  expect(release({ userId: 'root', role: 'admin' })).toBe(DomainErrorCode.ActorNotPermitted);
  expect(release(coordinator)).toBe(DomainErrorCode.ActorNotPermitted);
  expect(release(partyActor('requested'))).toBe(DomainErrorCode.ActorNotPermitted);
});

// ---------------------------------------------------------------------------------------------
// 3. What the legal basis permits
// ---------------------------------------------------------------------------------------------

/** Actions that take a coded refusal ground, checked against the legal basis. */
/** The refusals: actions whose payload requires a ground (a consultation may name one, optionally). */
const groundActionsOf = (definition: ProcessDefinition): string[] =>
  actionsOf(definition)
    .filter(([, action]) => {
      const ground = payloadShapeOf(action)['ground'];
      return action.guard && ground !== undefined && !ground.safeParse(undefined).success;
    })
    .map(([name]) => name);

const allGrounds = [
  ...new Set(
    legalBasisIds.flatMap((id) => processTypes.flatMap((type) => Object.keys(refusalGroundsOf(id, type).grounds))),
  ),
];
const allLanguages = [...new Set(legalBasisIds.flatMap((id) => legalBases[id].languages))];

it('finds the ground-taking actions of the known process types', () => {
  expect(groundActionsOf(definitionOf('mla'))).toEqual(['refuse-in-part', 'refuse']);
  expect(groundActionsOf(definitionOf('extradition'))).toEqual(['decide-barred', 'refuse-surrender']);
  expect(groundActionsOf(definitionOf('transfer-of-proceedings'))).toEqual(['refuse']);
  expect(groundActionsOf(definitionOf('law-enforcement-exchange'))).toEqual(['decline']);
  expect(groundActionsOf(definitionOf('asset-confiscation'))).toEqual(['refuse-freezing', 'refuse-confiscation']);
  expect(groundActionsOf(definitionOf('joint-investigation'))).toEqual([]);
});

const typesWithGrounds = processTypes.filter((type) => groundActionsOf(definitionOf(type)).length > 0);

describe.each(typesWithGrounds)('%s: refusal grounds', (type) => {
  const definition = definitionOf(type);
  const cases = basesFor(type).flatMap((basis) =>
    groundActionsOf(definition).flatMap((action) => allGrounds.map((ground) => [basis.id, action, ground] as const)),
  );
  // A ground the table has for the pair is taken, unless something must come first: a consultation,
  // a statement it requires (none given here), or the obligation it opens (another action leads there).
  const expected = (basisId: string, action: string, ground: string): string => {
    const rule = refusalGroundsOf(basisId, type).grounds[ground];
    if (!rule) return DomainErrorCode.NotPermittedByLegalBasis;
    const to = definition.actions[action].to ?? '';
    const obligation = rule.opens ? definition.caseObligations?.[rule.opens] : undefined;
    const bypasses = obligation !== undefined && !obligation.openWhile.includes(to);
    const unconsulted =
      rule.consultFirst && !consultationHeld(snapshotIn(definition, 'consulted', { legalBasis: basisId }));
    return unconsulted || rule.requires || bypasses ? DomainErrorCode.PreconditionUnmet : 'none';
  };

  if (cases.length === 0) return; // a type without coded refusals (e.g. a joint investigation team)
  it.each(cases)('under %s, %s on ground %s', (basisId, name, ground) => {
    const action = definition.actions[name];
    const snapshot = snapshotIn(definition, action.from[0], { legalBasis: basisId });
    const command = { action: name, payload: { ground, reasons: TEXT, part: TEXT } };
    expect(codeOf(() => decide(definition, snapshot, command, actorOf(action)))).toBe(expected(basisId, name, ground));
  });

  it.each(basesFor(type).flatMap((basis) => groundActionsOf(definition).map((name) => [basis.id, name])))(
    'under %s, %s rejects a ground no instrument knows',
    (basisId, name) => {
      const action = definition.actions[name];
      const snapshot = snapshotIn(definition, action.from[0], { legalBasis: basisId });
      const command = { action: name, payload: { ground: 'we-would-rather-not', reasons: TEXT, part: TEXT } };
      expect(codeOf(() => decide(definition, snapshot, command, actorOf(action)))).toBe(
        DomainErrorCode.NotPermittedByLegalBasis,
      );
    },
  );
});

describe.each(typesWithGrounds)('%s: the grounds a refusal lists as permitted', (type) => {
  const definition = definitionOf(type);
  const cases = basesFor(type).flatMap((basis) => groundActionsOf(definition).map((name) => [basis.id, name] as const));
  /** The ground's obligation is not opened where the action leads: the action never takes it. */
  const bypasses = (basisId: string, name: string, ground: string) => {
    const opens = refusalGroundsOf(basisId, type).grounds[ground]?.opens;
    const obligation = opens ? definition.caseObligations?.[opens] : undefined;
    return obligation !== undefined && !obligation.openWhile.includes(definition.actions[name].to ?? '');
  };

  if (cases.length === 0) return;
  it.each(cases)('under %s, %s lists exactly the grounds it may then take', (basisId, name) => {
    const action = definition.actions[name];
    const snapshot = snapshotIn(definition, action.from[0], { legalBasis: basisId });
    const command = { action: name, payload: { ground: 'we-would-rather-not', reasons: TEXT, part: TEXT } };
    const message = /\(permitted: ([^)]*)\)/.exec(
      messageOf(() => decide(definition, snapshot, command, actorOf(action))),
    )?.[1];
    const listed = message === 'none' || message === undefined ? [] : message.split(', ');
    const table = Object.keys(refusalGroundsOf(basisId, type).grounds);
    expect(listed).toEqual(table.filter((ground) => !bypasses(basisId, name, ground)));
    for (const ground of table.filter((g) => bypasses(basisId, name, g))) {
      const refused = { action: name, payload: { ground, reasons: TEXT, part: TEXT } };
      expect(codeOf(() => decide(definition, snapshot, refused, actorOf(action)))).toBe(
        DomainErrorCode.PreconditionUnmet,
      );
    }
  });
});

/** The message a call throws with ('' when it does not throw). */
function messageOf(run: () => unknown): string {
  try {
    run();
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('extradition: refusing a national', () => {
  const definition = definitionOf('extradition');
  it.each(basesFor('extradition').map((basis) => basis.id))(
    'under %s, is allowed iff the basis has the ground',
    (id) => {
      const snapshot = snapshotIn(definition, 'executive-decision', { legalBasis: id });
      const code = codeOf(() =>
        decide(definition, snapshot, commandFor('refuse-national', legalBases[id]), partyActor('requested')),
      );
      expect(code).toBe(
        'nationality' in refusalGroundsOf(id, 'extradition').grounds
          ? 'none'
          : DomainErrorCode.NotPermittedByLegalBasis,
      );
    },
  );
});

describe('mla: translation and transmission', () => {
  const definition = definitionOf('mla');
  const requesting = partyActor('requesting');
  const languageCases = basesFor('mla').flatMap((basis) =>
    [...allLanguages, 'xx'].map((language) => [basis.id, language] as const),
  );

  it.each(languageCases)('under %s, a translation into %s', (id, language) => {
    const snapshot = snapshotIn(definition, 'ca-review', { legalBasis: id, facts: {} });
    const command = { action: 'record-translation', payload: { language } };
    const code = codeOf(() => decide(definition, snapshot, command, requesting));
    expect(code).toBe(legalBases[id].languages.includes(language) ? 'none' : DomainErrorCode.NotPermittedByLegalBasis);
  });

  it.each(['EN', 'eng', '', 'e1'])('rejects %j as a language code', (language) => {
    const snapshot = snapshotIn(definition, 'ca-review', { facts: {} });
    const command = { action: 'record-translation', payload: { language } };
    expect(codeOf(() => decide(definition, snapshot, command, requesting))).toBe(DomainErrorCode.PayloadInvalid);
  });

  it.each([
    ['normal', {}, DomainErrorCode.PreconditionUnmet],
    ['high', {}, DomainErrorCode.PreconditionUnmet],
    ['urgent', {}, 'none'],
    ['normal', { translation: 'fr' }, 'none'],
  ] as const)('transmits at %s priority with facts %j: %s', (priority, facts, code) => {
    const snapshot = snapshotIn(definition, 'ca-review', { priority, facts });
    expect(codeOf(() => decide(definition, snapshot, { action: 'transmit' }, coordinator))).toBe(code);
  });

  it('transmits once the translation is recorded', () => {
    const empty = snapshotIn(definition, 'ca-review', { facts: {} });
    const translate = { action: 'record-translation', payload: { language: 'es' } };
    const translated = applyTransition(definition, empty, decide(definition, empty, translate, requesting), NOW);
    expect(translated.facts).toEqual({ translation: 'es' });
    expect(decide(definition, translated, { action: 'transmit' }, coordinator).to).toBe('transmitted');
  });
});

describe.each(processTypes)('%s: opening', (type) => {
  const definition = definitionOf(type);
  const parties = snapshotIn(definition, definition.initial).parties;

  /** What a request must declare under the basis for its deadlines (the first variant of each). */
  const declared = (id: string) =>
    Object.fromEntries(
      definition.deadlines.flatMap((d) => {
        const variants = deadlineRuleFor(d, legalBases[id]!)?.variants;
        return d.variantBy && variants ? [[d.variantBy, Object.keys(variants)[0]]] : [];
      }),
    );

  it.each(legalBasisIds)('under %s, opens iff the basis applies', (id) => {
    expect(codeOf(() => checkOpen(definition, { legalBasis: id, parties, data: declared(id) }))).toBe(
      appliesTo(legalBases[id], type) ? 'none' : DomainErrorCode.LegalBasisNotApplicable,
    );
  });

  it('rejects an unknown legal basis and unbound or unknown parties', () => {
    expect(codeOf(() => checkOpen(definition, { legalBasis: 'HAGUE-1899', parties }))).toBe(
      DomainErrorCode.LegalBasisUnknown,
    );
    const [first, ...others] = definition.parties;
    const missing = Object.fromEntries(others.map((slot) => [slot, parties[slot]]));
    expect(codeOf(() => checkOpen(definition, { legalBasis: 'UNTOC', parties: missing }))).toBe(
      first ? DomainErrorCode.PartiesInvalid : 'none',
    );
    const extra = { ...parties, observer: { agencyId: 'un-observer', state: 'CH' } };
    expect(codeOf(() => checkOpen(definition, { legalBasis: 'UNTOC', parties: extra }))).toBe(
      DomainErrorCode.PartiesInvalid,
    );
  });
});

it('names the basis that does not apply', () => {
  expect(codeOf(() => checkOpen(definitionOf('mla'), { legalBasis: 'ECE', parties: {} }))).toBe(
    DomainErrorCode.LegalBasisNotApplicable,
  );
  expect(codeOf(() => checkOpen(definitionOf('extradition'), { legalBasis: 'EU-EIO', parties: {} }))).toBe(
    DomainErrorCode.LegalBasisNotApplicable,
  );
});

// ---------------------------------------------------------------------------------------------
// Names that happen to be Object.prototype members are unknown names like any other
// (lookups of names from outside go through own()).
// ---------------------------------------------------------------------------------------------

describe('names inherited from Object.prototype', () => {
  const definition = definitionOf('mla');
  const snapshot = snapshotIn(definition, 'draft');

  it.each(['toString', 'constructor', 'hasOwnProperty'])('decide refuses action %s as unknown', (action) => {
    expect(codeOf(() => decide(definition, snapshot, { action }, coordinator))).toBe(DomainErrorCode.ActionUnknown);
  });

  it.each(['toString', 'constructor'])('checkOpen refuses legal basis %s as unknown', (legalBasis) => {
    expect(codeOf(() => checkOpen(definition, { legalBasis, parties: snapshot.parties }))).toBe(
      DomainErrorCode.LegalBasisUnknown,
    );
  });

  it('definitionOf refuses process type constructor as unknown', () => {
    expect(codeOf(() => definitionOf('constructor'))).toBe(DomainErrorCode.ProcessTypeUnknown);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Random command sequences
// ---------------------------------------------------------------------------------------------

const unknownActions = ['teleport', '', 'ACKNOWLEDGE', 'start'];
const garbagePayloads: unknown[] = [null, 42, 'text', [], { ground: '' }, { reasons: '   ' }, { priority: 'asap' }];
const domainErrorCodes: string[] = Object.values(DomainErrorCode);

type Step =
  /** Any action name (or an unknown one), by anyone, with a valid payload or garbage. */
  | { readonly kind: 'random'; readonly action: string; readonly actor: Actor; readonly payload: unknown }
  /**
   * The `pick`-th action decide accepts now, by an actor it names, with a valid payload: among those
   * that keep the process open, or, when `finish`, among all (so that a withdrawal does not end most runs).
   */
  | { readonly kind: 'guided'; readonly pick: number; readonly finish: boolean }
  /** Time passes until the next reminder or expiry. */
  | { readonly kind: 'tick' };

function stepArbitrary(definition: ProcessDefinition, basis: LegalBasis): fc.Arbitrary<Step> {
  const names = [...Object.keys(definition.actions), ...unknownActions];
  const random = fc.record({
    kind: fc.constant('random' as const),
    action: fc.constantFrom(...names),
    actor: fc.constantFrom(...Object.values(rosterOf(definition))),
    payload: fc.oneof(
      { weight: 4, arbitrary: fc.constant('valid') },
      { weight: 1, arbitrary: fc.constantFrom(...garbagePayloads) },
      { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
    ),
  });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: random.map((s) => ({
        ...s,
        payload: s.payload === 'valid' ? validPayloads[s.action]?.(basis, s.actor, definition.type) : s.payload,
      })),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('guided' as const),
        pick: fc.nat(),
        finish: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'tick' as const }) },
  );
}

/** What the workflow does when it wakes: records due reminders and expiries, and takes expiry actions. */
function recordDueDeadlines(definition: ProcessDefinition, snapshot: ProcessSnapshot, now: number): ProcessSnapshot {
  let current = snapshot;
  for (let due = nextOccurrence(current.deadlines); due && Date.parse(due.at) <= now;) {
    current = { ...current, deadlines: afterOccurrence(current.deadlines, due) };
    const onExpiry = definition.deadlines.find((d) => d.id === due?.deadline.id)?.onExpiry;
    if (due.kind === 'expiry' && onExpiry?.kind === 'transition') {
      // The automatic action must always be allowed when the deadline runs out.
      const transition = decide(definition, current, { action: onExpiry.action }, SYSTEM_ACTOR);
      current = applyTransition(definition, current, transition, now);
    }
    due = nextOccurrence(current.deadlines);
  }
  return current;
}

/** The command a step tries, and by whom; a guided step where nothing is accepted tries nothing. */
function attemptOf(
  definition: ProcessDefinition,
  basis: LegalBasis,
  snapshot: ProcessSnapshot,
  step: Exclude<Step, { kind: 'tick' }>,
): { command: ActionCommand; actor: Actor } | undefined {
  if (step.kind === 'random') return { command: { action: step.action, payload: step.payload }, actor: step.actor };
  const accepted = actionsOf(definition).filter(
    ([name, action]) =>
      codeOf(() =>
        decide(definition, snapshot, commandFor(name, basis, actorOf(action), definition.type), actorOf(action)),
      ) === 'none',
  );
  const staying = accepted.filter(([, action]) => !isTerminal(definition, action.to ?? snapshot.stage));
  const pool = step.finish || staying.length === 0 ? accepted : staying;
  if (pool.length === 0) return undefined;
  const [name, action] = pool[step.pick % pool.length];
  return { command: commandFor(name, basis, actorOf(action), definition.type), actor: actorOf(action) };
}

function expectInvariants(definition: ProcessDefinition, snapshot: ProcessSnapshot): void {
  expect(Object.keys(definition.states)).toContain(snapshot.stage);
  expect(reconciliationProblems(snapshot.ledger)).toEqual([]);
  for (const deadline of definition.deadlines) {
    const open = snapshot.deadlines.filter((d) => d.id === deadline.id && ['running', 'expired'].includes(d.status));
    const runs = !isTerminal(definition, snapshot.stage) && deadline.while.includes(snapshot.stage);
    expect({ deadline: deadline.id, stage: snapshot.stage, open: open.length }).toEqual({
      deadline: deadline.id,
      stage: snapshot.stage,
      open: runs ? 1 : 0,
    });
  }
}

/** Time between steps: mostly hours, sometimes weeks (so that deadlines run out). */
const pause = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: days(1) }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: days(30) }) },
);

describe.each(processTypes)('%s: random command sequences', (type) => {
  const definition = definitionOf(type);
  const scenario = fc.constantFrom(...basesFor(type)).chain((basis) =>
    fc.record({
      basis: fc.constant(basis),
      priority: fc.constantFrom<Priority>('normal', 'high', 'urgent'),
      steps: fc.array(fc.tuple(stepArbitrary(definition, basis), pause), {
        maxLength: 40,
        size: 'max',
      }),
    }),
  );

  it('stays within the declared stages, never leaves a final one, and refuses only with domain errors', () => {
    fc.assert(
      fc.property(scenario, ({ basis, priority, steps }) => {
        let now = NOW;
        let snapshot = snapshotIn(definition, definition.initial, { legalBasis: basis.id, priority, facts: {} });
        expectInvariants(definition, snapshot);

        for (const [step, elapsed] of steps) {
          if (step.kind === 'tick') {
            const next = nextOccurrence(snapshot.deadlines);
            if (isTerminal(definition, snapshot.stage)) expect(next).toBeUndefined();
            if (next) now = Math.max(now, Date.parse(next.at));
          } else {
            now += elapsed;
          }
          snapshot = recordDueDeadlines(definition, snapshot, now);
          expectInvariants(definition, snapshot);
          if (step.kind === 'tick') continue;

          const attempt = attemptOf(definition, basis, snapshot, step);
          if (!attempt) continue;
          const { command, actor } = attempt;

          let transition;
          try {
            transition = decide(definition, snapshot, command, actor);
          } catch (err) {
            expect(err).toBeInstanceOf(DomainError);
            expect(domainErrorCodes).toContain((err as DomainError).code);
            if (isTerminal(definition, snapshot.stage)) {
              expect([DomainErrorCode.ProcessFinished, DomainErrorCode.ActionUnknown]).toContain(
                (err as DomainError).code,
              );
            }
            continue;
          }
          expect(isTerminal(definition, snapshot.stage)).toBe(false);
          expect(allowedActions(definition, snapshot, actor)).toContain(command.action);
          snapshot = applyTransition(definition, snapshot, transition, now);
          expectInvariants(definition, snapshot);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe.each(processTypes)('%s: declarative actions', (type) => {
  it('declare in their payload schema the fields the state machine reads (joins, extendsDeadline, setsPriority, setsCase)', () => {
    for (const action of Object.values(definitionOf(type).actions)) {
      const shape = (action.payload as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      const fields = Object.keys(shape);
      if (action.joins) expect(fields).toEqual(expect.arrayContaining(['agencyId', 'state']));
      if (action.extendsDeadline) expect(fields).toContain('until');
      if (action.setsPriority) expect(fields).toContain('priority');
      if (action.setsCase) expect(fields).toContain('caseId');
    }
  });
});
