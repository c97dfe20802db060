import { DomainError } from '../model/domain-error';
import { currentDefinitionVersion, definitionAt } from './definition-versions';
import { definitionOf, processTypes } from './process-registry';

describe('definition versions', () => {
  it('run new processes of every type under its registered definition', () => {
    for (const type of processTypes) {
      expect(definitionAt(type, currentDefinitionVersion(type))).toBe(definitionOf(type));
    }
  });

  it('keep version 1 of the types changed since, for the processes started under it', () => {
    for (const type of ['mla', 'extradition', 'transfer-of-sentenced-person']) {
      expect(currentDefinitionVersion(type)).toBe(2);
      expect(definitionAt(type, 1)).not.toBe(definitionOf(type));
    }
    expect(Object.keys(definitionAt('extradition', 1).states)).not.toContain('release-due');
  });

  it('treat a run that recorded no version as version 1', () => {
    expect(definitionAt('mla')).toBe(definitionAt('mla', 1));
  });

  it('refuse a version the code does not have, with a stable code', () => {
    expect(() => definitionAt('mla', 7)).toThrow(DomainError);
    expect(() => definitionAt('mla', 7)).toThrow(/no definition version 7/);
  });
});
