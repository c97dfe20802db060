import {
  actionForm,
  activeFields,
  refusalByField,
  sentences,
  validate,
  valuesOf,
  type ActionForm,
  type FormValues,
  type KnownChoices,
} from './action-form';
import { ApiError, apiGet, apiPost } from './api';
import type { DocumentList, DocumentResource, ProcessResource, ProcessType } from './api-types';
import { ATTACH_DOCUMENT } from './documents-model';
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
import { english, language, t, tParts } from './i18n';
import { localizedProcess } from './i18n/process-labels';
import { fromKey, offChannelFields, onBehalfKey, scansOf, splitOffChannel } from './off-channel-form';
import { announce } from './view';

/** The prefix of the action form's element ids (`action-field-reasons`). */
const PREFIX = 'action-field-';

/** The refusal grounds of the process's legal basis, for a `ground` field (in the definition's English). */
function knownChoices(process: ProcessResource, definition: ProcessType): KnownChoices {
  const table = definition.refusalGrounds.find((t) => t.legalBasis === process.legalBasis);
  return table
    ? {
        ground: table.grounds.map((g) => ({
          value: g.ground,
          label: `${g.ground} (${g.article}): ${g.meaning}`,
          english: true,
        })),
      }
    : {};
}

/** A disclosure button's state: it controls the form only while the form is there. */
function expanded(button: HTMLButtonElement, isOpen: boolean): void {
  button.setAttribute('aria-expanded', String(isOpen));
  if (isOpen) button.setAttribute('aria-controls', 'action-form');
  else button.removeAttribute('aria-controls');
}

/** What a refusal that names no field means for the person at the form; the API's words are English. */
function refusalText(error: ApiError): Shown {
  if (error.status === 403) return joined(tParts('action.refusedForbidden', { message: english(error.message) }));
  if (error.status === 409) return joined(tParts('action.refusedConflict', { message: english(error.message) }));
  if (error.status === 429) return t('action.tooManyRequests');
  return english(error.message);
}

export interface ActionPanel {
  readonly element: HTMLElement;
  /**
   * Redraws the buttons for the process as it now is and has `place` put the panel on the page; the
   * focus stays where it was (on the same action's new button when its old one is gone). An open
   * form stays as typed while its action is allowed or its request is on its way.
   */
  redraw(process: ProcessResource, definition: ProcessType, place: () => void): void;
}

/** A submission whose answer never came: it may have applied, so it is sent again as it was, with its key. */
interface Unconfirmed {
  readonly key: string;
  readonly payload: Record<string, unknown>;
  /** How the step went outside Comity, as sent (a repeat must be the same request). */
  readonly offChannel?: Record<string, unknown>;
  /** The process's sequence when it was sent: once the process has moved, the timeline tells. */
  readonly sequence: number;
}

/**
 * A process's actions for the signed-in caller: a button per action the API says they may take now
 * (`allowedActions`), each opening a form drawn from the action's payload schema. What the user
 * typed is checked before it is sent; the server's refusal is shown at the field it names.
 */
export function actionPanel(onApplied: (process: ProcessResource) => void, user: string): ActionPanel {
  const heading = h('h2', { id: 'actions-heading', tabindex: -1 }, t('action.heading'));
  const buttons = h('div', { class: 'action-buttons' });
  const formHost = h('div', { class: 'action-form-host' });
  const element = h('section', { class: 'actions', 'aria-labelledby': 'actions-heading' }, heading, buttons, formHost);
  let current: { process: ProcessResource; definition: ProcessType } | undefined;
  /** The open form; while `busy` (its request on its way) nothing closes it, so its answer always lands in it. */
  let open: { action: string; busy: boolean } | undefined;
  /**
   * By process and action: kept beyond the form's life (and the page's, for the tab), so closing and
   * reopening it, or signing in again, cannot apply the action twice.
   */
  const memory = tabMemory<Unconfirmed>('action', user);
  const unconfirmed = {
    get: (action: string) => (current ? memory.get(`${current.process.id}|${action}`) : undefined),
    has: (action: string) => unconfirmed.get(action) !== undefined,
    set: (action: string, sent: Unconfirmed | undefined) => {
      if (current) memory.set(`${current.process.id}|${action}`, sent);
    },
  };

  const buttonOf = (action: string) =>
    buttons.querySelector<HTMLButtonElement>(`button[data-action="${CSS.escape(action)}"]`) ?? undefined;

  const close = (returnFocus: boolean) => {
    const action = open?.action;
    open = undefined;
    formHost.replaceChildren();
    for (const b of buttons.querySelectorAll('button')) expanded(b, false);
    if (returnFocus && action) (buttonOf(action) ?? heading).focus();
  };

  /**
   * Opens the form of an action (`action` is its key: the action, or the action recorded for a
   * party reached outside Comity, see onBehalfKey). Where the process has such a party, the form
   * also asks how the step went outside Comity, and `scans` are the documents it may name.
   */
  const openForm = (action: string, label: string, scans?: readonly DocumentResource[]) => {
    if (!current || open?.busy) return;
    const { process, definition } = current;
    const { action: name, party } = fromKey(action);
    const declared = definition.actions.find((a) => a.action === name);
    let form: ActionForm;
    try {
      form = actionForm(declared?.payload ?? { type: 'object' }, knownChoices(process, definition));
      if (scans) form = { ...form, fields: [...form.fields, ...offChannelFields(party !== undefined, scans)] };
    } catch (err) {
      formHost.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, t('action.formCannotBeDrawn', { error: (err as Error).message })),
      );
      return;
    }
    open = { action, busy: false };
    const state = open;
    for (const b of buttons.querySelectorAll('button')) expanded(b, b.getAttribute('data-action') === action);
    // One key per intent: made when the form opens, or the unconfirmed submission's, sent again as it was.
    // A submission left unconfirmed before the process moved: the move may have been it, and the
    // timeline says; it is not sent again blind (its key could apply old words anew).
    const moved = (unconfirmed.get(action)?.sequence ?? process.sequence) < process.sequence;
    if (moved) unconfirmed.set(action, undefined);
    let idempotencyKey = unconfirmed.get(action)?.key ?? newIdempotencyKey();
    let values: FormValues = valuesOf(form, unconfirmed.get(action)?.payload ?? {});
    const selectorBox = h('div', { class: 'form-fields' });
    const variantBox = h('div', { class: 'form-fields' });
    const formError = h('div', { class: 'form-error', role: 'alert', tabindex: -1 });
    const submit = h('button', { type: 'submit' }, label);
    const cancel = h('button', { type: 'button', onclick: () => state.busy || close(true) }, t('action.cancel'));
    /** Gives up an unconfirmed submission (after checking the timeline): the form is free again, under a new key. */
    const discard = h('button', { type: 'button', hidden: true }, t('action.discard'));
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
      selectorBox,
      variantBox,
      formError,
      h('div', { class: 'form-buttons' }, submit, discard, cancel),
    );
    /** A submission not confirmed is shown as sent and cannot be edited: only sending it again is safe. */
    const lockIfUnconfirmed = () => {
      const locked = unconfirmed.has(action);
      for (const c of el.querySelectorAll<HTMLInputElement>('input, textarea, select')) c.disabled = locked;
      submit.textContent = locked ? t('action.sendAgain', { label }) : label;
      discard.hidden = !locked;
    };
    discard.addEventListener('click', () => {
      if (state.busy) return;
      unconfirmed.set(action, undefined);
      idempotencyKey = newIdempotencyKey();
      lockIfUnconfirmed();
      showErrors({}, [t('action.discarded')]);
    });
    // The fields of the chosen shape redraw on their own: the selector, which has the focus, stays.
    const drawVariant = () =>
      variantBox.replaceChildren(
        ...activeFields(form, values)
          .slice(form.fields.length)
          .map((f) => fieldView(f, values, PREFIX)),
      );
    selectorBox.replaceChildren(
      ...(form.fields.length
        ? form.fields.map((f) => fieldView(f, values, PREFIX))
        : [h('p', {}, t('action.noDetails'))]),
    );
    drawVariant();
    const showErrors = (errors: Readonly<Record<string, Shown>>, summary: readonly Shown[]) => {
      const first = markErrors(el, activeFields(form, values), errors, PREFIX);
      const count = Object.keys(errors).length;
      const lines = [...(count ? [t('action.fieldsNeedAttention', { count })] : []), ...summary];
      formError.replaceChildren(...lines.map((line) => h('p', {}, line)));
      if (lines.length) (first ?? formError).focus();
    };
    el.addEventListener('change', (event) => {
      if (form.variants && (event.target as HTMLElement | null)?.getAttribute('name') === PREFIX + form.variants.by) {
        values = readValues(el, activeFields(form, values), PREFIX);
        drawVariant();
      }
    });
    el.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !state.busy) close(true);
    });
    el.addEventListener('submit', (event) => {
      event.preventDefault();
      if (state.busy) return; // already on its way: the same key would apply it once anyway
      const earlier = unconfirmed.get(action);
      let payload = earlier?.payload;
      let offChannel = earlier?.offChannel;
      const sentAgain = payload !== undefined;
      if (!payload) {
        values = readValues(el, activeFields(form, values), PREFIX);
        const checked = validate(form, values);
        if (!checked.ok) return showErrors(sentences(form, values, checked.errors, fieldProblem), []);
        ({ payload, offChannel } = splitOffChannel(checked.payload, process, party));
      }
      showErrors({}, []);
      state.busy = true;
      submit.disabled = true;
      el.setAttribute('aria-busy', 'true');
      const sent = { key: idempotencyKey, payload, ...(offChannel ? { offChannel } : {}), sequence: process.sequence };
      apiPost<ProcessResource>(`/api/v1/processes/${encodeURIComponent(process.id)}/actions`, {
        action: name,
        payload,
        ...(offChannel ? { offChannel } : {}),
        idempotencyKey: sent.key,
      }).then(
        (updated) => {
          unconfirmed.set(action, undefined);
          state.busy = false;
          const shown = localizedProcess(updated, language());
          announce(t('action.done', { label, stage: shown.stageLabel }));
          close(true);
          onApplied(shown);
        },
        (err: unknown) => {
          state.busy = false;
          submit.disabled = false;
          el.removeAttribute('aria-busy');
          if (err instanceof ApiError && provesNothingApplied(err.status, sentAgain)) {
            // Refused: nothing was applied, so the next submission is a new intent with a new key.
            unconfirmed.set(action, undefined);
            idempotencyKey = newIdempotencyKey();
            lockIfUnconfirmed();
            const said = refusalText(err);
            const message = textOf(said);
            const refusal = refusalByField(form, values, message, err.details);
            showErrors(inEnglish(refusal.fields), refusalLines(refusal.form, message, said));
          } else {
            // The outcome is unknown: only the same request with the same key is safe (it applies once).
            unconfirmed.set(action, sent);
            lockIfUnconfirmed();
            showErrors({}, [joined(tParts('action.notConfirmed', { message: english((err as Error).message) }))]);
          }
        },
      );
    });
    formHost.replaceChildren(el);
    lockIfUnconfirmed();
    if (moved) showErrors({}, [t('action.earlierNotConfirmed')]);
    el.querySelector<HTMLElement>(
      'input:not(:disabled), textarea:not(:disabled), select:not(:disabled), button',
    )?.focus();
  };

  /**
   * Opens a form; where the process has a party reached outside Comity, with the scans it may name
   * (read first: a list that cannot be read leaves the form without them, the step recordable still).
   */
  const toggle = (action: string, label: string) => {
    if (open?.action === action) return open.busy || close(false);
    const process = current?.process;
    if (!process?.offChannelParties?.length) return openForm(action, label);
    apiGet<DocumentList>(`/api/v1/processes/${encodeURIComponent(process.id)}/documents`).then(
      (list) => openForm(action, label, scansOf(list.items)),
      () => openForm(action, label, []),
    );
  };
  const button = (key: string, label: string) =>
    h(
      'button',
      { type: 'button', 'data-action': key, 'aria-expanded': 'false', onclick: () => toggle(key, label) },
      label,
    );

  const update = (process: ProcessResource) => {
    // Attaching a document is done from the document itself, in the page's Documents section
    // (documents-panel.ts), rather than by typing its id into a form here.
    const allowed = process.allowedActions.filter((a) => a.action !== ATTACH_DOCUMENT);
    // The steps of parties reached outside Comity, which the coordinator records for them.
    const forParties = (process.offChannelParties ?? []).filter((p) => p.actions.length);
    buttons.replaceChildren(
      ...(allowed.length
        ? allowed.map(({ action, label }) => button(action, label))
        : [h('p', {}, process.terminal ? t('action.finished') : t('action.nothingToDo'))]),
      ...forParties.map(({ party, agencyId, actions }) =>
        h(
          'div',
          { class: 'off-channel-actions', role: 'group', 'aria-label': t('action.recordFor', { agency: agencyId }) },
          h('p', {}, t('action.recordFor', { agency: agencyId })),
          ...actions.map(({ action, label }) => button(onBehalfKey(action, party), label)),
        ),
      ),
    );
    if (!open) return;
    const opener = buttonOf(open.action);
    if (opener) expanded(opener, true);
    else if (!open.busy) {
      const sentButUnconfirmed = unconfirmed.has(open.action);
      unconfirmed.set(open.action, undefined);
      close(false);
      formHost.replaceChildren(
        h(
          'p',
          { class: 'error', role: 'alert' },
          sentButUnconfirmed
            ? t('action.unconfirmedNowAt', { stage: process.stageLabel })
            : t('action.noLongerPossible', { stage: process.stageLabel }),
        ),
      );
    }
  };

  const redraw = (process: ProcessResource, definition: ProcessType, place: () => void) => {
    current = { process, definition };
    const focused =
      document.activeElement instanceof HTMLElement && element.contains(document.activeElement)
        ? document.activeElement
        : undefined;
    const focusedAction = focused && buttons.contains(focused) ? focused.getAttribute('data-action') : null;
    update(process);
    place();
    // Moving or replacing an element blurs it: the focus goes back where the user had it.
    if (focused?.isConnected) focused.focus({ preventScroll: true });
    else if (focusedAction !== null) (buttonOf(focusedAction) ?? heading).focus({ preventScroll: true });
  };

  return { element, redraw };
}
