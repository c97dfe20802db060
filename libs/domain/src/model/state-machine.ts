import type { Actor } from './actor';
import { DomainError, DomainErrorCode } from './domain-error';
import type { ActionDefinition, Permission, ProcessDefinition } from './process-definition';
import type { ProcessSnapshot } from './process-state';

export interface ActionCommand {
  readonly action: string;
  readonly payload?: unknown;
}

export interface Transition {
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly payload: unknown;
}

function permits(permission: Permission, actor: Actor, snapshot: ProcessSnapshot): boolean {
  if ('role' in permission) return actor.role === permission.role;
  const party = snapshot.parties[permission.party];
  return actor.role === 'agency' && party !== undefined && party.agencyId === actor.agencyId;
}

function mayTake(action: ActionDefinition<string>, actor: Actor, snapshot: ProcessSnapshot): boolean {
  return actor.role === 'admin' || action.by.some((p) => permits(p, actor, snapshot));
}

/** Actions the actor may take in the snapshot's current stage, in declaration order. */
export function allowedActions(definition: ProcessDefinition, snapshot: ProcessSnapshot, actor: Actor): string[] {
  return Object.entries(definition.actions)
    .filter(([, action]) => action.from.includes(snapshot.stage) && mayTake(action, actor, snapshot))
    .map(([name]) => name);
}

/**
 * Decides whether the actor may take the command now. Pure: the same inputs always give the
 * same answer, so the workflow's update validator and the API's "allowed actions" agree.
 */
export function decide(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  command: ActionCommand,
  actor: Actor,
): Transition {
  const action = definition.actions[command.action];
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
  if (!mayTake(action, actor, snapshot)) {
    throw new DomainError(
      DomainErrorCode.ActorNotPermitted,
      `${describe(actor)} may not take '${command.action}' here`,
    );
  }
  const payload = validatePayload(action, command);
  return { action: command.action, from: snapshot.stage, to: action.to ?? snapshot.stage, payload };
}

function validatePayload(action: ActionDefinition<string>, command: ActionCommand): unknown {
  if (!action.payload) return command.payload ?? {};
  const parsed = action.payload.safeParse(command.payload ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => `payload.${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new DomainError(
    DomainErrorCode.PayloadInvalid,
    `invalid payload for '${command.action}': ${details.join('; ')}`,
    details,
  );
}

function describe(actor: Actor): string {
  return actor.agencyId ? `${actor.role} of agency '${actor.agencyId}'` : `${actor.role} '${actor.userId}'`;
}

/** Checks that a new process binds every party slot its definition declares. */
export function checkParties(definition: ProcessDefinition, parties: Readonly<Record<string, unknown>>): void {
  const missing = definition.parties.filter((slot) => parties[slot] === undefined);
  const unknown = Object.keys(parties).filter((slot) => !definition.parties.includes(slot));
  const details = [
    ...missing.map((slot) => `parties.${slot}: required for ${definition.type}`),
    ...unknown.map((slot) => `parties.${slot}: not a party of ${definition.type}`),
  ];
  if (details.length) {
    throw new DomainError(DomainErrorCode.PartiesInvalid, details.join('; '), details);
  }
}
