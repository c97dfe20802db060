/** Writes docs/processes/<type>.md for every process type and docs/legal-bases.md:  npm run docs:processes */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { definitionOf, legalBases, legalBasesMarkdown, processTypes, toMarkdown } from '../src';

const dir = path.resolve(__dirname, '../../../docs/processes');
for (const type of processTypes) {
  const file = path.join(dir, `${type}.md`);
  writeFileSync(file, toMarkdown(definitionOf(type)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
const bases = path.resolve(__dirname, '../../../docs/legal-bases.md');
writeFileSync(bases, legalBasesMarkdown(Object.values(legalBases)));
console.log(`wrote ${path.relative(process.cwd(), bases)}`);
