import { DomainError, DomainErrorCode } from '../model/domain-error';
import type { ProcessDefinition } from '../model/process-definition';
import { mlaDefinition } from './mla.definition';

const definitions: Readonly<Record<string, ProcessDefinition>> = {
  [mlaDefinition.type]: mlaDefinition,
};

export const processTypes: readonly string[] = Object.keys(definitions);

export function definitionOf(type: string): ProcessDefinition {
  const definition = definitions[type];
  if (!definition) {
    throw new DomainError(
      DomainErrorCode.ProcessTypeUnknown,
      `unknown process type '${type}' (known: ${processTypes.join(', ')})`,
    );
  }
  return definition;
}
