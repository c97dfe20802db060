/* eslint-disable @typescript-eslint/no-require-imports -- earlier versions are required when first
   asked for, as process-registry's current ones are. */
import { DomainError, DomainErrorCode } from '../model/domain-error';
import { own } from '../model/own';
import type { ProcessDefinition } from '../model/process-definition';
import { definitionOf, definitionsOnDemand } from './process-registry';

/**
 * Versions of the process definitions. A process keeps the version it started under (its start
 * input records it), so changing a definition never changes the rules — nor the replayed history —
 * of a process already running: old runs finish under the old rules, new runs use the new ones.
 *
 * A type's current definition is in process-registry. To change a definition
 * while processes run (docs/operations.md, "Changing a process definition"): copy the current one
 * to `<type>.definition.v<N>.ts` and add it to `earlierVersions`, change the definition, and raise
 * its number in `currentVersions`. Drop an earlier version once no open process uses it.
 */
const currentVersions: Readonly<Record<string, number>> = {
  // Version 2: refusal grounds per instrument and type, two-sided consultation (18(26)), partial refusal.
  mla: 2,
  // Version 2: the 16(10) obligation on every path, owed by a prosecutor, with a deadline and a
  // reported result; release on expiry tasks the requested state.
  extradition: 2,
  // Version 2: each state records the conditions it answers for; months left as a number; art. 3(2).
  'transfer-of-sentenced-person': 2,
};
/** Where each earlier version (`<type>@<version>`) is, read when a process of it first asks. */
const earlierDefinition = definitionsOnDemand({
  'mla@1': () => require('./mla.definition.v1').mlaDefinitionV1,
  'extradition@1': () => require('./extradition.definition.v1').extraditionDefinitionV1,
  'transfer-of-sentenced-person@1': () =>
    require('./transfer-of-sentenced-person.definition.v1').transferOfSentencedPersonDefinitionV1,
});

/** The version new processes of a type start under. */
export function currentDefinitionVersion(type: string): number {
  return own(currentVersions, type) ?? 1;
}

/** The definition a process runs under; a run started before versions were recorded is at version 1. */
export function definitionAt(type: string, version = 1): ProcessDefinition {
  if (version === currentDefinitionVersion(type)) return definitionOf(type);
  const earlier = earlierDefinition(`${type}@${version}`);
  if (!earlier) {
    throw new DomainError(
      DomainErrorCode.DefinitionVersionUnknown,
      `process type '${type}' has no definition version ${version} (current: ${currentDefinitionVersion(type)})`,
    );
  }
  return earlier;
}
