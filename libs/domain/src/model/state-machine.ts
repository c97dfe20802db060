import type { LegalBasis } from '../legal-basis/legal-basis';
import { legalBasisOf, checkLegalBasisApplies } from '../legal-basis/legal-basis.table';
import { refusalGroundsOf } from '../legal-basis/refusal-grounds.table';
import type { Actor } from './actor';
import { AUDIT_GENESIS } from './audit-chain';
import { addToLedger } from './asset-ledger';
import { checkOffChannel, type OffChannelStep } from './off-channel';
import { own } from './own';
import { deadlineExtended, deadlineRuleFor, deadlinesAfterMove, deadlinesForPriority } from './deadlines';
import { bindingsOf, memberKey, slotOf } from './parties';
import { DomainError, DomainErrorCode } from './domain-error';
import { issueDetails } from './payload-issues';
import type { ActionDefinition, GuardProblem, PartyBinding, Permission, ProcessDefinition } from './process-definition';
import type { Offence } from './offence';
import { z } from 'zod';
import { Priorities, type HandlingCode, type Priority, type ProcessSnapshot } from './process-state';

/**
 * What the declarative parts of an action read from its payload: an action that `joins` a group,
 * `extendsDeadline`, `setsPriority` or `setsCase` declares these fields in its own schema (process-types.spec
 * checks it), so reading them typed here is a re-read of what decide() already validated.
 */
const joining = z.object({ agencyId: z.string(), state: z.string() });
const extending = z.object({ until: z.string() });
const reprioritising = z.object({ priority: z.enum(Priorities) });
const linking = z.object({ caseId: z.string() });

export interface ActionCommand {
  readonly action: string;
  readonly payload?: unknown;
  /** The step was taken outside Comity (by post, through the diplomatic channel): see checkOffChannel. */
  readonly offChannel?: unknown;
}

export interface Transition {
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Taken outside Comity: its deadlines run from `offChannel.at`. */
  readonly offChannel?: OffChannelStep;
}

/** The system itself, taking the actions a deadline triggers. */
export const SYSTEM_ACTOR: Actor = { userId: 'comity-deadline-timer', role: 'admin' };

function permits(definition: ProcessDefinition, permission: Permission, actor: Actor, snapshot: ProcessSnapshot) {
  if ('role' in permission) return actor.role === permission.role;
  return (
    actor.role === 'agency' &&
    bindingsOf(definition, snapshot.parties, permission.party).some((party) => party.agencyId === actor.agencyId)
  );
}

function mayTake(
  definition: ProcessDefinition,
  action: ActionDefinition<string>,
  actor: Actor,
  snapshot: ProcessSnapshot,
): boolean {
  if (action.by.length === 0) return actor.role === 'admin' && actor.userId === SYSTEM_ACTOR.userId;
  return actor.role === 'admin' || action.by.some((p) => permits(definition, p, actor, snapshot));
}

/**
 * Actions the actor may take in the snapshot's current stage, in declaration order. A process in a
 * case is not offered to be put in one (its only payload-independent refusal worth hiding).
 */
export function allowedActions(definition: ProcessDefinition, snapshot: ProcessSnapshot, actor: Actor): string[] {
  return Object.entries(definition.actions)
    .filter(
      ([, action]) =>
        action.from.includes(snapshot.stage) &&
        mayTake(definition, action, actor, snapshot) &&
        !(action.setsCase && snapshot.caseId !== undefined),
    )
    .map(([name]) => name);
}

/**
 * Decides whether the actor may take the command now. Pure: the same inputs always give the
 * same answer, so the workflow's update validator and the API's "allowed actions" agree. `now`
 * (the workflow's clock) bounds the date of a step recorded as taken outside Comity.
 */
export function decide(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  command: ActionCommand,
  actor: Actor,
  now?: number,
): Transition {
  const action = own(definition.actions, command.action);
  if (!action) {
    throw new DomainError(
      DomainErrorCode.ActionUnknown,
      `'${command.action}' is not an action of ${definition.type} processes`,
    );
  }
  if (definition.states[snapshot.stage]?.terminal) {
    throw new DomainError(DomainErrorCode.ProcessFinished, `the process is ${snapshot.stage}; no action is allowed`);
  }
  if (!action.from.includes(snapshot.stage)) {
    throw new DomainError(
      DomainErrorCode.ActionNotAllowedInState,
      `'${command.action}' is not allowed in stage '${snapshot.stage}' (allowed from: ${action.from.join(', ')})`,
    );
  }
  const offChannel =
    command.offChannel === undefined
      ? undefined
      : checkOffChannel(definition, action, snapshot, command.offChannel, actor, now);
  // A step recorded for a party reached outside Comity is that party's to take.
  const taker: Actor = offChannel?.onBehalfOf
    ? { userId: actor.userId, role: 'agency', agencyId: offChannel.onBehalfOf.agencyId }
    : actor;
  if (!mayTake(definition, action, taker, snapshot)) {
    throw new DomainError(
      DomainErrorCode.ActorNotPermitted,
      `${describe(taker)} may not take '${command.action}' here`,
    );
  }
  const hold = snapshot.holds?.find((h) => h.action === command.action);
  if (hold) {
    throw new DomainError(
      DomainErrorCode.PreconditionUnmet,
      `'${command.action}' is held back by ${hold.heldBy}: ${hold.reason}`,
      [`held by ${hold.heldBy}`],
    );
  }
  const payload = validatePayload(action, command);
  const groundsElsewhere = groundsBypassingObligations(definition, command.action, action, snapshot);
  const basis = legalBasisOf(snapshot.legalBasis);
  const problems = [
    ...genericProblems(action, payload, snapshot),
    ...obligationProblems(groundsElsewhere, payload),
    ...(action.guard?.({ payload, actor: taker, basis, snapshot, groundsElsewhere }) ?? []),
  ];
  const [first] = problems;
  if (first) {
    throw new DomainError(
      first.code === 'NOT_PERMITTED_BY_LEGAL_BASIS'
        ? DomainErrorCode.NotPermittedByLegalBasis
        : DomainErrorCode.PreconditionUnmet,
      `'${command.action}' cannot be taken: ${problems.map((p) => p.detail).join('; ')}`,
      problems.map((p) => p.detail),
    );
  }
  const to = action.to ?? snapshot.stage;
  return { action: command.action, from: snapshot.stage, to, payload, ...(offChannel ? { offChannel } : {}) };
}

/** What the declarative parts of an action (joining a group, extending a deadline, a case) require. */
function genericProblems(
  action: ActionDefinition<string>,
  payload: Readonly<Record<string, unknown>>,
  snapshot: ProcessSnapshot,
): GuardProblem[] {
  const problems: GuardProblem[] = [];
  if (action.setsCase && snapshot.caseId !== undefined) {
    problems.push({ code: 'PRECONDITION_UNMET', detail: `the process is already in case '${snapshot.caseId}'` });
  }
  if (action.joins !== undefined) {
    const { agencyId } = joining.parse(payload);
    if (Object.values(snapshot.parties).some((p) => p.agencyId === agencyId)) {
      problems.push({ code: 'PRECONDITION_UNMET', detail: `agency '${agencyId}' is already a party` });
    }
  }
  if (action.extendsDeadline !== undefined) {
    const deadline = snapshot.deadlines.find(
      (d) => d.id === action.extendsDeadline && (d.status === 'running' || d.status === 'expired'),
    );
    const until = Date.parse(extending.parse(payload).until);
    if (!deadline) {
      problems.push({ code: 'PRECONDITION_UNMET', detail: `deadline '${action.extendsDeadline}' is not running` });
    } else if (!(until > Date.parse(deadline.dueAt))) {
      problems.push({
        code: 'PRECONDITION_UNMET',
        detail: `payload.until must be later than the current due date ${deadline.dueAt}`,
      });
    }
  }
  return problems;
}

/** What the obligation rule reads: the ground an action takes, if it takes one. */
const takingGround = z.object({ ground: z.string() });

/**
 * A ground that opens a case obligation (a national not extradited must be prosecuted, UNTOC
 * 16(10)) opens it on every path: an action that does not lead to a stage where the obligation is
 * open does not take that ground (ground -> why, naming the actions that do).
 */
function groundsBypassingObligations(
  definition: ProcessDefinition,
  name: string,
  action: ActionDefinition<string>,
  snapshot: ProcessSnapshot,
): Record<string, string> {
  const to = action.to ?? snapshot.stage;
  const bypassed = Object.entries(refusalGroundsOf(snapshot.legalBasis, definition.type).grounds).flatMap(
    ([ground, rule]) => {
      const obligation = rule.opens !== undefined ? own(definition.caseObligations ?? {}, rule.opens) : undefined;
      if (!obligation || obligation.openWhile.includes(to)) return [];
      const instead = Object.entries(definition.actions)
        .filter(([, a]) => a.from.includes(snapshot.stage) && a.to !== undefined && obligation.openWhile.includes(a.to))
        .map(([n]) => `'${n}'`);
      const detail = `'${name}' on ground '${ground}' would bypass the obligation '${rule.opens}' (${obligation.article}): use ${instead.join(' or ') || 'an action that opens it'}`;
      return [[ground, detail] as const];
    },
  );
  return Object.fromEntries(bypassed);
}

/** The action takes a ground handled elsewhere: refused on every path, whatever its guard says. */
function obligationProblems(
  groundsElsewhere: Readonly<Record<string, string>>,
  payload: Readonly<Record<string, unknown>>,
): GuardProblem[] {
  const ground = takingGround.safeParse(payload).data?.ground;
  const detail = ground !== undefined ? own(groundsElsewhere, ground) : undefined;
  return detail !== undefined ? [{ code: 'PRECONDITION_UNMET', detail }] : [];
}

function validatePayload(action: ActionDefinition<string>, command: ActionCommand): Record<string, unknown> {
  const raw = command.payload ?? {};
  if (!action.payload) {
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
    throw new DomainError(DomainErrorCode.PayloadInvalid, 'the payload must be an object', [
      'payload: expected an object',
    ]);
  }
  const parsed = action.payload.safeParse(raw);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const details = issueDetails('payload', parsed.error.issues);
  throw new DomainError(
    DomainErrorCode.PayloadInvalid,
    `invalid payload for '${command.action}': ${details.join('; ')}`,
    details,
  );
}

function describe(actor: Actor): string {
  return actor.agencyId ? `${actor.role} of agency '${actor.agencyId}'` : `${actor.role} '${actor.userId}'`;
}

/** The snapshot after a decided transition, at workflow time `now` (ms). */
export function applyTransition(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  transition: Transition,
  now: number,
): ProcessSnapshot {
  const action = own(definition.actions, transition.action);
  const basis = legalBasisOf(snapshot.legalBasis);
  const priority = action?.setsPriority ? reprioritising.parse(transition.payload).priority : snapshot.priority;
  const facts = { ...snapshot.facts, ...action?.records?.(transition.payload, snapshot.facts, snapshot) };
  const reprioritised =
    priority === snapshot.priority
      ? snapshot.deadlines
      : deadlinesForPriority(definition, basis, priority, snapshot.deadlines, facts);
  const extended = action?.extendsDeadline
    ? deadlineExtended(
        definition,
        basis,
        reprioritised,
        action.extendsDeadline,
        extending.parse(transition.payload).until,
        now,
        facts,
      )
    : reprioritised;
  const deadlines =
    transition.from === transition.to
      ? extended
      : deadlinesAfterMove(definition, basis, priority, extended, transition.from, transition.to, now, facts);
  const figure = own(definition.statistics.amounts ?? {}, transition.action);
  const { amount, currency } = transition.payload;
  return {
    ...snapshot,
    ...(action?.setsCase ? { caseId: linking.parse(transition.payload).caseId } : {}),
    stage: transition.to,
    priority,
    parties: action?.joins ? joined(snapshot, action.joins, transition.payload) : snapshot.parties,
    facts,
    ...(figure ? { ledger: addToLedger(snapshot.ledger, figure, String(amount), String(currency)) } : {}),
    deadlines,
    updatedAt: new Date(now).toISOString(),
    ...(transition.from !== transition.to ? { stageSince: new Date(now).toISOString() } : {}),
  };
}

function joined(
  snapshot: ProcessSnapshot,
  group: string,
  payload: Readonly<Record<string, unknown>>,
): Readonly<Record<string, PartyBinding>> {
  const { agencyId, state } = joining.parse(payload);
  return { ...snapshot.parties, [memberKey(group, agencyId)]: { agencyId, state } };
}

export interface OpenProcessInput {
  readonly processId: string;
  readonly type: string;
  readonly caseId?: string;
  readonly offence?: Offence;
  readonly legalBasis: string;
  readonly priority: Priority;
  readonly handlingCode: HandlingCode;
  readonly parties: Readonly<Record<string, PartyBinding>>;
  /** The request's start data; what the definition's `startData` declares becomes its first facts. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The version of the directory of competent authorities its parties were checked against, if one was in force. */
  readonly directoryVersion?: number;
}

/** Checks a process may be opened as asked; throws a DomainError naming what is wrong. */
export function checkOpen(
  definition: ProcessDefinition,
  input: Pick<OpenProcessInput, 'legalBasis' | 'parties' | 'data'>,
): void {
  const basis = legalBasisOf(input.legalBasis);
  checkLegalBasisApplies(basis, definition.type);
  checkParties(definition, input.parties);
  checkTerritorialScope(definition, basis, input.parties);
  checkStartData(definition, basis, input.data ?? {});
}

/**
 * The instrument binds the parties' states (EU instruments: member states only), and a process
 * between states runs between two (a state does not request itself).
 */
function checkTerritorialScope(
  definition: ProcessDefinition,
  basis: LegalBasis,
  parties: Readonly<Record<string, PartyBinding>>,
): void {
  const details: string[] = [];
  if (basis.states) {
    for (const [slot, binding] of Object.entries(parties)) {
      if (!basis.states.includes(binding.state)) {
        details.push(
          `parties.${slot}.state: ${binding.state} is not bound by ${basis.id} (it binds: ${basis.states.join(', ')})`,
        );
      }
    }
  }
  const { requestingParty, requestedParty } = definition.statistics;
  const requesting = parties[requestingParty]?.state;
  if (definition.betweenStates !== false && requesting !== undefined && requesting === parties[requestedParty]?.state) {
    details.push(
      `parties.${requestedParty}.state: ${requesting} is the requesting state too; a state does not request itself`,
    );
  }
  if (details.length) throw new DomainError(DomainErrorCode.PartiesInvalid, details.join('; '), details);
}

/**
 * The start data must be what the definition declares, and must declare what the legal basis's
 * deadlines depend on (e.g. accessibility under Dir. 2023/977 art. 5(1)).
 */
function checkStartData(definition: ProcessDefinition, basis: LegalBasis, data: Readonly<Record<string, unknown>>) {
  const parsed = definition.startData?.safeParse(data);
  const details = parsed && !parsed.success ? issueDetails('data', parsed.error.issues) : [];
  for (const deadline of definition.deadlines) {
    const variants = deadlineRuleFor(deadline, basis)?.variants;
    const field = deadline.variantBy;
    if (!variants || field === undefined || own(variants, String(data[field])) !== undefined) continue;
    const allowed = Object.keys(variants).map((v) => JSON.stringify(v));
    const detail = `data.${field}: expected one of ${allowed.join(', ')} (${basis.id} sets the '${deadline.id}' deadline by it)`;
    if (!details.some((d) => d.startsWith(`data.${field}:`))) details.push(detail);
  }
  if (details.length) {
    throw new DomainError(DomainErrorCode.PayloadInvalid, `invalid start data: ${details.join('; ')}`, details);
  }
}

/** What the start data declares, as the process's first facts (nothing when it declares nothing valid). */
function declaredFacts(definition: ProcessDefinition, data: Readonly<Record<string, unknown>> | undefined) {
  const parsed = definition.startData?.safeParse(data ?? {});
  return parsed?.success ? parsed.data : {};
}

/** The snapshot of a process that has just opened, at workflow time `now` (ms). */
export function openProcess(definition: ProcessDefinition, input: OpenProcessInput, now: number): ProcessSnapshot {
  const at = new Date(now).toISOString();
  const basis = legalBasisOf(input.legalBasis);
  const facts = declaredFacts(definition, input.data);
  // Field by field: callers pass wider objects (e.g. with the process's data), which must not
  // become part of the state every party can read.
  return {
    processId: input.processId,
    type: input.type,
    ...(input.caseId !== undefined ? { caseId: input.caseId } : {}),
    // Only when given, so the snapshots of processes started without one stay as they were.
    ...(input.offence !== undefined ? { offence: input.offence } : {}),
    ...(input.directoryVersion !== undefined ? { directoryVersion: input.directoryVersion } : {}),
    legalBasis: input.legalBasis,
    priority: input.priority,
    handlingCode: input.handlingCode,
    parties: input.parties,
    stage: definition.initial,
    sequence: 0,
    facts,
    tasks: [],
    auditHash: AUDIT_GENESIS,
    deadlines: deadlinesAfterMove(definition, basis, input.priority, [], undefined, definition.initial, now, facts),
    startedAt: at,
    updatedAt: at,
    stageSince: at,
  };
}

/** Checks that a new process binds every party slot its definition declares. */
export function checkParties(definition: ProcessDefinition, parties: Readonly<Record<string, unknown>>): void {
  const missing = definition.parties.filter((slot) => parties[slot] === undefined);
  const unknown = Object.keys(parties).filter((key) => slotOf(definition, key) === undefined);
  // An optional party acts for its stand-in's state (e.g. the requested state's prosecutor).
  const foreign = Object.entries(definition.optionalParties ?? {}).filter(([slot, { standIn }]) => {
    const state = (parties[slot] as PartyBinding | undefined)?.state;
    return state !== undefined && state !== (parties[standIn] as PartyBinding | undefined)?.state;
  });
  const details = [
    ...missing.map((slot) => `parties.${slot}: required for ${definition.type}`),
    ...unknown.map((slot) => `parties.${slot}: not a party of ${definition.type}`),
    ...foreign.map(([slot, { standIn }]) => `parties.${slot}.state: must be the state of parties.${standIn}`),
  ];
  if (details.length) {
    throw new DomainError(DomainErrorCode.PartiesInvalid, details.join('; '), details);
  }
}
