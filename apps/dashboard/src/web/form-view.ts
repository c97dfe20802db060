/**
 * Drawing what action-form.ts describes: a control per field with its label, what it allows and
 * where its error goes; reading back what was typed; marking the fields a check or the server
 * refused. Every element id starts with the caller's prefix, so that several sets of fields (the
 * start form's case facts, one per party, the type's data) live in one page without clashing.
 */
import { optionLabel, own, type FormField, type FormValues } from './action-form';
import { h, joined, type Shown } from './dom';
import { english, language, t, tParts } from './i18n';

/**
 * A key for one intent to act: the same key on every submission of one form (a double click, a
 * retry after the network failed) applies it once; a form the server refused gets a new one, since
 * nothing was applied. From getRandomValues, which (unlike randomUUID) needs no secure context.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `page-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const MEMORY_PREFIX = 'comity:unconfirmed:';

/**
 * What this browser tab keeps for one user under `name`, beyond the page's life: a submission whose
 * answer never came must be sent again with its key even after signing in again (which rebuilds the
 * page). Another user signing in in the same tab sees none of it; signing out forgets it all
 * (forgetTabMemory). In memory only when the browser refuses storage.
 */
export function tabMemory<T>(
  name: string,
  owner: string,
): {
  get(key: string): T | undefined;
  set(key: string, value: T | undefined): void;
} {
  const fallback = new Map<string, T>();
  const at = (key: string) => `${MEMORY_PREFIX}${encodeURIComponent(owner)}:${name}:${key}`;
  return {
    get(key) {
      try {
        const stored = sessionStorage.getItem(at(key));
        return stored === null ? fallback.get(key) : (JSON.parse(stored) as T);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      if (value === undefined) fallback.delete(key);
      else fallback.set(key, value);
      try {
        if (value === undefined) sessionStorage.removeItem(at(key));
        else sessionStorage.setItem(at(key), JSON.stringify(value));
      } catch {
        // kept in memory above
      }
    },
  };
}

/** Forgets every unconfirmed submission this tab kept (on signing out: what was typed does not stay behind). */
export function forgetTabMemory(): void {
  try {
    const keys = Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i));
    for (const key of keys) if (key?.startsWith(MEMORY_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}

/**
 * Whether an answer proves that the request it answers did nothing: a client error, but not a
 * refusal of the caller (401, 403) to a submission sent again, which says nothing of the first one.
 */
export function provesNothingApplied(status: number, resent: boolean): boolean {
  return status >= 400 && status < 500 && status !== 429 && !(resent && (status === 401 || status === 403));
}

const idOf = (prefix: string, field: FormField) => `${prefix}${field.name}`;

/** A field's own words (label, description) as shown: the schema's English marked as such, the page's as they are. */
const wordsOf = (field: FormField, text: string): Shown => (field.translated ? text : english(text));

/** A field's label as shown: the schema's (English) marked as such, the page's own as it is. */
export const fieldLabel = (field: FormField): Shown => wordsOf(field, field.label);

/** A check's message said at its field (`Reasons is required.`), the field's English name marked (action-form `sentences`). */
export const fieldProblem = (field: FormField, problem: string): Shown =>
  joined(tParts('action.fieldProblem', { field: fieldLabel(field), problem }));

/** Whether an option's label is the definition's English throughout (a refusal ground's meaning). */
const isEnglishOption = (field: FormField, value: string): boolean => field.englishOptions?.includes(value) ?? false;

/** Text the API said (a refusal's sentences at the fields), each marked as English. */
export const inEnglish = (texts: Readonly<Record<string, string>>): Record<string, Shown> =>
  Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, english(text)]));

/**
 * A refusal's lines that name no field (action-form `refusalBySection`): `message`, which the page
 * chose, shown as `said`; the rest are the API's details, marked as English.
 */
export const refusalLines = (lines: readonly string[], message: string, said: Shown): Shown[] =>
  lines.map((line) => (line === message ? said : english(line)));

function control(
  field: FormField,
  prefix: string,
  value: FormValues[string] | undefined,
  describedBy: string,
): HTMLElement {
  const common = {
    id: idOf(prefix, field),
    name: idOf(prefix, field),
    'aria-describedby': describedBy,
    // A yes/no box is never required to be ticked, whatever the schema calls required.
    'aria-required': field.required && field.kind !== 'yes-no' ? 'true' : null,
  };
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'long-text':
    case 'list':
      return h('textarea', { ...common, rows: field.kind === 'list' ? 3 : 4 }, text);
    case 'choice':
      return h(
        'select',
        common,
        h('option', { value: '' }, t('action.choose')),
        ...field.options.map((o) =>
          h(
            'option',
            // An option holds text only: the whole option is marked, on a page that is not English.
            { value: o, selected: o === text, lang: language() !== 'en' && isEnglishOption(field, o) ? 'en' : null },
            optionLabel(field, o),
          ),
        ),
      );
    case 'yes-no':
      return h('input', { ...common, type: 'checkbox', checked: value === true });
    case 'number':
      return h('input', { ...common, type: 'text', inputmode: 'decimal', value: text });
    case 'date':
      return h('input', { ...common, type: 'date', value: text });
    default:
      return h('input', { ...common, type: 'text', value: text, autocomplete: 'off' });
  }
}

/** One field: its label (required or optional), its control, what it is for and allows, its error. */
export function fieldView(field: FormField, values: FormValues, prefix: string): HTMLElement {
  const id = idOf(prefix, field);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // What the field is for (the schema's English), then what it allows: "Needed for … At least 30 characters."
  const help = [
    field.description ? wordsOf(field, field.description) : '',
    field.hint ? `${field.hint.charAt(0).toUpperCase()}${field.hint.slice(1)}.` : '',
  ].filter((part) => part !== '');
  const describedBy = help.length ? `${hintId} ${errorId}` : errorId;
  const labelled = tParts(field.required ? 'action.labelRequired' : 'action.labelOptional', {
    label: fieldLabel(field),
  });
  const hint = help.length
    ? h('p', { id: hintId, class: 'hint' }, ...help.flatMap((part, i) => (i ? [' ', part] : [part])))
    : null;
  const error = h('p', { id: errorId, class: 'field-error' });
  if (field.kind === 'choices') {
    const chosen = new Set(Array.isArray(values[field.name]) ? (values[field.name] as string[]) : []);
    return h(
      'fieldset',
      { class: 'form-field', 'data-field': field.name, id, 'aria-describedby': describedBy },
      h('legend', {}, ...labelled),
      ...field.options.map((o) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'checkbox', name: id, value: o, checked: chosen.has(o) }),
          ' ',
          isEnglishOption(field, o) ? english(optionLabel(field, o)) : optionLabel(field, o),
        ),
      ),
      hint,
      error,
    );
  }
  if (field.kind === 'yes-no') {
    return h(
      'div',
      { class: 'form-field', 'data-field': field.name },
      h('label', { class: 'choice' }, control(field, prefix, values[field.name], describedBy), ' ', fieldLabel(field)),
      hint,
      error,
    );
  }
  return h(
    'div',
    { class: 'form-field', 'data-field': field.name },
    h('label', { for: id }, ...labelled),
    control(field, prefix, values[field.name], describedBy),
    hint,
    error,
  );
}

/** What was typed into the fields drawn with `prefix` under `container`. */
export function readValues(container: ParentNode, fields: readonly FormField[], prefix: string): FormValues {
  const values: Record<string, FormValues[string]> = {};
  for (const field of fields) {
    const id = CSS.escape(idOf(prefix, field));
    if (field.kind === 'choices') {
      values[field.name] = [...container.querySelectorAll<HTMLInputElement>(`#${id} input:checked`)].map(
        (i) => i.value,
      );
      continue;
    }
    const el = container.querySelector(`#${id}`);
    if (el instanceof HTMLInputElement && el.type === 'checkbox') values[field.name] = el.checked;
    else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
      values[field.name] = el.value;
  }
  return values;
}

/**
 * Shows each field's error (or clears it) and marks the control invalid; returns the first invalid
 * field's control, where the focus should go. An error may have parts marked (the API's English).
 */
export function markErrors(
  container: ParentNode,
  fields: readonly FormField[],
  errors: Readonly<Record<string, Shown>>,
  prefix: string,
): HTMLElement | undefined {
  let first: HTMLElement | undefined;
  for (const field of fields) {
    const message = own(errors, field.name);
    const control = container.querySelector<HTMLElement>(`#${CSS.escape(idOf(prefix, field))}`);
    const box = control?.closest<HTMLElement>('.form-field');
    const error = box?.querySelector<HTMLElement>('.field-error');
    if (error) error.replaceChildren(...(message === undefined ? [] : [message]));
    box?.classList.toggle('invalid', message !== undefined);
    control?.setAttribute('aria-invalid', String(message !== undefined));
    if (message !== undefined && !first && control)
      first = control instanceof HTMLFieldSetElement ? (control.querySelector('input') ?? control) : control;
  }
  return first;
}
