import { DomainError, DomainErrorCode } from '../model/domain-error';
import { own } from '../model/own';
import type { ProcessDefinition } from '../model/process-definition';
import { withCommonActions } from './common';
import { assetConfiscationDefinition } from './asset-confiscation.definition';
import { extraditionDefinition } from './extradition.definition';
import { jointInvestigationDefinition } from './joint-investigation.definition';
import { mlaDefinition } from './mla.definition';

const definitions: Readonly<Record<string, ProcessDefinition>> = Object.fromEntries(
  [mlaDefinition, extraditionDefinition, jointInvestigationDefinition, assetConfiscationDefinition].map((d) => [
    d.type,
    withCommonActions<string, string>(d),
  ]),
);

export const processTypes: readonly string[] = Object.keys(definitions);

/** The definition of a process type, with the actions common to every type. */
export function definitionOf(type: string): ProcessDefinition {
  const definition = own(definitions, type);
  if (!definition) {
    throw new DomainError(
      DomainErrorCode.ProcessTypeUnknown,
      `unknown process type '${type}' (known: ${processTypes.join(', ')})`,
    );
  }
  return definition;
}
