// Helpers for the domain's own specs (not exported from the library).
import type { Actor } from '../model/actor';
import { DomainError } from '../model/domain-error';
import type { ProcessDefinition } from '../model/process-definition';
import type { ProcessSnapshot } from '../model/process-state';
import { applyTransition, decide } from '../model/state-machine';

/** The stable code of the DomainError `fn` throws, or 'none' when it throws nothing. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'none';
}

/** Decides and applies one action at `now`, as the workflow would; throws the refusal otherwise. */
export const takerOf =
  (definition: ProcessDefinition, now: number) =>
  (snapshot: ProcessSnapshot, action: string, actor: Actor, payload: Record<string, unknown> = {}) =>
    applyTransition(definition, snapshot, decide(definition, snapshot, { action, payload }, actor), now);
