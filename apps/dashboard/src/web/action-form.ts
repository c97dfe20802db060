/**
 * An action's form, derived from the payload schema the API publishes for it (`/process-types/{type}`,
 * JSON Schema from the one declaration in libs/domain): which fields, of what kind, which are
 * required, what each allows; the check of what a user typed before anything is sent; and the
 * server's refusal mapped back to the field it concerns. Pure functions of data, no DOM: the page
 * (action-panel.ts) draws what this describes, and a framework would draw the same.
 */
import { formatNumber, t } from './i18n';

export type JsonSchema = Readonly<Record<string, unknown>>;

export type FieldKind = 'text' | 'long-text' | 'date' | 'choice' | 'number' | 'yes-no' | 'choices' | 'list';

export interface FormField {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** What is allowed, in words (the reader's language), shown under the field (empty when anything goes). */
  readonly hint: string;
  /** What the field is for, as the domain words it (the schema's `description`), or empty. */
  readonly description: string;
  /** For `choice` and `choices`: the values allowed, and what each means where the page knows it. */
  readonly options: readonly string[];
  readonly optionLabels: Readonly<Record<string, string>>;
  /** The options whose labels are the process definition's English throughout (a refusal ground's meaning). */
  readonly englishOptions?: readonly string[];
  /**
   * Whether the label and description are the page's own words, in the reader's language; else they
   * are the schema's (the property's name, its `description`), in English whatever the page's language.
   */
  readonly translated?: boolean;
  readonly schema: JsonSchema;
}

/** A payload that is one of several shapes (`oneOf`), told apart by one field's value. */
export interface FormVariants {
  /** The field whose value picks the shape, e.g. `condition`. */
  readonly by: string;
  readonly variants: readonly { readonly values: readonly string[]; readonly fields: readonly FormField[] }[];
}

export interface ActionForm {
  readonly fields: readonly FormField[];
  readonly variants?: FormVariants;
}

/** What the user typed, by field: text as typed, a checkbox as a boolean, a choice set as a list. */
export type FormValues = Readonly<Record<string, string | boolean | readonly string[]>>;

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * Patterns the domain uses, in words (in the reader's language when asked) with an example (a
 * pattern not listed here is shown as it is).
 */
export const PATTERNS: Readonly<Record<string, { readonly hint: () => string; readonly example: string }>> = {
  [DATE]: { hint: () => t('action.patternDate'), example: '2026-12-31' },
  '^[A-Z]{2}$': { hint: () => t('action.patternCountry'), example: 'FR' },
  '^[A-Z]{3}$': { hint: () => t('action.patternCurrency'), example: 'EUR' },
  '^[a-z]{2}$': { hint: () => t('action.patternLanguage'), example: 'fr' },
  '^\\d{1,15}(\\.\\d{1,3})?$': { hint: () => t('action.patternAmount'), example: '1250.50' },
  '^[A-Za-z0-9._:-]+$': { hint: () => t('action.patternIdentifierChars'), example: 'fr-police' },
  '^[A-Za-z0-9._-]+$': { hint: () => t('action.patternNameChars'), example: 'fr-police' },
  '^[A-Za-z0-9._:-]{1,100}$': { hint: () => t('action.patternIdentifier'), example: 'fr-police' },
  '^doc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$': {
    hint: () => t('action.patternDocument'),
    example: 'doc-0b5d2f5e-8c1a-4e0f-9d3b-2a7c6e1f4b90',
  },
};

/** A record's own value under the key, never one inherited (a value named `constructor`). */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

const patternHint = (pattern: string) => own(PATTERNS, pattern)?.hint() ?? t('action.patternOther', { pattern });
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `beyondFiscal` → `Beyond fiscal`, `originProcessId` → `Origin process id`. */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function hintOf(schema: JsonSchema, kind: FieldKind): string {
  const parts: string[] = [];
  const pattern = str(schema['pattern']);
  if (pattern && kind !== 'date') parts.push(patternHint(pattern));
  const min = num(schema['minLength']);
  if (min !== undefined && min > 1) parts.push(t('action.hintMinLength', { count: min, n: formatNumber(min) }));
  const max = num(schema['maxLength']);
  if (max !== undefined) parts.push(t('action.hintMaxLength', { count: max, n: formatNumber(max) }));
  // Bounds are values to type, so they are shown as typed (1250.5, not 1 250,5).
  const minimum = num(schema['minimum']);
  const maximum = num(schema['maximum']);
  if (minimum !== undefined && maximum !== undefined) parts.push(t('action.hintRange', { minimum, maximum }));
  else if (minimum !== undefined) parts.push(t('action.hintMinimum', { minimum }));
  else if (maximum !== undefined) parts.push(t('action.hintMaximum', { maximum }));
  if (schema['type'] === 'integer') parts.push(t('action.hintWholeNumber'));
  const items = schema['items'] as JsonSchema | undefined;
  if (kind === 'list') {
    const itemPattern = items ? str(items['pattern']) : undefined;
    parts.push(
      itemPattern ? t('action.hintOnePerLineEach', { hint: patternHint(itemPattern) }) : t('action.hintOnePerLine'),
    );
  }
  const minItems = num(schema['minItems']);
  if (minItems !== undefined && minItems > 0 && kind === 'choices')
    parts.push(t('action.hintMinItems', { n: formatNumber(minItems) }));
  return parts.join('; ');
}

function kindOf(schema: JsonSchema): { kind: FieldKind; options: string[] } {
  const type = schema['type'];
  if (type === 'boolean') return { kind: 'yes-no', options: [] };
  if (type === 'number' || type === 'integer') return { kind: 'number', options: [] };
  if (type === 'array') {
    const items = (schema['items'] ?? {}) as JsonSchema;
    const options = strings(items['enum']);
    return options.length ? { kind: 'choices', options } : { kind: 'list', options: [] };
  }
  if (type !== 'string') throw new Error(t('action.noControl', { type: JSON.stringify(type) }));
  const options = strings(schema['enum']);
  const constant = str(schema['const']);
  if (options.length || constant !== undefined)
    return { kind: 'choice', options: constant !== undefined ? [constant] : options };
  if (schema['pattern'] === DATE) return { kind: 'date', options: [] };
  // Free text meant to explain (reasons, a summary) gets room; identifiers and codes do not.
  const max = num(schema['maxLength']);
  if (schema['pattern'] === undefined && (max === undefined || max > 100)) return { kind: 'long-text', options: [] };
  return { kind: 'text', options: [] };
}

/**
 * Values a free-text field must in fact take from a list the page knows (e.g. a refusal's `ground`
 * from the refusal-grounds table of the process's legal basis), each with what it means; for a
 * field the schema already limits to a list, what its values mean (a legal basis's name). `english`:
 * the label is the process definition's English throughout, whatever the page's language.
 */
export type KnownChoices = Readonly<
  Record<string, readonly { readonly value: string; readonly label: string; readonly english?: boolean }[]>
>;

function fieldsOf(schema: JsonSchema, known: KnownChoices): FormField[] {
  const properties = (schema['properties'] ?? {}) as Readonly<Record<string, JsonSchema>>;
  const required = new Set(strings(schema['required']));
  return Object.entries(properties).map(([name, property]) => {
    const description = str(property['description']) ?? '';
    const field = { name, label: labelOf(name), required: required.has(name), description, schema: property };
    const choices = own(known, name);
    const { kind, options } = kindOf(property);
    const optionLabels = Object.fromEntries((choices ?? []).map((c) => [c.value, c.label]));
    const englishOptions = (choices ?? []).filter((c) => c.english).map((c) => c.value);
    if (choices?.length && (kind === 'text' || kind === 'long-text'))
      return { ...field, kind: 'choice', hint: '', options: choices.map((c) => c.value), optionLabels, englishOptions };
    // A choice the schema lists already: the page only says what each value means.
    if (kind === 'choice') return { ...field, kind, hint: '', options, optionLabels, englishOptions };
    return { ...field, kind, hint: hintOf(property, kind), options, optionLabels: {} };
  });
}

/** The form of a payload schema; an object schema without properties is a form with no fields (a confirmation). */
export function actionForm(schema: JsonSchema, known: KnownChoices = {}): ActionForm {
  const unsupported = ['anyOf', 'allOf', '$ref', 'not', 'if'].find((k) => k in schema);
  if (unsupported) throw new Error(t('action.unsupportedSchema', { keyword: unsupported }));
  const shapes = Array.isArray(schema['oneOf']) ? (schema['oneOf'] as JsonSchema[]) : undefined;
  if (!shapes) return { fields: fieldsOf(schema, known) };
  const forms = shapes.map((shape) => fieldsOf(shape, known));
  // The field every shape has as a choice, fixed (`const`) in at least one of them: it tells them apart.
  const common = (forms[0] ?? []).filter(
    (f) => f.kind === 'choice' && forms.every((fs) => fs.some((g) => g.name === f.name && g.kind === 'choice')),
  );
  const fixed = common.find((f) =>
    shapes.some(
      (shape) => ((shape['properties'] ?? {}) as Record<string, JsonSchema>)[f.name]?.['const'] !== undefined,
    ),
  );
  const by = (fixed ?? common[0])?.name;
  if (!by) throw new Error(t('action.noTellingField'));
  const variants = forms.map((fs) => ({
    values: fs.find((f) => f.name === by)?.options ?? [],
    fields: fs.filter((f) => f.name !== by),
  }));
  const selector: FormField = {
    name: by,
    label: labelOf(by),
    kind: 'choice',
    required: true,
    hint: '',
    options: variants.flatMap((v) => v.values),
    optionLabels: {},
    description: '',
    schema: {},
  };
  return { fields: [selector], variants: { by, variants } };
}

/** The fields that apply to what is chosen so far: a variant's own fields follow its selector. */
export function activeFields(form: ActionForm, values: FormValues): readonly FormField[] {
  if (!form.variants) return form.fields;
  const chosen = values[form.variants.by];
  const variant = form.variants.variants.find((v) => typeof chosen === 'string' && v.values.includes(chosen));
  return [...form.fields, ...(variant?.fields ?? [])];
}

const isBlank = (v: FormValues[string] | undefined) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

const lines = (v: string) =>
  v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Whether the value matches; undefined when the page cannot compile the pattern (the server still checks). */
function matches(pattern: string, value: string): boolean | undefined {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return undefined;
  }
}

function checkText(field: FormField, value: string): string | undefined {
  const { schema } = field;
  const min = num(schema['minLength']);
  // Characters as JSON Schema and the server count them: code points, not UTF-16 units.
  const length = [...value].length;
  const counted = (limit: number) => ({ count: limit, n: formatNumber(limit), length: formatNumber(length) });
  if (min !== undefined && length < min) return t('action.tooShort', counted(min));
  const max = num(schema['maxLength']);
  if (max !== undefined && length > max) return t('action.tooLong', counted(max));
  const pattern = str(schema['pattern']);
  if (pattern && matches(pattern, value) === false)
    return t('action.mustBe', { hint: field.kind === 'date' ? t('action.patternDate') : field.hint });
  if (field.kind === 'choice' && !field.options.includes(value))
    return t('action.mustBeOneOf', { options: field.options.join(', ') });
  return undefined;
}

/**
 * The payload to send, or what is wrong, by field (nothing is sent then). Blank optional fields
 * are left out; text is trimmed; a number is parsed; a list is split one per line (or comma).
 */
export function validate(
  form: ActionForm,
  values: FormValues,
): { ok: true; payload: Record<string, unknown> } | { ok: false; errors: Readonly<Record<string, string>> } {
  const payload: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of activeFields(form, values)) {
    const raw = values[field.name];
    if (field.kind === 'yes-no') {
      payload[field.name] = raw === true;
      continue;
    }
    if (isBlank(raw)) {
      if (field.required)
        errors[field.name] = field.kind === 'choices' ? t('action.chooseAtLeastOne') : t('action.isRequired');
      continue;
    }
    if (field.kind === 'choices' || field.kind === 'list') {
      const items = Array.isArray(raw) ? [...raw] : lines(String(raw));
      const itemSchema = (field.schema['items'] ?? {}) as JsonSchema;
      const bad = items.find((item) =>
        checkText({ ...field, kind: field.kind === 'choices' ? 'choice' : 'text', schema: itemSchema }, item),
      );
      const minItems = num(field.schema['minItems']) ?? 0;
      if (bad !== undefined)
        errors[field.name] =
          field.kind === 'choices'
            ? t('action.itemNotAChoice', { item: bad })
            : t('action.itemMustBe', { item: bad, hint: field.hint });
      else if (items.length < minItems)
        errors[field.name] = t('action.tooFewItems', { count: minItems, n: formatNumber(minItems) });
      else payload[field.name] = items;
      continue;
    }
    const text = String(raw).trim();
    if (field.kind === 'number') {
      const n = Number(text);
      const minimum = num(field.schema['minimum']);
      const maximum = num(field.schema['maximum']);
      if (!Number.isFinite(n) || text === '') errors[field.name] = t('action.notANumber');
      else if (field.schema['type'] === 'integer' && !Number.isInteger(n))
        errors[field.name] = t('action.notAWholeNumber');
      else if ((minimum !== undefined && n < minimum) || (maximum !== undefined && n > maximum))
        errors[field.name] = t('action.mustBe', { hint: field.hint });
      else payload[field.name] = n;
      continue;
    }
    const problem = checkText(field, text);
    if (problem) errors[field.name] = problem;
    else payload[field.name] = text;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, payload };
}

/** How a check's message is said at its field: as text here; the page marks the field's English name (form-view.ts). */
export type SayProblem<T> = (field: FormField, problem: string) => T;

/** `Reasons is required.` */
export const sayProblem: SayProblem<string> = (field, problem) =>
  t('action.fieldProblem', { field: field.label, problem });

/** A check's message (`is required`) as the sentence shown at its field (`Reasons is required.`). */
export function sentences(
  form: ActionForm,
  values: FormValues,
  errors: Readonly<Record<string, string>>,
): Readonly<Record<string, string>>;
export function sentences<T>(
  form: ActionForm,
  values: FormValues,
  errors: Readonly<Record<string, string>>,
  say: SayProblem<T>,
): Readonly<Record<string, T>>;
export function sentences<T>(
  form: ActionForm,
  values: FormValues,
  errors: Readonly<Record<string, string>>,
  say?: SayProblem<T>,
): Readonly<Record<string, T | string>> {
  const saying: SayProblem<T | string> = say ?? sayProblem;
  return Object.fromEntries(
    activeFields(form, values)
      .filter((f) => own(errors, f.name) !== undefined)
      .map((f) => [f.name, saying(f, own(errors, f.name) ?? '')]),
  );
}

/** One set of fields a refusal's details may name: the details say `<prefix>.<field>` (just `<field>` when the prefix is empty). */
export interface RefusedSection {
  readonly form: ActionForm;
  readonly values: FormValues;
  readonly prefix: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The API's refusal (`details`, one per offending field, e.g. `payload.reasons: Too small`) by the
 * sections' fields, each said as a sentence naming its field; what names no field is the form's own
 * (shown above its button). `fields[i]` holds section i's.
 */
export function refusalBySection(
  sections: readonly RefusedSection[],
  message: string,
  details: readonly string[] = [],
): { fields: readonly Readonly<Record<string, string>>[]; form: readonly string[] } {
  const matchers = sections.map(({ form, values, prefix }) => ({
    names: new Set(activeFields(form, values).map((f) => f.name)),
    // `payload.reasons: Too small` (a schema's), `payload.ground 'x' is not permitted` (a guard's).
    pattern: new RegExp(
      `^(?:body\\.)?${prefix ? `${escapeRegExp(prefix)}\\.` : ''}([A-Za-z0-9_]+)(?:\\.\\d+)*(:\\s*|\\s+)(.*)$`,
      's',
    ),
  }));
  const fields: Record<string, string>[] = sections.map(() => ({}));
  const rest: string[] = [];
  for (const detail of details) {
    let match: { name: string; separator: string; said: string; into: Record<string, string> } | undefined;
    matchers.forEach(({ names, pattern }, i) => {
      const [, name, separator, said] = pattern.exec(detail) ?? [];
      const into = fields[i];
      if (!match && into && name && names.has(name) && separator !== undefined && said !== undefined)
        match = { name, separator, said, into };
    });
    if (!match) {
      rest.push(detail);
      continue;
    }
    const { name, separator, said, into } = match;
    // Said as a sentence about the field: the domain's own messages often begin with its name already.
    const sentence = said.toLowerCase().startsWith(name.toLowerCase())
      ? `${said.charAt(0).toUpperCase()}${said.slice(1)}`
      : `${labelOf(name)}${separator.startsWith(':') ? ':' : ''} ${said}`;
    into[name] = into[name] ? `${into[name]}; ${sentence}` : sentence;
  }
  const named = fields.some((f) => Object.keys(f).length);
  return { fields, form: named && !rest.length ? [] : [message, ...rest.filter((d) => !message.includes(d))] };
}

/** The refusal of an action's payload (`payload.<field>`) by the form's fields. */
export function refusalByField(
  form: ActionForm,
  values: FormValues,
  message: string,
  details: readonly string[] = [],
): { fields: Readonly<Record<string, string>>; form: readonly string[] } {
  const refusal = refusalBySection([{ form, values, prefix: 'payload' }], message, details);
  return { fields: refusal.fields[0] ?? {}, form: refusal.form };
}

/** What an option is shown as: its meaning where the page knows it, else the value itself. */
export const optionLabel = (field: FormField, value: string): string => own(field.optionLabels, value) ?? value;

/** The form's values for a payload sent before (to show, unchanged, a submission not yet confirmed). */
export function valuesOf(form: ActionForm, payload: Readonly<Record<string, unknown>>): FormValues {
  const values: Record<string, FormValues[string]> = {};
  // The payload's own selector value picks its shape's fields.
  for (const field of activeFields(form, payload as FormValues)) {
    const value = own(payload, field.name);
    if (typeof value === 'boolean') values[field.name] = value;
    else if (Array.isArray(value)) {
      const items = value.map(String);
      values[field.name] = field.kind === 'choices' ? items : items.join('\n');
    } else if (value !== undefined && value !== null) values[field.name] = String(value);
  }
  return values;
}
