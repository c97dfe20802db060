import { readFileSync } from 'node:fs';

/**
 * Shell examples in a Markdown document, each with the JSON answer shown after it (if any). The
 * examples are a walk-through: they run in order and share the variables and functions they define.
 */
export interface DocExample {
  readonly line: number;
  readonly script: string;
  readonly expected?: unknown;
}

const FENCE = /^```(\w*)\n([\s\S]*?)^```$/gm;

export function readDocExamples(file: string): DocExample[] {
  const text = readFileSync(file, 'utf8');
  const blocks = [...text.matchAll(FENCE)].map((m) => ({
    lang: m[1],
    body: m[2] ?? '',
    line: text.slice(0, m.index).split('\n').length,
  }));
  const examples: DocExample[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'sh') return;
    const next = blocks[i + 1];
    examples.push({
      line: block.line,
      script: block.body,
      ...(next?.lang === 'json' ? { expected: JSON.parse(next.body) } : {}),
    });
  });
  return examples;
}

/** Names of the shell variables and functions a script defines at its top level. */
export function definedNames(script: string): { variables: string[]; functions: string[] } {
  const variables = [...script.matchAll(/^(?:export\s+)?([A-Za-z_]\w*)=/gm)].map((m) => m[1] as string);
  const functions = [...script.matchAll(/^([A-Za-z_]\w*)\(\)\s*\{/gm)].map((m) => m[1] as string);
  return { variables: [...new Set(variables)], functions: [...new Set(functions)] };
}

/**
 * Where an answer departs from the documented one, or [] when it matches: objects must hold the
 * documented keys (more are allowed), arrays the documented elements in order and no others, and
 * a documented string with `…` matches any text in its place.
 */
export function mismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof expected === 'string' && expected.includes('…')) {
    const pattern = new RegExp(
      `^${expected
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*')}$`,
    );
    return typeof actual === 'string' && pattern.test(actual)
      ? []
      : [`${path}: ${JSON.stringify(actual)} is not like ${JSON.stringify(expected)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((item, i) => mismatches(actual[i], item, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    }
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual
        ? mismatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`];
}
