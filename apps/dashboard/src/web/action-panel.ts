import {
  actionForm,
  activeFields,
  refusalByField,
  sentences,
  validate,
  type ActionForm,
  type FormField,
  type FormValues,
  type KnownChoices,
} from './action-form';
import { ApiError, apiPost } from './api';
import type { ProcessResource, ProcessType } from './api-types';
import { h } from './dom';
import { announce } from './view';

/**
 * A key for one intent to act: the same key on every submission of one form (a double click, a
 * retry after the network failed) applies the action once; a form the server refused gets a new one,
 * since nothing was applied. From getRandomValues, which (unlike randomUUID) needs no secure context.
 */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `page-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The refusal grounds of the process's legal basis, for a `ground` field. */
function knownChoices(process: ProcessResource, definition: ProcessType): KnownChoices {
  const table = definition.refusalGrounds.find((t) => t.legalBasis === process.legalBasis);
  return table
    ? { ground: table.grounds.map((g) => ({ value: g.ground, label: `${g.ground} (${g.article}): ${g.meaning}` })) }
    : {};
}

/** A disclosure button's state: it controls the form only while the form is there. */
function expanded(button: HTMLButtonElement, isOpen: boolean): void {
  button.setAttribute('aria-expanded', String(isOpen));
  if (isOpen) button.setAttribute('aria-controls', 'action-form');
  else button.removeAttribute('aria-controls');
}

const fieldId = (name: string) => `action-field-${name}`;

function control(field: FormField, value: FormValues[string] | undefined, describedBy: string): HTMLElement {
  const common = {
    id: fieldId(field.name),
    name: field.name,
    'aria-describedby': describedBy,
    'aria-required': field.required ? 'true' : null,
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
        h('option', { value: '' }, 'Choose…'),
        ...field.options.map((o) => h('option', { value: o, selected: o === text }, field.optionLabels[o] ?? o)),
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

function fieldView(field: FormField, values: FormValues): HTMLElement {
  const hintId = `${fieldId(field.name)}-hint`;
  const errorId = `${fieldId(field.name)}-error`;
  const describedBy = field.hint ? `${hintId} ${errorId}` : errorId;
  const need = field.required ? ' (required)' : ' (optional)';
  const hint = field.hint ? h('p', { id: hintId, class: 'hint' }, field.hint) : null;
  const error = h('p', { id: errorId, class: 'field-error' });
  if (field.kind === 'choices') {
    const chosen = new Set(Array.isArray(values[field.name]) ? (values[field.name] as string[]) : []);
    return h(
      'fieldset',
      { class: 'form-field', 'data-field': field.name, id: fieldId(field.name), 'aria-describedby': describedBy },
      h('legend', {}, field.label + need),
      ...field.options.map((o) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'checkbox', name: field.name, value: o, checked: chosen.has(o) }),
          ` ${field.optionLabels[o] ?? o}`,
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
      h('label', { class: 'choice' }, control(field, values[field.name], describedBy), ` ${field.label}`),
      hint,
      error,
    );
  }
  return h(
    'div',
    { class: 'form-field', 'data-field': field.name },
    h('label', { for: fieldId(field.name) }, field.label + need),
    control(field, values[field.name], describedBy),
    hint,
    error,
  );
}

function readValues(form: HTMLFormElement, fields: readonly FormField[]): FormValues {
  const values: Record<string, FormValues[string]> = {};
  for (const field of fields) {
    if (field.kind === 'choices') {
      values[field.name] = [
        ...form.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(field.name)}"]:checked`),
      ].map((i) => i.value);
    } else {
      const el = form.elements.namedItem(field.name);
      if (el instanceof HTMLInputElement && el.type === 'checkbox') values[field.name] = el.checked;
      else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
        values[field.name] = el.value;
    }
  }
  return values;
}

/** What a refusal that names no field means for the person at the form. */
function refusalText(error: ApiError): string {
  if (error.status === 403) return `You may not take this action: ${error.message}`;
  if (error.status === 409) return `Not possible now: ${error.message}`;
  if (error.status === 429) return 'Too many requests just now; wait a moment and submit again.';
  return error.message;
}

export interface ActionPanel {
  readonly element: HTMLElement;
  /** Redraws the buttons for the process as it now is; an open form stays open while its action is allowed. */
  update(process: ProcessResource, definition: ProcessType): void;
}

/**
 * A process's actions for the signed-in caller: a button per action the API says they may take now
 * (`allowedActions`), each opening a form drawn from the action's payload schema. What the user
 * typed is checked before it is sent; the server's refusal is shown at the field it names.
 */
export function actionPanel(onApplied: (process: ProcessResource) => void): ActionPanel {
  const buttons = h('div', { class: 'action-buttons' });
  const formHost = h('div', { class: 'action-form-host' });
  const element = h(
    'section',
    { class: 'actions', 'aria-labelledby': 'actions-heading' },
    h('h2', { id: 'actions-heading' }, 'Actions'),
    buttons,
    formHost,
  );
  let current: { process: ProcessResource; definition: ProcessType } | undefined;
  let open: { action: string; opener: HTMLButtonElement | undefined } | undefined;

  const close = (returnFocus: boolean) => {
    const opener = open?.opener;
    open = undefined;
    formHost.replaceChildren();
    for (const b of buttons.querySelectorAll('button')) expanded(b, false);
    if (returnFocus) opener?.focus();
  };

  const openForm = (action: string, label: string, opener: HTMLButtonElement | undefined) => {
    if (!current) return;
    const { process, definition } = current;
    const declared = definition.actions.find((a) => a.action === action);
    let form: ActionForm;
    try {
      form = actionForm(declared?.payload ?? { type: 'object' }, knownChoices(process, definition));
    } catch (err) {
      formHost.replaceChildren(
        h(
          'p',
          { class: 'error', role: 'alert' },
          `This action's form cannot be drawn here (${(err as Error).message}); use the API or the CLI.`,
        ),
      );
      return;
    }
    open = { action, opener };
    for (const b of buttons.querySelectorAll('button')) expanded(b, b === opener);
    let idempotencyKey = newIdempotencyKey();
    let values: FormValues = {};
    const fieldsBox = h('div', { class: 'form-fields' });
    const formError = h('div', { class: 'form-error', role: 'alert' });
    const submit = h('button', { type: 'submit' }, label);
    const cancel = h('button', { type: 'button', onclick: () => close(true) }, 'Cancel');
    const el = h(
      'form',
      {
        id: 'action-form',
        class: 'action-form',
        novalidate: true,
        'aria-labelledby': 'action-form-heading',
        'data-action': action,
      },
      h('h3', { id: 'action-form-heading' }, label),
      fieldsBox,
      formError,
      h('div', { class: 'form-buttons' }, submit, cancel),
    );
    const draw = () => {
      fieldsBox.replaceChildren(
        ...(form.fields.length || form.variants
          ? activeFields(form, values).map((f) => fieldView(f, values))
          : [h('p', {}, 'This action takes no details: submit to apply it.')]),
      );
    };
    const showErrors = (errors: Readonly<Record<string, string>>, summary: readonly string[]) => {
      for (const field of activeFields(form, values)) {
        const message = errors[field.name];
        const box = el.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.name)}"]`);
        const error = box?.querySelector<HTMLElement>('.field-error');
        if (error) error.textContent = message ?? '';
        box?.classList.toggle('invalid', message !== undefined);
        box
          ?.querySelector(`#${CSS.escape(fieldId(field.name))}`)
          ?.setAttribute('aria-invalid', String(message !== undefined));
      }
      const count = Object.keys(errors).length;
      const lines = [
        ...(count ? [`${count === 1 ? 'One field needs' : `${count} fields need`} attention.`] : []),
        ...summary,
      ];
      formError.replaceChildren(...lines.map((line) => h('p', {}, line)));
      const first = activeFields(form, values).find((f) => errors[f.name]);
      const target = first ? el.querySelector<HTMLElement>(`#${CSS.escape(fieldId(first.name))}`) : formError;
      if (first && target instanceof HTMLFieldSetElement) target.querySelector<HTMLElement>('input')?.focus();
      else target?.focus();
    };
    formError.tabIndex = -1;
    el.addEventListener('change', (event) => {
      // A shape's selector changed: draw that shape's fields, keeping what was typed.
      if (form.variants && (event.target as HTMLElement | null)?.getAttribute('name') === form.variants.by) {
        values = readValues(el, activeFields(form, values));
        draw();
      }
    });
    el.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close(true);
    });
    el.addEventListener('submit', (event) => {
      event.preventDefault();
      if (submit.disabled) return; // already on its way: the same key would apply it once anyway
      values = readValues(el, activeFields(form, values));
      const checked = validate(form, values);
      if (!checked.ok) return showErrors(sentences(form, values, checked.errors), []);
      showErrors({}, []);
      submit.disabled = true;
      el.setAttribute('aria-busy', 'true');
      apiPost<ProcessResource>(`/api/v1/processes/${encodeURIComponent(process.id)}/actions`, {
        action,
        payload: checked.payload,
        idempotencyKey,
      }).then(
        (updated) => {
          announce(`${label}: done. The process is now ${updated.stageLabel}.`);
          close(true);
          onApplied(updated);
        },
        (err: unknown) => {
          submit.disabled = false;
          el.removeAttribute('aria-busy');
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
            // Refused: nothing was applied, so the next submission is a new intent with a new key.
            idempotencyKey = newIdempotencyKey();
            const refusal = refusalByField(form, values, refusalText(err), err.details);
            showErrors(refusal.fields, refusal.form);
          } else {
            // The outcome is unknown: the same key makes submitting again safe (it applies once).
            showErrors({}, [
              `The server did not confirm (${(err as Error).message}). Submitting again is safe: the action applies once.`,
            ]);
          }
        },
      );
    });
    draw();
    formHost.replaceChildren(el);
    el.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
  };

  const update = (process: ProcessResource, definition: ProcessType) => {
    current = { process, definition };
    const allowed = process.allowedActions;
    buttons.replaceChildren(
      ...(allowed.length
        ? allowed.map(({ action, label }) => {
            const button: HTMLButtonElement = h(
              'button',
              {
                type: 'button',
                'data-action': action,
                'aria-expanded': 'false',
                onclick: () => (open?.action === action ? close(false) : openForm(action, label, button)),
              },
              label,
            );
            return button;
          })
        : [h('p', {}, process.terminal ? 'This process is finished.' : 'Nothing for you to do at this stage.')]),
    );
    if (open && !allowed.some((a) => a.action === open?.action)) {
      close(false);
      formHost.replaceChildren(
        h(
          'p',
          { class: 'error', role: 'alert' },
          `That action is no longer possible: the process is now ${process.stageLabel}.`,
        ),
      );
    } else if (open) {
      // The form stays as typed; its button is the new one.
      const opener =
        buttons.querySelector<HTMLButtonElement>(`button[data-action="${CSS.escape(open.action)}"]`) ?? undefined;
      if (opener) expanded(opener, true);
      open = { action: open.action, opener };
    }
  };

  return { element, update };
}
