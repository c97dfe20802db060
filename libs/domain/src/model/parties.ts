import type { PartyBinding, ProcessDefinition } from './process-definition';

/** The key a member of a group slot is bound under: `<group>:<agencyId>` (the first member: the slot itself). */
export const memberKey = (group: string, agencyId: string): string => `${group}:${agencyId}`;

/** The slot a party key binds: the key itself, or the group a `<group>:<agencyId>` key belongs to. */
export function slotOf(definition: ProcessDefinition, key: string): string | undefined {
  if (definition.parties.includes(key) || definition.optionalParties?.[key] !== undefined) return key;
  const separator = key.indexOf(':');
  const group = separator > 0 ? key.slice(0, separator) : undefined;
  return group !== undefined && definition.groups?.includes(group) ? group : undefined;
}

/** Every binding of a slot: one for a plain slot, each member for a group. */
export function bindingsOf(
  definition: ProcessDefinition,
  parties: Readonly<Record<string, PartyBinding>>,
  slot: string,
): PartyBinding[] {
  return Object.entries(parties)
    .filter(([key]) => slotOf(definition, key) === slot)
    .map(([, binding]) => binding);
}

/**
 * The binding of the party a stage awaits: the slot's own, or for an optional slot left unbound,
 * its stand-in's (the requested central authority until a prosecutor is named).
 */
export function awaitedBinding(
  definition: ProcessDefinition,
  parties: Readonly<Record<string, PartyBinding>>,
  party: string,
): PartyBinding | undefined {
  const standIn = definition.optionalParties?.[party]?.standIn;
  return parties[party] ?? (standIn !== undefined ? parties[standIn] : undefined);
}
