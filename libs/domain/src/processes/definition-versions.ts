import { DomainError, DomainErrorCode } from '../model/domain-error';
import { own } from '../model/own';
import type { ProcessDefinition } from '../model/process-definition';
import { definitionOf } from './process-registry';

/**
 * Versions of the process definitions. A process keeps the version it started under (its start
 * input records it), so changing a definition never changes the rules — nor the replayed history —
 * of a process already running: old runs finish under the old rules, new runs use the new ones.
 *
 * Every type is at version 1 today: its definition in process-registry. To change a definition
 * while processes run (docs/operations.md, "Changing a process definition"): copy the current one
 * to `<type>.definition.v<N>.ts` and add it to `earlierVersions`, change the definition, and raise
 * its number in `currentVersions`. Drop an earlier version once no open process uses it.
 */
const currentVersions: Readonly<Record<string, number>> = {};
const earlierVersions: Readonly<Record<string, Readonly<Record<number, ProcessDefinition>>>> = {};

/** The version new processes of a type start under. */
export function currentDefinitionVersion(type: string): number {
  return own(currentVersions, type) ?? 1;
}

/** The definition a process runs under; a run started before versions were recorded is at version 1. */
export function definitionAt(type: string, version = 1): ProcessDefinition {
  if (version === currentDefinitionVersion(type)) return definitionOf(type);
  const earlier = own(earlierVersions, type)?.[version];
  if (!earlier) {
    throw new DomainError(
      DomainErrorCode.DefinitionVersionUnknown,
      `process type '${type}' has no definition version ${version} (current: ${currentDefinitionVersion(type)})`,
    );
  }
  return earlier;
}
