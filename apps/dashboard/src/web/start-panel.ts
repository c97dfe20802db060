import { activeFields, refusalBySection, type ActionForm, type FormValues } from './action-form';
import { ApiError, apiPost } from './api';
import type { ProcessType, StartedProcess } from './api-types';
import { h, joined, textOf, type Shown } from './dom';
import {
  fieldProblem,
  fieldView,
  inEnglish,
  markErrors,
  newIdempotencyKey,
  provesNothingApplied,
  readValues,
  refusalLines,
  tabMemory,
} from './form-view';
import { english, formatNumber, language, t, tParts } from './i18n';
import { partyLabel } from './i18n/process-labels';
import {
  initialValues,
  startBody,
  startForm,
  valuesOfBody,
  type StartErrors,
  type StartForm,
  type StartValues,
} from './start-form';
import { announce } from './view';

/** One part of the start form on the page: its fields, their id prefix, where the server's details name it. */
interface Part {
  readonly key: 'facts' | 'data' | `party:${string}`;
  readonly form: ActionForm;
  readonly prefix: string;
  readonly refusedAs: string;
}

const partsOf = (form: StartForm): Part[] => [
  { key: 'facts', form: form.facts, prefix: 'start-', refusedAs: '' },
  ...form.parties.map((p) => ({
    key: `party:${p.slot}` as const,
    form: p.form,
    prefix: `start-party-${p.slot}-`,
    refusedAs: `parties.${p.slot}`,
  })),
  { key: 'data', form: form.data, prefix: 'start-data-', refusedAs: 'data' },
];

const valuesIn = (values: StartValues, key: Part['key']): FormValues =>
  key === 'facts' ? values.facts : key === 'data' ? values.data : (values.parties[key.slice(6)] ?? {});
const errorsIn = (errors: StartErrors<Shown>, key: Part['key']): Readonly<Record<string, Shown>> =>
  key === 'facts' ? errors.facts : key === 'data' ? errors.data : (errors.parties[key.slice(6)] ?? {});

/** A party slot's section, by the slot's name (its code, for a slot the page does not know). */
const slotLegend = (slot: string, optional: boolean) => {
  const party = partyLabel(slot, language());
  return optional ? t('start.partyOptional', { party }) : t('start.partyRequired', { party });
};

/**
 * Starting a process in a case: choose a type, then fill in what its start request asks (drawn by
 * start-form.ts from the schema the API publishes with the type). The page makes one idempotency key
 * per intent, so a double click or a retry after a lost answer starts one process; on success the
 * process page opens.
 */
export function startPanel(
  caseId: string,
  caseHandlingCode: string,
  types: readonly ProcessType[],
  user: string,
): HTMLElement {
  const typeSelect = h(
    'select',
    { id: 'start-type', name: 'start-type', 'aria-required': 'true' },
    h('option', { value: '' }, t('start.choose')),
    ...types.map((type) => h('option', { value: type.type }, type.title)),
  );
  const fields = h('div', { class: 'form-fields' });
  const formError = h('div', { class: 'form-error', role: 'alert', tabindex: -1 });
  const submit = h('button', { type: 'submit' }, t('start.submit'));
  /** Gives up an unconfirmed start (after checking the case's processes): the form is free again, under a new key. */
  const discard = h('button', { type: 'button', hidden: true }, t('start.discard'));
  const el = h(
    'form',
    { id: 'start-form', class: 'action-form', novalidate: true, 'aria-labelledby': 'start-heading' },
    h('div', { class: 'form-field' }, h('label', { for: 'start-type' }, t('start.processType')), typeSelect),
    fields,
    formError,
    h('div', { class: 'form-buttons' }, submit, discard),
  );
  let form: StartForm | undefined;
  let values: StartValues = { facts: {}, parties: {}, data: {} };
  let idempotencyKey = newIdempotencyKey();
  /**
   * A start whose answer never came: only the same body under the same key is safe (it starts one
   * process). Kept for this tab beyond the page's life (signing in again after the token expired
   * rebuilds the page), under the case.
   */
  let unconfirmed: Record<string, unknown> | undefined;
  const memory = tabMemory<Record<string, unknown>>('start', user);
  const remember = (body: Record<string, unknown> | undefined) => {
    unconfirmed = body;
    memory.set(caseId, body);
  };
  let busy = false;

  const draw = (restored?: Record<string, unknown>) => {
    const definition = types.find((type) => type.type === typeSelect.value);
    if (!definition) {
      form = undefined;
      fields.replaceChildren();
      return;
    }
    try {
      form = startForm(definition);
    } catch (err) {
      form = undefined;
      fields.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, t('start.cannotDraw', { message: (err as Error).message })),
      );
      return;
    }
    values = restored ? valuesOfBody(form, restored) : initialValues(form, caseHandlingCode);
    // A party slot's description is the start request schema's, in English.
    const section = (part: Part, legend: string, description: string) =>
      h(
        'fieldset',
        { class: 'form-section', 'data-part': part.key },
        h('legend', {}, legend),
        description ? h('p', { class: 'hint' }, english(description)) : null,
        ...activeFields(part.form, valuesIn(values, part.key)).map((f) =>
          fieldView(f, valuesIn(values, part.key), part.prefix),
        ),
      );
    const parts = partsOf(form);
    fields.replaceChildren(
      h('p', { class: 'hint' }, ...tParts('start.hint', { reference: english(definition.legalReference), caseId })),
      ...parts.flatMap((part) => {
        if (part.key === 'facts') return [section(part, t('start.request'), '')];
        if (part.key === 'data') return part.form.fields.length ? [section(part, t('start.details'), '')] : [];
        const party = form?.parties.find((p) => `party:${p.slot}` === part.key);
        return party ? [section(part, slotLegend(party.slot, party.optional), party.description)] : [];
      }),
    );
  };

  const read = (current: StartForm): StartValues => {
    const parts = partsOf(current);
    const typed = (key: Part['key']) => {
      const part = parts.find((p) => p.key === key);
      return part ? readValues(el, activeFields(part.form, {}), part.prefix) : {};
    };
    return {
      facts: typed('facts'),
      parties: Object.fromEntries(current.parties.map((p) => [p.slot, typed(`party:${p.slot}`)])),
      data: typed('data'),
    };
  };

  const showErrors = (errors: StartErrors<Shown>, summary: readonly Shown[]) => {
    let first: HTMLElement | undefined;
    let count = 0;
    for (const part of form ? partsOf(form) : []) {
      const own = errorsIn(errors, part.key);
      count += Object.keys(own).length;
      const target = markErrors(el, activeFields(part.form, valuesIn(values, part.key)), own, part.prefix);
      first ??= target;
    }
    const lines = [
      ...(count ? [t('start.fieldsNeedAttention', { count, number: formatNumber(count) })] : []),
      ...summary,
    ];
    formError.replaceChildren(...lines.map((line) => h('p', {}, line)));
    if (lines.length) (first ?? formError).focus();
  };
  const clear = { facts: {}, parties: {}, data: {} };

  const lock = (locked: boolean) => {
    for (const c of el.querySelectorAll<HTMLInputElement>('input, textarea, select')) c.disabled = locked;
    submit.textContent = locked ? t('start.submitAgain') : t('start.submit');
    discard.hidden = !locked;
  };
  discard.addEventListener('click', () => {
    if (busy) return;
    remember(undefined);
    idempotencyKey = newIdempotencyKey();
    lock(false);
    formError.replaceChildren(h('p', {}, t('start.discarded')));
    formError.focus();
  });

  typeSelect.addEventListener('change', () => {
    draw(undefined);
    formError.replaceChildren();
  });
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    if (!form) {
      formError.replaceChildren(h('p', {}, t('start.chooseType')));
      typeSelect.setAttribute('aria-invalid', 'true');
      typeSelect.focus();
      return;
    }
    typeSelect.removeAttribute('aria-invalid');
    let body = unconfirmed;
    const sentAgain = body !== undefined;
    if (!body) {
      values = read(form);
      const checked = startBody(form, values, caseId, idempotencyKey, fieldProblem);
      if (!checked.ok) return showErrors(checked.errors, []);
      body = checked.body;
    }
    showErrors(clear, []);
    busy = true;
    submit.disabled = true;
    el.setAttribute('aria-busy', 'true');
    const sent = body;
    apiPost<StartedProcess>('/api/v1/processes', sent).then(
      (started) => {
        busy = false;
        remember(undefined);
        const stage = types.find((type) => type.type === started.type)?.stages.find((s) => s.stage === started.stage);
        announce(t('start.started', { id: started.id, stage: stage?.label ?? started.stage }));
        location.hash = `#/process/${encodeURIComponent(started.id)}`;
      },
      (err: unknown) => {
        busy = false;
        submit.disabled = false;
        el.removeAttribute('aria-busy');
        const current = form;
        if (!current) return;
        const refused = err instanceof ApiError && provesNothingApplied(err.status, sentAgain);
        if (refused) {
          // Nothing started, so the next submission is a new intent with a new key.
          remember(undefined);
          idempotencyKey = newIdempotencyKey();
          lock(false);
          const parts = partsOf(current);
          const said =
            err.status === 403
              ? joined(tParts('start.forbidden', { message: english(err.message) }))
              : english(err.message);
          const message = textOf(said);
          const refusal = refusalBySection(
            parts.map((p) => ({ form: p.form, values: valuesIn(values, p.key), prefix: p.refusedAs })),
            message,
            err.details,
          );
          // The sentences at the fields are the API's words, in English.
          const at = (key: Part['key']) => inEnglish(refusal.fields[parts.findIndex((p) => p.key === key)] ?? {});
          showErrors(
            {
              facts: at('facts'),
              parties: Object.fromEntries(current.parties.map((p) => [p.slot, at(`party:${p.slot}`)])),
              data: at('data'),
            },
            refusalLines(refusal.form, message, said),
          );
        } else {
          remember({ ...sent });
          lock(true);
          showErrors(clear, [joined(tParts('start.notConfirmed', { message: english((err as Error).message) }))]);
        }
      },
    );
  });
  // A start left unconfirmed in this tab (before signing in again): shown as sent, locked.
  const left = memory.get(caseId);
  if (
    left &&
    typeof left['type'] === 'string' &&
    typeof left['idempotencyKey'] === 'string' &&
    types.some((type) => type.type === left['type'])
  ) {
    typeSelect.value = left['type'];
    draw(left);
    unconfirmed = left;
    idempotencyKey = left['idempotencyKey'];
    lock(true);
    formError.replaceChildren(h('p', {}, t('start.leftUnconfirmed')));
  }
  return h(
    'section',
    { class: 'actions', 'aria-labelledby': 'start-heading' },
    h('h2', { id: 'start-heading' }, t('start.heading')),
    el,
  );
}
