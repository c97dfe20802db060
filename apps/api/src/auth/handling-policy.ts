import type { Actor, HandlingCode } from '@comity/domain';
import { forbidden } from '../http/api-error';

/**
 * What a case's handling code (SIENA-style H0–H3) hides from whom, on top of roles and parties:
 * - H0, H1: no further restriction;
 * - H2: auditors see the process but not what its events carried (payloads are withheld);
 * - H3: only the parties' agencies, coordinators and admins see the process at all.
 */
export const handlingCodesHiddenFrom = (actor: Actor): HandlingCode[] => (actor.role === 'auditor' ? ['H3'] : []);

export function checkHandlingCode(actor: Actor, code: HandlingCode): void {
  if (handlingCodesHiddenFrom(actor).includes(code)) {
    throw forbidden('HANDLING_RESTRICTED', `handling code ${code} restricts this to the parties and coordinators`);
  }
}

export const mayReadPayloads = (actor: Actor, code: HandlingCode): boolean =>
  !(actor.role === 'auditor' && code >= 'H2');
