import { actionForm, refusalByField, sentences, validate, type FormValues, type JsonSchema } from './action-form';
import { ApiError, apiPost } from './api';
import type { Caller, OpenedCase } from './api-types';
import { h, joined, type Shown } from './dom';
import { fieldProblem, fieldView, inEnglish, markErrors, newIdempotencyKey, readValues } from './form-view';
import { english, t, tParts } from './i18n';
import { announce, type View } from './view';

/**
 * The body of POST /cases as the API publishes it (docs/openapi.json, `openCase`; a unit test keeps
 * the two equal). The server checks it again and its refusal is shown at the field it names.
 */
export const OPEN_CASE_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    caseId: { type: 'string', minLength: 3, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    handlingCode: { default: 'H1', type: 'string', enum: ['H0', 'H1', 'H2', 'H3'] },
  },
  required: ['title'],
  additionalProperties: false,
};

/** A field of the form as the reader's language names and explains it (the schema's names otherwise). */
function fieldText(name: string): { label: string; description: string } | undefined {
  switch (name) {
    case 'caseId':
      return { label: t('cases.fieldReference'), description: t('cases.referenceHelp') };
    case 'title':
      return { label: t('cases.fieldTitle'), description: t('cases.titleHelp') };
    case 'handlingCode':
      return { label: t('cases.fieldHandlingCode'), description: t('cases.handlingCodeHelp') };
    default:
      return undefined;
  }
}

const openCaseForm = () => {
  const form = actionForm(OPEN_CASE_SCHEMA);
  return {
    fields: form.fields.map((f) => {
      const text = fieldText(f.name);
      return text ? { ...f, ...text, translated: true } : f;
    }),
  };
};

const PREFIX = 'case-field-';

/** A case reference typed to find a case: what a path may name, or undefined. */
const reference = (typed: string) => (/^[A-Za-z0-9._-]{3,100}$/.test(typed.trim()) ? typed.trim() : undefined);

/**
 * Cases: find one by its reference, or (a coordinator or an administrator) open one. Opening with
 * the reference of a case already open opens that case's page, as the API answers (200, not 201).
 */
export function casesView(root: HTMLElement, me: Caller): View {
  const findInput = h('input', {
    id: 'find-case',
    name: 'find-case',
    type: 'text',
    autocomplete: 'off',
    'aria-describedby': 'find-case-error',
  });
  const findError = h('p', { id: 'find-case-error', class: 'field-error' });
  const find = h(
    'form',
    {
      class: 'find-case',
      'aria-labelledby': 'find-case-heading',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const ref = reference(findInput.value);
        findInput.setAttribute('aria-invalid', String(!ref));
        findError.textContent = ref ? '' : t('cases.referenceInvalid');
        if (ref) location.hash = `#/case/${encodeURIComponent(ref)}`;
        else findInput.focus();
      },
    },
    h('h2', { id: 'find-case-heading' }, t('cases.findHeading')),
    h('div', { class: 'form-field' }, h('label', { for: 'find-case' }, t('cases.caseReference')), findInput, findError),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit' }, t('cases.openPage'))),
  );
  const sections: HTMLElement[] = [h('h1', {}, t('cases.heading')), find];
  if (me.role === 'coordinator' || me.role === 'admin') sections.push(openCase());
  else sections.push(h('p', {}, t('cases.coordinatorsOpen')));
  root.replaceChildren(...sections);
  return {};
}

function openCase(): HTMLElement {
  const form = openCaseForm();
  let values: FormValues = { handlingCode: 'H1' };
  /** The reference this page made for a case opened without one, until the API answers. */
  let generated: string | undefined;
  const formError = h('div', { class: 'form-error', role: 'alert', tabindex: -1 });
  const submit = h('button', { type: 'submit' }, t('cases.openSubmit'));
  const el = h(
    'form',
    { id: 'open-case-form', class: 'action-form', novalidate: true, 'aria-labelledby': 'open-case-heading' },
    h('h2', { id: 'open-case-heading' }, t('cases.openHeading')),
    h('div', { class: 'form-fields' }, ...form.fields.map((f) => fieldView(f, values, PREFIX))),
    formError,
    h('div', { class: 'form-buttons' }, submit),
  );
  const showErrors = (errors: Readonly<Record<string, Shown>>, summary: readonly Shown[]) => {
    const first = markErrors(el, form.fields, errors, PREFIX);
    formError.replaceChildren(...summary.map((line) => h('p', {}, line)));
    if (first ?? summary.length) (first ?? formError).focus();
  };
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    values = readValues(el, form.fields, PREFIX);
    const checked = validate(form, values);
    if (!checked.ok) return showErrors(sentences(form, values, checked.errors, fieldProblem), []);
    showErrors({}, []);
    submit.disabled = true;
    el.setAttribute('aria-busy', 'true');
    // Opening is idempotent by reference: sent again, an open case is answered as it is. Without a
    // reference the page makes one (as the API would) and keeps it while this form is shown, so a
    // retry after a lost answer opens one case, not two.
    generated ??= `case-${newIdempotencyKey().slice('page-'.length)}`;
    const body: Record<string, unknown> = { ...checked.payload, caseId: checked.payload['caseId'] ?? generated };
    apiPost<OpenedCase>('/api/v1/cases', body).then(
      (opened) => {
        generated = undefined;
        const differs =
          !opened.created && (opened.title !== body['title'] || opened.handlingCode !== (body['handlingCode'] ?? 'H1'));
        if (!differs) {
          announce(t(opened.created ? 'cases.opened' : 'cases.alreadyOpen', { caseId: opened.caseId }));
          location.hash = `#/case/${encodeURIComponent(opened.caseId)}`;
          return;
        }
        // The reference names a case opened before, as something else: what was typed was not applied.
        submit.disabled = false;
        el.removeAttribute('aria-busy');
        formError.replaceChildren(
          h(
            'p',
            {},
            `${t('cases.alreadyOpenAs', { caseId: opened.caseId, title: opened.title, code: opened.handlingCode })} `,
            h(
              'a',
              { href: `#/case/${encodeURIComponent(opened.caseId)}` },
              t('cases.openCaseLink', { caseId: opened.caseId }),
            ),
            t('cases.orAnotherReference'),
          ),
        );
        formError.focus();
      },
      (err: unknown) => {
        submit.disabled = false;
        el.removeAttribute('aria-busy');
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
          // The pipe names body fields (`body.title: …`): each goes to its field.
          const details = (err.details ?? []).map((d) => d.replace(/^body\./, 'payload.'));
          // The API's message and details, at the fields or not, are in English.
          const refusal = refusalByField(form, values, err.message, details);
          showErrors(inEnglish(refusal.fields), refusal.form.map(english));
        } else {
          const error = english((err as Error).message);
          showErrors({}, [
            joined(
              checked.payload['caseId']
                ? tParts('cases.notConfirmed', { error })
                : tParts('cases.notConfirmedMade', { error, caseId: String(body['caseId']) }),
            ),
          ]);
        }
      },
    );
  });
  return el;
}
