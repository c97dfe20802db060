import { definitionOf, payloadJsonSchema, processTypes } from '@comity/domain';
import {
  actionForm,
  activeFields,
  PATTERNS,
  refusalByField,
  sentences,
  validate,
  valuesOf,
  type FormField,
  type FormValues,
} from './action-form';

/** Every action of every process type, with its published schema and the domain's own check. */
const everyAction = processTypes.flatMap((type) =>
  Object.entries(definitionOf(type).actions).map(([action, definition]) => ({
    name: `${type}.${action}`,
    // What a user sends: where the API completes it (attach-document), the request it publishes.
    schema: payloadJsonSchema(definition.request ?? definition.payload),
    accepts: (payload: unknown) => (definition.request ?? definition.payload)?.safeParse(payload).success ?? true,
  })),
);

/** What a careful user would type into the field: the first choice, an example of the pattern, enough text. */
function filled(field: FormField): FormValues[string] {
  const { schema } = field;
  const example = (s: Readonly<Record<string, unknown>>) => {
    const pattern = typeof s['pattern'] === 'string' ? s['pattern'] : undefined;
    if (pattern) return PATTERNS[pattern]?.example ?? 'unknown pattern';
    // Words, not one long token: explanations must be in words (a rule of the domain the schema does not carry).
    const words = 'the reasons are set out in full ';
    return words.repeat(Math.ceil((typeof s['minLength'] === 'number' ? s['minLength'] : 1) / words.length)).trim();
  };
  switch (field.kind) {
    case 'choice':
    case 'choices':
      return field.kind === 'choice' ? (field.options[0] ?? '') : field.options.slice(0, 1);
    case 'number':
      return String(schema['minimum'] ?? 1);
    case 'yes-no':
      return true;
    case 'list':
      return `${example((schema['items'] ?? {}) as Record<string, unknown>)}\n`;
    default:
      return example(schema);
  }
}

function fillAll(form: ReturnType<typeof actionForm>): FormValues {
  const values: Record<string, FormValues[string]> = {};
  // A variant's fields appear once its selector has a value: fill until nothing new appears.
  for (let round = 0; round < 3; round++) for (const f of activeFields(form, values)) values[f.name] ??= filled(f);
  return values;
}

describe('action form', () => {
  it('draws every action of every process type, and what a user fills in is a payload the domain accepts', () => {
    expect(everyAction.length).toBeGreaterThan(100);
    for (const { name, schema, accepts } of everyAction) {
      const form = actionForm(schema);
      const result = validate(form, fillAll(form));
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
      expect({ name, accepted: accepts(result.payload) }).toEqual({ name, accepted: true });
    }
  });

  it('names every required field left blank, sends nothing, and leaves blank optional fields out', () => {
    const form = actionForm(payloadJsonSchema(definitionOf('mla').actions['refuse']?.payload));
    expect(form.fields.find((f) => f.name === 'nonCoerciveAssistance')?.description).toMatch(
      /^Needed for a refusal for want of dual criminality \(UNTOC 18\(9\)\)/,
    );
    expect(form.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['ground', 'long-text', true],
      ['reasons', 'long-text', true],
      ['beyondFiscal', 'long-text', false],
      ['nonCoerciveAssistance', 'long-text', false],
    ]);
    const blank = validate(form, { reasons: '  ' });
    expect(blank).toEqual({ ok: false, errors: { ground: 'is required', reasons: 'is required' } });
    expect(sentences(form, {}, blank.ok ? {} : blank.errors)).toEqual({
      ground: 'Ground is required.',
      reasons: 'Reasons is required.',
    });
    const reasons = 'The request concerns an offence the requested state does not recognise.';
    expect(validate(form, { ground: 'dual-criminality', reasons: `  ${reasons} `, beyondFiscal: '' })).toEqual({
      ok: true,
      payload: { ground: 'dual-criminality', reasons },
    });
  });

  it('says what is allowed when a value is not: length, date, code, choice, number range', () => {
    const change = actionForm(payloadJsonSchema(definitionOf('mla').actions['change-priority']?.payload));
    expect(change.fields.find((f) => f.name === 'priority')).toMatchObject({
      kind: 'choice',
      options: ['urgent', 'high', 'normal'],
    });
    expect(validate(change, { priority: 'whenever', reason: 'r' })).toEqual({
      ok: false,
      errors: { priority: 'must be one of: urgent, high, normal' },
    });
    const postpone = actionForm(payloadJsonSchema(definitionOf('mla').actions['postpone']?.payload));
    expect(postpone.fields.map((f) => [f.name, f.kind, f.hint])).toEqual([
      ['reasons', 'long-text', 'at least 30 characters'],
      ['until', 'date', ''],
    ]);
    expect(validate(postpone, { reasons: 'too short', until: '31/12/2026' })).toEqual({
      ok: false,
      errors: { reasons: 'must be at least 30 characters (now 9)', until: 'must be a date, YYYY-MM-DD' },
    });
    const share = actionForm(payloadJsonSchema(definitionOf('asset-confiscation').actions['share']?.payload));
    expect(validate(share, { amount: '12.3456', currency: 'eur', withState: 'FR' })).toEqual({
      ok: false,
      errors: {
        amount: 'must be an amount such as 1250.50 (at most three decimals)',
        currency: 'must be a three-letter currency code such as EUR',
      },
    });
  });

  it('offers a choice set as checkboxes and a free list one per line, each item checked', () => {
    const refer = actionForm(payloadJsonSchema(definitionOf('protection-referral').actions['refer']?.payload));
    expect(refer.fields.find((f) => f.name === 'needs')).toMatchObject({ kind: 'choices', hint: 'at least 1' });
    expect(validate(refer, { providerKind: 'ngo', needs: [] })).toEqual({
      ok: false,
      errors: { needs: 'choose at least one' },
    });
    const route = actionForm(
      payloadJsonSchema(definitionOf('special-investigative-technique').actions['declare-route']?.payload),
    );
    expect(validate(route, { states: 'FR\nes\n' })).toEqual({
      ok: false,
      errors: { states: "'es' must be one per line, each a two-letter country code such as FR" },
    });
    expect(validate(route, { states: 'FR\n ES ,IT' })).toEqual({ ok: true, payload: { states: ['FR', 'ES', 'IT'] } });
  });

  it('lets a payload of several shapes be chosen by its telling field, then asks for that shape only', () => {
    const form = actionForm(
      payloadJsonSchema(definitionOf('transfer-of-sentenced-person').actions['record-condition']?.payload),
    );
    expect(form.variants?.by).toBe('condition');
    expect(form.fields[0]?.options).toEqual([
      'six-months-left',
      'national-of-administering-state',
      'final-judgment',
      'consent',
      'dual-criminality',
    ]);
    expect(activeFields(form, {}).map((f) => f.name)).toEqual(['condition']);
    expect(activeFields(form, { condition: 'six-months-left' }).map((f) => f.name)).toEqual([
      'condition',
      'remainingMonths',
      'evidence',
    ]);
    expect(activeFields(form, { condition: 'consent' }).map((f) => f.name)).toEqual(['condition', 'met', 'evidence']);
    expect(validate(form, { condition: 'six-months-left', remainingMonths: '2000', evidence: 'e' })).toEqual({
      ok: false,
      errors: { remainingMonths: 'must be from 0 to 1200' },
    });
    expect(validate(form, { condition: 'consent', evidence: 'signed form' })).toEqual({
      ok: true,
      payload: { condition: 'consent', met: false, evidence: 'signed form' },
    });
  });

  it("puts the server's refusal at the field it names, and the rest above the form's button", () => {
    const form = actionForm(payloadJsonSchema(definitionOf('mla').actions['refuse']?.payload));
    const values = { ground: 'g', reasons: 'r' };
    expect(
      refusalByField(form, values, "invalid payload for 'refuse'", [
        'payload.reasons: Too small: expected string to have >=30 characters',
      ]),
    ).toEqual({ fields: { reasons: 'Reasons: Too small: expected string to have >=30 characters' }, form: [] });
    expect(
      refusalByField(form, values, 'invalid', [
        'payload.reasons: reasons must explain the refusal in words (at least 5)',
        'payload.ground: unknown ground',
      ]).fields,
    ).toEqual({ reasons: 'Reasons must explain the refusal in words (at least 5)', ground: 'Ground: unknown ground' });
    // A guard's wording: the field's name, then what is wrong, without a colon.
    expect(
      refusalByField(form, values, 'refused', [
        "payload.ground 'sovereignty' is not permitted under UNTOC",
        "payload.nonCoerciveAssistance is required for 'no-dual-criminality'",
      ]).fields,
    ).toEqual({
      ground: "Ground 'sovereignty' is not permitted under UNTOC",
      nonCoerciveAssistance: "Non coercive assistance is required for 'no-dual-criminality'",
    });
    expect(
      refusalByField(form, values, 'the ground does not apply under this legal basis', [
        'payload.other: x',
        'stage: no',
      ]),
    ).toEqual({
      fields: {},
      form: ['the ground does not apply under this legal basis', 'payload.other: x', 'stage: no'],
    });
  });

  it('offers the values the page knows for a free-text field as a choice, with what each means', () => {
    const grounds = [
      { value: 'dual-criminality', label: 'dual-criminality: not an offence here' },
      { value: 'sovereignty', label: 'sovereignty: prejudices sovereignty' },
    ];
    const form = actionForm(payloadJsonSchema(definitionOf('mla').actions['refuse']?.payload), { ground: grounds });
    expect(form.fields[0]).toMatchObject({
      name: 'ground',
      kind: 'choice',
      options: ['dual-criminality', 'sovereignty'],
      optionLabels: { sovereignty: 'sovereignty: prejudices sovereignty' },
    });
    expect(validate(form, { ground: 'whim', reasons: 'the reasons are set out in full here' })).toEqual({
      ok: false,
      errors: { ground: 'must be one of: dual-criminality, sovereignty' },
    });
  });

  it('gives back, from a payload sent before, the values that make it again', () => {
    for (const { name, schema } of everyAction) {
      const form = actionForm(schema);
      const first = validate(form, fillAll(form));
      if (!first.ok) throw new Error(name);
      expect({ name, again: validate(form, valuesOf(form, first.payload)) }).toEqual({ name, again: first });
    }
  });

  it('counts characters as the server does (code points) and checks whole numbers and list sizes', () => {
    const refuse = actionForm(
      payloadJsonSchema(
        definitionOf('mla').actions['refuse-national' as never]?.payload ??
          definitionOf('extradition').actions['refuse-national']?.payload,
      ),
    );
    const reasons = `${'the reasons are given'.padEnd(28, '.')} \u{1F600}`;
    expect([reasons.length, [...reasons].length]).toEqual([31, 30]);
    expect(validate(refuse, { reasons: reasons.replace(' \u{1F600}', '\u{1F600}') })).toEqual({
      ok: false,
      errors: { reasons: 'must be at least 30 characters (now 29)' },
    });
    const form = actionForm({
      type: 'object',
      properties: { n: { type: 'integer', minimum: 1 }, xs: { type: 'array', minItems: 2, items: { type: 'string' } } },
      required: ['n', 'xs'],
    });
    expect(form.fields.map((f) => f.hint)).toEqual(['1 or more; a whole number', 'one per line']);
    expect(validate(form, { n: '1.5', xs: 'a' })).toEqual({
      ok: false,
      errors: { n: 'must be a whole number', xs: 'must have at least 2' },
    });
  });

  it('refuses to draw a field it has no control for rather than draw a wrong one', () => {
    expect(() => actionForm({ type: 'object', properties: { nested: { type: 'object' } } })).toThrow(
      'a payload field of type "object" has no form control',
    );
    expect(() => actionForm({ anyOf: [{ type: 'object' }, { type: 'object' }] })).toThrow('with anyOf has no form');
  });
});
