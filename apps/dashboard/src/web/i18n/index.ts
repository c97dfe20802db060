/**
 * The page in the reader's language: English, Spanish, French or Dutch (the working languages of
 * the Caribbean region Comity grew from). The language is the one the reader chose in the header,
 * else the first of the browser's languages the page has, else English; dates and numbers follow the
 * browser's own locale for that language (es-TT, nl-SR), so a reader's regional forms are kept.
 * Process, stage and action labels come from the installation's process definitions in English;
 * process-labels/ gives them in the reader's language where it has them.
 */
import { CATALOGUE, type MessageKey } from './catalogue';
import { LANGUAGES, type Language, type PluralText } from './define';

export { LANGUAGES, type Language } from './define';
export type { MessageKey } from './catalogue';

const STORAGE_KEY = 'comity.language';
type Params = Readonly<Record<string, string | number>>;

const isLanguage = (code: unknown): code is Language => LANGUAGES.some((l) => l.code === code);

function stored(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage refused (a locked-down browser): the browser's languages decide
  }
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

/** The reader's language: chosen, else the browser's first the page has, else English. */
export function preferredLanguage(
  chosen: string | null = stored(),
  offered: readonly string[] = browserLanguages(),
): Language {
  if (isLanguage(chosen)) return chosen;
  const match = offered.map((tag) => tag.toLowerCase().split('-')[0]).find(isLanguage);
  return match ?? 'en';
}

let current: Language = preferredLanguage();
const listeners = new Set<() => void>();

export const language = (): Language => current;

/**
 * The locale for dates and numbers: the browser's own tag for this language (es-TT), else the
 * language; in English with no English tag in the browser, the browser's own locale (an officer in
 * Curaçao reading English keeps Dutch dates).
 */
export function locale(): string | undefined {
  const own = browserLanguages().find((tag) => tag.toLowerCase().split('-')[0] === current);
  return own ?? (current === 'en' ? undefined : current);
}

/** Switches the page's language, remembers it in this browser, and tells the page to draw again. */
export function setLanguage(code: Language): void {
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // not remembered; this page still switches
  }
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function pick(text: string | PluralText, count: number | undefined, lang: Language): string {
  if (typeof text === 'string') return text;
  const category = new Intl.PluralRules(lang).select(count ?? 0) as keyof PluralText;
  return text[category] ?? text.other;
}

/**
 * A message in the reader's language, `{name}` filled from `params`; `params.count` chooses the
 * plural form of a message that has them. A message without this language's text (never, while the
 * catalogue type-checks) falls back to English.
 */
export function t(key: MessageKey, params: Params = {}, lang: Language = current): string {
  const message = CATALOGUE.get(key);
  if (!message) return key;
  const count = typeof params['count'] === 'number' ? params['count'] : undefined;
  return fill(pick(message[lang] ?? message.en, count, lang), params);
}

/**
 * A message whose values may be elements (a link, a `<code>`, text marked as English): its parts in
 * order, to append. The template is split before anything is put in, so a value's own braces are
 * never read as a placeholder.
 */
export function tParts(
  key: MessageKey,
  params: Readonly<Record<string, string | number | Node>> = {},
  lang: Language = current,
): (string | Node)[] {
  const message = CATALOGUE.get(key);
  if (!message) return [key];
  const count = typeof params['count'] === 'number' ? params['count'] : undefined;
  return pick(message[lang] ?? message.en, count, lang)
    .split(/\{(\w+)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return part;
      const value = params[part];
      return value === undefined ? `{${part}}` : typeof value === 'object' ? value : String(value);
    })
    .filter((part) => part !== '');
}

/**
 * Text that stays English whatever the page's language — the API's messages, what a process
 * definition says — marked so that a screen reader reads it in English (WCAG 3.1.2, language of
 * parts). On an English page it is plain text.
 */
export function english(text: string): string | Node {
  if (current === 'en') return text;
  const span = document.createElement('span');
  span.lang = 'en';
  span.textContent = text;
  return span;
}

/** A number in the reader's locale: 12 345, 12.345, 12,345. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/**
 * The page's fixed text (index.html): each element with `data-i18n` gets that message as its text,
 * `data-i18n-label` as its aria-label; the document's `lang` follows.
 */
export function translateStatic(root: Document): void {
  root.documentElement.lang = current;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset['i18n'] as MessageKey);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset['i18nLabel'] as MessageKey));
  }
}

/** A role as the reader's language names it. */
export function roleName(role: string): string {
  switch (role) {
    case 'coordinator':
      return t('common.roleCoordinator');
    case 'agency':
      return t('common.roleAgency');
    case 'auditor':
      return t('common.roleAuditor');
    case 'admin':
      return t('common.roleAdministrator');
    default:
      return role;
  }
}

/** A priority as the reader's language names it. */
export function priorityName(priority: string): string {
  switch (priority) {
    case 'urgent':
      return t('common.priorityUrgent');
    case 'high':
      return t('common.priorityHigh');
    case 'normal':
      return t('common.priorityNormal');
    default:
      return priority;
  }
}
