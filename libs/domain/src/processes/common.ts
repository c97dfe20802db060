import { z } from 'zod';
import { own } from '../model/own';
import { Priorities } from '../model/process-state';
import type { ActionDefinition, GuardContext, GuardProblem, ProcessDefinition } from '../model/process-definition';

export const reasons = z.string().trim().min(1, 'reasons are required');

// A plain pattern rather than z.iso.date(), whose check fails inside Temporal's workflow sandbox.
export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-01')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a calendar date');

/** A state, as an ISO 3166-1 alpha-2 code (party bindings use the same). */
export const stateCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as DE');

/** A non-empty text field, with a message naming it. */
export const required = (name: string) => z.string().trim().min(1, `${name} is required`);

/** A refusal ground must be one the legal basis permits (UNTOC 18(21), 16; ECE; EIO art. 11). */
export function permittedGround(context: GuardContext<{ readonly ground: string }>): GuardProblem[] {
  return permittedGroundExcept({})(context);
}

/**
 * As permittedGround, for an action that does not take some of the basis's grounds because another
 * action handles them (ground -> why, naming that action): those are refused with that reason and
 * never listed as permitted, so a refusal does not offer a ground the next attempt is refused on.
 */
export function permittedGroundExcept(handledElsewhere: Readonly<Record<string, string>>) {
  return ({ payload, basis }: GuardContext<{ readonly ground: string }>): GuardProblem[] => {
    const { ground } = payload;
    const elsewhere = own(handledElsewhere, ground);
    if (elsewhere !== undefined) return [{ code: 'PRECONDITION_UNMET', detail: elsewhere }];
    if (own(basis.refusalGrounds, ground) !== undefined) return [];
    const permitted = Object.keys(basis.refusalGrounds).filter((g) => own(handledElsewhere, g) === undefined);
    return [
      {
        code: 'NOT_PERMITTED_BY_LEGAL_BASIS',
        detail: `ground '${ground}' is not permitted by ${basis.id} (permitted: ${permitted.join(', ')})`,
      },
    ];
  };
}

/** Actions every process type has, whatever its stages. */
export function withCommonActions<S extends string, A extends string>(
  definition: ProcessDefinition<S, A>,
): ProcessDefinition<S, A | 'change-priority'> {
  const open = (Object.keys(definition.states) as S[]).filter((s) => !definition.states[s].terminal);
  const changePriority: ActionDefinition<S> = {
    label: 'Change the priority (deadlines follow)',
    from: open,
    by: [{ role: 'coordinator' }],
    payload: z.object({ priority: z.enum(Priorities), reason: reasons }),
    setsPriority: true,
  };
  return { ...definition, actions: { ...definition.actions, 'change-priority': changePriority } };
}
