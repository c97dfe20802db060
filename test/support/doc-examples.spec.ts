import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { definedNames, mismatches, readDocExamples } from './doc-examples';

describe('documented answers', () => {
  it('match when the documented keys and elements agree, with … standing for generated text', () => {
    const actual = { id: 'mla-7f3a', stage: 'draft', created: true, extra: 1, items: [{ a: 1, b: 2 }] };
    expect(mismatches(actual, { id: 'mla-…', stage: 'draft', items: [{ a: 1 }] })).toEqual([]);
  });

  it('name every departure: a wrong value, a missing key, a different length, an unlike string', () => {
    const actual = { id: 'case-1', stage: 'draft', items: [1, 2] };
    expect(mismatches(actual, { id: 'mla-…', stage: 'transmitted', created: true, items: [1] })).toEqual([
      '$.id: "case-1" is not like "mla-…"',
      '$.stage: "draft" is not "transmitted"',
      '$.created: missing',
      '$.items: expected 1 items, got 2',
    ]);
    expect(mismatches([{ a: 1 }], [{ a: 2 }])).toEqual(['$[0].a: 1 is not 2']);
    expect(mismatches('x', { a: 1 })).toEqual(['$: expected an object, got "x"']);
  });
});

describe('reading examples from Markdown', () => {
  it('pairs each sh block with the json block right after it, and names what the script defines', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'doc-')), 'doc.md');
    writeFileSync(
      file,
      [
        '# t',
        '```sh',
        'A=1',
        'f() {',
        '  echo',
        '}',
        '```',
        '',
        '```json',
        '{ "a": 1 }',
        '```',
        '```sh',
        'echo',
        '```',
        '',
      ].join('\n'),
    );
    const examples = readDocExamples(file);
    expect(examples).toEqual([
      { line: 2, script: 'A=1\nf() {\n  echo\n}\n', expected: { a: 1 } },
      { line: 12, script: 'echo\n' },
    ]);
    expect(definedNames(examples[0]?.script ?? '')).toEqual({ variables: ['A'], functions: ['f'] });
  });
});
