import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { definitionOf, processTypes } from '../processes/process-registry';
import { mlaDefinition } from '../processes/mla.definition';
import { legalBases } from '../legal-basis/legal-basis.table';
import { legalBasesMarkdown, toMarkdown, toMermaid } from './process-documentation';

describe('generated process documentation', () => {
  it('draws every action as an edge from each of its stages', () => {
    const diagram = toMermaid(mlaDefinition);
    expect(diagram).toContain('[*] --> draft');
    expect(diagram).toContain('transmitted --> acknowledged : acknowledge');
    expect(diagram).toContain('in_execution --> in_execution : return-partial');
    expect(diagram).toContain('executed --> [*]');
  });

  it.each(processTypes)('docs/processes/%s.md is up to date (npm run docs:processes)', (type) => {
    const file = path.resolve(__dirname, `../../../../docs/processes/${type}.md`);
    expect(readFileSync(file, 'utf8')).toBe(toMarkdown(definitionOf(type)));
  });

  it('docs/legal-bases.md is up to date (npm run docs:processes)', () => {
    const file = path.resolve(__dirname, '../../../../docs/legal-bases.md');
    expect(readFileSync(file, 'utf8')).toBe(legalBasesMarkdown(Object.values(legalBases)));
  });
});
