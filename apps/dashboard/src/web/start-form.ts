/**
 * The form that starts a process of one type in a case, drawn from the start request the API
 * publishes with the type (`startRequest` of GET /process-types/{type}): the case-level facts
 * (legal basis, offence, priority, handling code), one set of fields per party slot, and what the
 * type's `data` declares. Pure functions of data, no DOM (start-panel.ts draws it).
 */
import {
  actionForm,
  sayProblem,
  sentences,
  validate,
  valuesOf,
  type ActionForm,
  type FormValues,
  type JsonSchema,
  type KnownChoices,
  type SayProblem,
} from './action-form';
import type { ProcessType } from './api-types';
import { formatNumber, t } from './i18n';

/** The body's own fields the form asks for, in this order; the rest (type, case, parties, data, key) the page fills. */
const FACTS = ['legalBasis', 'offence', 'priority', 'handlingCode'] as const;

export interface PartySection {
  readonly slot: string;
  /** A slot the type may leave unbound: its fields are then all blank. */
  readonly optional: boolean;
  readonly description: string;
  readonly form: ActionForm;
}

export interface StartForm {
  readonly type: string;
  readonly facts: ActionForm;
  readonly parties: readonly PartySection[];
  readonly data: ActionForm;
}

/** What was typed in each part of the form. */
export interface StartValues {
  readonly facts: FormValues;
  readonly parties: Readonly<Record<string, FormValues>>;
  readonly data: FormValues;
}

/** What is wrong, by field, in each part: as text, or (on the page) as shown (form-view.ts). */
export interface StartErrors<T = string> {
  readonly facts: Readonly<Record<string, T>>;
  readonly parties: Readonly<Record<string, Readonly<Record<string, T>>>>;
  readonly data: Readonly<Record<string, T>>;
}

const objectOf = (schema: unknown): JsonSchema =>
  typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as JsonSchema) : {};
const propertiesOf = (schema: JsonSchema) => objectOf(schema['properties']) as Readonly<Record<string, JsonSchema>>;
const requiredOf = (schema: JsonSchema) =>
  Array.isArray(schema['required']) ? (schema['required'] as unknown[]).filter((r) => typeof r === 'string') : [];

/** The start form of a process type; a case's handling code, when given, is the floor the page starts from. */
export function startForm(definition: ProcessType): StartForm {
  const request = objectOf(definition.startRequest);
  const properties = propertiesOf(request);
  const required = requiredOf(request);
  const bases: KnownChoices = {
    legalBasis: definition.legalBases.map((b) => ({
      value: b.id,
      // `id: name` is the definition's English throughout; with its states, it has the page's words too.
      english: !b.states,
      label: b.states
        ? t('start.legalBasisBetween', { id: b.id, name: b.name, number: formatNumber(b.states.length) })
        : t('start.legalBasis', { id: b.id, name: b.name }),
    })),
  };
  const facts = actionForm(
    {
      type: 'object',
      properties: Object.fromEntries(
        FACTS.flatMap((name) => (properties[name] ? [[name, properties[name]] as const] : [])),
      ),
      required: FACTS.filter((name) => required.includes(name)),
    },
    bases,
  );
  const partiesSchema = objectOf(properties['parties']);
  const requiredSlots = requiredOf(partiesSchema);
  const parties = Object.entries(propertiesOf(partiesSchema)).map(([slot, binding]) => ({
    slot,
    optional: !requiredSlots.includes(slot),
    description: typeof binding['description'] === 'string' ? binding['description'] : '',
    // The slot's description is the section's; its fields say what they hold.
    form: actionForm({ ...binding, description: undefined }),
  }));
  return { type: definition.type, facts, parties, data: actionForm(objectOf(properties['data'])) };
}

/** The values a new form starts with: each fact's default (priority normal), the case's handling code. */
export function initialValues(form: StartForm, caseHandlingCode?: string): StartValues {
  const defaults = Object.fromEntries(
    form.facts.fields.flatMap((f) => (f.schema['default'] !== undefined ? [[f.name, f.schema['default']]] : [])),
  );
  return {
    facts: valuesOf(form.facts, { ...defaults, ...(caseHandlingCode ? { handlingCode: caseHandlingCode } : {}) }),
    parties: {},
    data: {},
  };
}

const isBlank = (values: FormValues) =>
  Object.values(values).every((v) =>
    typeof v === 'string' ? v.trim() === '' : typeof v === 'boolean' ? !v : !v.length,
  );

/**
 * The body of POST /processes, or what is wrong in each part (nothing is sent then). An optional
 * party left blank is left out; one begun must be complete.
 */
export function startBody(
  form: StartForm,
  values: StartValues,
  caseId: string,
  idempotencyKey: string,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: StartErrors };
export function startBody<T>(
  form: StartForm,
  values: StartValues,
  caseId: string,
  idempotencyKey: string,
  say: SayProblem<T>,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: StartErrors<T> };
export function startBody<T>(
  form: StartForm,
  values: StartValues,
  caseId: string,
  idempotencyKey: string,
  say?: SayProblem<T>,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: StartErrors<T | string> } {
  const saying: SayProblem<T | string> = say ?? sayProblem;
  const facts = validate(form.facts, values.facts);
  const data = validate(form.data, values.data);
  const parties: Record<string, unknown> = {};
  const partyErrors: Record<string, Readonly<Record<string, T | string>>> = {};
  for (const { slot, optional, form: party } of form.parties) {
    const typed = values.parties[slot] ?? {};
    if (optional && isBlank(typed)) continue;
    const checked = validate(party, typed);
    if (checked.ok) parties[slot] = checked.payload;
    else partyErrors[slot] = sentences(party, typed, checked.errors, saying);
  }
  if (!facts.ok || !data.ok || Object.keys(partyErrors).length) {
    return {
      ok: false,
      errors: {
        facts: facts.ok ? {} : sentences(form.facts, values.facts, facts.errors, saying),
        parties: partyErrors,
        data: data.ok ? {} : sentences(form.data, values.data, data.errors, saying),
      },
    };
  }
  return {
    ok: true,
    body: { type: form.type, caseId, ...facts.payload, parties, data: data.payload, idempotencyKey },
  };
}

const record = (v: unknown): Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The form's values for a body sent before (to show, unchanged, a start not yet confirmed). */
export function valuesOfBody(form: StartForm, body: Readonly<Record<string, unknown>>): StartValues {
  const parties = record(body['parties']);
  return {
    facts: valuesOf(form.facts, body),
    parties: Object.fromEntries(form.parties.map((p) => [p.slot, valuesOf(p.form, record(parties[p.slot]))])),
    data: valuesOf(form.data, record(body['data'])),
  };
}
