import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE } from './catalogue';
import { LANGUAGES, type Text } from './define';
import { preferredLanguage, t, tParts } from './index';

/**
 * The catalogue is complete (the types see to every language of every message; these see to the
 * rest): no message unused by the page, every translation with the same `{values}` as the English,
 * no empty text, plural forms where the English has them.
 */
const web = path.resolve(__dirname, '..');

function pageSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'messages' ? [] : pageSources(file);
    return /\.(ts|html)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [readFileSync(file, 'utf8')] : [];
  });
}

const placeholders = (text: Text): string[] =>
  [
    ...new Set((typeof text === 'string' ? [text] : Object.values(text)).flatMap((s) => s.match(/\{\w+\}/g) ?? [])),
  ].sort();

describe('the catalogue', () => {
  const sources = pageSources(web).join('\n');

  it('has no message the page does not use', () => {
    const unused = [...CATALOGUE.keys()].filter(
      (key) => !sources.includes(`'${key}'`) && !sources.includes(`"${key}"`),
    );
    expect(unused).toEqual([]);
  });

  it('gives every language the values the English message has, and no empty text', () => {
    const problems: string[] = [];
    for (const [key, message] of CATALOGUE) {
      const english = placeholders(message.en);
      for (const { code } of LANGUAGES) {
        const text = message[code];
        const forms = typeof text === 'string' ? [text] : Object.values(text);
        if (forms.some((form) => !form.trim())) problems.push(`${key} (${code}): empty`);
        if (placeholders(text).join() !== english.join())
          problems.push(`${key} (${code}): ${placeholders(text).join()} vs ${english.join()}`);
        if (typeof message.en !== typeof text) problems.push(`${key} (${code}): plural forms differ from the English`);
        if (
          typeof text !== 'string' &&
          code !== 'en' &&
          new Intl.PluralRules(code).resolvedOptions().pluralCategories.some((c) => c !== 'many' && !(c in text))
        )
          problems.push(`${key} (${code}): a plural form of the language is missing`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fills values and chooses the plural form by the count', () => {
    expect(t('common.navCases', {}, 'es')).toBe('Casos');
    expect(t('common.sessionEnded', {}, 'nl')).toMatch(/^Uw sessie/);
    expect(t('action.fieldsNeedAttention', { count: 1 }, 'es')).toBe('Un campo requiere atención.');
    expect(t('action.fieldsNeedAttention', { count: 3 }, 'fr')).toBe('3 champs demandent votre attention.');
    expect(t('action.fieldsNeedAttention', { count: 1 }, 'en')).toBe('One field needs attention.');
  });
});

describe('a message with elements in it', () => {
  it('puts each value in its place, and reads no placeholder in a value', () => {
    const code = { nodeType: 1 } as unknown as Node;
    expect(tParts('signIn.pasteHint', { command: code, agencyOption: '{command}' }, 'en')).toContain(code);
    expect(tParts('signIn.pasteHint', { command: code, agencyOption: '{command}' }, 'en')).toContain('{command}');
    expect(tParts('common.sessionEnded', {}, 'fr')).toEqual([t('common.sessionEnded', {}, 'fr')]);
  });
});

describe('the reader’s language', () => {
  it('is the one chosen, else the browser’s first the page has, else English', () => {
    expect(preferredLanguage('fr', ['es-ES'])).toBe('fr');
    expect(preferredLanguage(null, ['de-DE', 'nl-SR', 'es'])).toBe('nl');
    expect(preferredLanguage('xx', ['pt-BR'])).toBe('en');
    expect(preferredLanguage(null, [])).toBe('en');
  });
});
