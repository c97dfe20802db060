import { DomainError } from '../model/domain-error';
import { currentDefinitionVersion, definitionAt } from './definition-versions';
import { definitionOf, processTypes } from './process-registry';

describe('definition versions', () => {
  it('start every type at version 1, its registered definition', () => {
    for (const type of processTypes) {
      expect(currentDefinitionVersion(type)).toBe(1);
      expect(definitionAt(type, 1)).toBe(definitionOf(type));
    }
  });

  it('treat a run that recorded no version as version 1', () => {
    expect(definitionAt('mla')).toBe(definitionOf('mla'));
  });

  it('refuse a version the code does not have, with a stable code', () => {
    expect(() => definitionAt('mla', 7)).toThrow(DomainError);
    expect(() => definitionAt('mla', 7)).toThrow(/no definition version 7/);
  });
});
