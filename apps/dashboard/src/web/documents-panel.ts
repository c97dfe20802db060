/**
 * A process's documents on its page (docs/dashboard.md, docs/documents.md): the ones the caller may
 * see, with their kind, size, status and whether they are attached; downloading one (with the
 * caller's token, checked whole before it is saved); attaching one (the action attach-document);
 * and uploading one in parts with its progress, then following its check to the outcome. The
 * upload logic is in documents-model.ts; this draws it.
 */
import { ApiError, apiBytes, apiGet, apiPost, apiPutBytes, saveAs } from './api';
import type { Caller, DocumentList, DocumentResource, ProcessResource } from './api-types';
import {
  allowsMediaType,
  allParts,
  ATTACH_DOCUMENT,
  DOCUMENT_KINDS,
  fingerprintOf,
  isAbort,
  isDocumentKind,
  KIND_MEDIA_TYPES,
  mayAttach,
  mayUpload,
  mediaTypeOf,
  PartNotSent,
  partOf,
  percentOf,
  resumableUpload,
  sendParts,
  untilChecked,
  UPLOAD_POLICY,
  withRetries,
  type DocumentKind,
  type FileFingerprint,
} from './documents-model';
import { h, joined, type Shown } from './dom';
import { fileSize, when } from './format';
import { newIdempotencyKey, provesNothingApplied, tabMemory } from './form-view';
import { english, formatNumber, locale, roleName, t, tParts, type MessageKey } from './i18n';

/** Each kind by its label in the reader's language. */
const KIND_LABELS: Readonly<Record<DocumentKind, MessageKey>> = {
  request: 'documents.kindRequest',
  translation: 'documents.kindTranslation',
  evidence: 'documents.kindEvidence',
  decision: 'documents.kindDecision',
  'surrender-papers': 'documents.kindSurrenderPapers',
  'certified-copy': 'documents.kindCertifiedCopy',
  correspondence: 'documents.kindCorrespondence',
};

const STATUS_LABELS: Readonly<Record<DocumentResource['status'], MessageKey>> = {
  uploading: 'documents.statusUploading',
  scanning: 'documents.statusScanning',
  available: 'documents.statusAvailable',
  quarantined: 'documents.statusQuarantined',
  rejected: 'documents.statusRejected',
  expired: 'documents.statusExpired',
};

/** A kind by its label; one the page does not know (an installation's newer kind) by its code. */
export const kindLabel = (kind: string): string => (isDocumentKind(kind) ? t(KIND_LABELS[kind]) : kind);

/**
 * A document's name as shown: always text (never markup), isolated so that a name written right to
 * left, or with numbers and punctuation, does not reorder the sentence around it.
 */
const nameOf = (name: string): HTMLElement => h('bdi', {}, name);

/** "PDF, XML or TIFF": the media types a kind takes, as the reader's language lists alternatives. */
function typesOf(kind: DocumentKind): string | undefined {
  const allowed = KIND_MEDIA_TYPES[kind];
  if (allowed === '*') return undefined;
  return new Intl.ListFormat(locale(), { type: 'disjunction' }).format(allowed);
}

/**
 * A button whose work is under way: marked and inert, but not disabled, which would take the
 * keyboard's focus away from it (and leave it nowhere).
 */
const busy = (button: HTMLButtonElement) => button.getAttribute('aria-disabled') === 'true';
function setBusy(button: HTMLButtonElement, on: boolean): void {
  if (on) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
}

/** What the API refused at a field of the upload's body, by the form's field (`body.mediaType` is the file's). */
function fieldOfDetail(detail: string): keyof FieldErrors | undefined {
  if (/^body\.(mediaType|size|name)\b/.test(detail)) return 'file';
  if (/^body\.kind\b/.test(detail)) return 'kind';
  if (/^body\.language\b/.test(detail)) return 'language';
  return undefined;
}

/** What is wrong at each of the upload form's fields. */
interface FieldErrors {
  file?: Shown;
  kind?: Shown;
  language?: Shown;
}

/** A language code as its name in the reader's language ("fr": French, francés), else the code. */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(locale(), { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface DocumentsPanel {
  readonly element: HTMLElement;
  /** Reads the list again for the process as it now is; the form, and an upload under way, stay as they are. */
  update(process: ProcessResource): void;
  /**
   * Remembers where the focus is within the panel; the function it answers gives it back there once
   * the page has been drawn again around the panel (moving an element blurs it).
   */
  keepFocus(): () => void;
  /** Stops an upload under way (it resumes when the same file is chosen again) and every read. */
  dispose(): void;
}

/**
 * The documents of process `processId` for the caller `me`. `onAttached` is told when a document
 * was attached (the process moved: the page reads it again, and with it this list).
 */
export function documentsPanel(processId: string, me: Caller, onAttached: () => void): DocumentsPanel {
  const base = `/api/v1/processes/${encodeURIComponent(processId)}/documents`;
  const documentPath = (documentId: string) => `${base}/${encodeURIComponent(documentId)}`;
  let current: ProcessResource | undefined;
  let listed: readonly DocumentResource[] = [];
  let generation = 0;
  let disposed = false;
  /** Uploads started from this tab, by document: a file chosen again resumes its upload only if it is the same. */
  const started = tabMemory<FileFingerprint>(`upload:${processId}`, me.userId);
  /** One key per document being attached: a lost answer is sent again under it, and applies once. */
  const attachKeys = new Map<string, string>();
  const attaching = new Set<string>();
  /** After a redraw, the control to give the focus to (the one that had it, or where an attach leads). */
  let focusNext: { documentId: string; act: string } | undefined;

  const heading = h('h2', { id: 'documents-heading', tabindex: -1 }, t('documents.heading'));
  const status = h('p', { class: 'documents-status', role: 'status' });
  const alert = h('p', { class: 'documents-alert error', role: 'alert' });
  const listHost = h('div', { class: 'documents-list', 'aria-busy': 'true' }, h('p', {}, t('common.loading')));
  /** Says how things went: a confirmation politely, a failure as an alert; the other is cleared. */
  const say = (message: Shown, failed = false) => {
    (failed ? alert : status).replaceChildren(...(message === '' ? [] : [message]));
    (failed ? status : alert).replaceChildren();
  };

  // --- the list -------------------------------------------------------------------------------------

  const actorOf = (d: DocumentResource) =>
    `${d.uploadedBy.userId} (${roleName(d.uploadedBy.role)}${d.uploadedBy.agencyId ? `, ${d.uploadedBy.agencyId}` : ''})`;

  const statusCell = (d: DocumentResource) => {
    const label = t(STATUS_LABELS[d.status]);
    const problem = d.problem && (d.status === 'quarantined' || d.status === 'rejected' || d.status === 'expired');
    return h(
      'td',
      { class: `document-status status-${d.status}`, 'data-status': d.status },
      ...(problem ? tParts('documents.statusProblem', { status: label, problem: english(d.problem!) }) : [label]),
    );
  };

  const row = (d: DocumentResource) => {
    const nameId = `document-name-${d.id}`;
    const buttons: HTMLButtonElement[] = [];
    if (d.status === 'available') {
      const button = h(
        'button',
        { type: 'button', 'data-act': 'download', 'aria-describedby': nameId },
        t('documents.download'),
      );
      button.addEventListener('click', () => void download(d, button));
      buttons.push(button);
    }
    if (current && mayAttach(me, current, d)) {
      const button = h(
        'button',
        {
          type: 'button',
          'data-act': 'attach',
          'aria-describedby': nameId,
          'aria-disabled': attaching.has(d.id) ? 'true' : null,
        },
        t('documents.attach'),
      );
      button.addEventListener('click', () => void attach(d, button));
      buttons.push(button);
    }
    return h(
      'tr',
      { 'data-document-id': d.id, 'data-status': d.status },
      h('th', { scope: 'row', id: nameId, class: 'document-name' }, nameOf(d.name)),
      h(
        'td',
        { 'data-kind': d.kind },
        d.language
          ? t('documents.kindInLanguage', { kind: kindLabel(d.kind), language: languageName(d.language) })
          : kindLabel(d.kind),
      ),
      h('td', { class: 'document-size' }, fileSize(d.size)),
      statusCell(d),
      h(
        'td',
        { 'data-attached': String(d.attached !== undefined) },
        t(d.attached ? 'documents.attachedYes' : 'documents.attachedNo'),
      ),
      h('td', {}, t('documents.uploadedBy', { actor: actorOf(d), when: when(d.createdAt) })),
      h('td', { class: 'document-actions no-print' }, ...buttons),
    );
  };

  const drawList = () => {
    const active = document.activeElement;
    const had =
      active instanceof HTMLElement && listHost.contains(active)
        ? {
            documentId: active.closest('tr')?.getAttribute('data-document-id') ?? '',
            act: active.getAttribute('data-act') ?? '',
          }
        : undefined;
    const wanted = focusNext ?? had;
    focusNext = undefined;
    const columns = [
      t('documents.columnName'),
      t('documents.columnKind'),
      t('documents.columnSize'),
      t('documents.columnStatus'),
      t('documents.columnAttached'),
      t('documents.columnUploaded'),
    ];
    listHost.replaceChildren(
      listed.length
        ? h(
            'div',
            {
              class: 'table-scroll',
              role: 'region',
              tabindex: 0,
              'aria-label': t('common.scrollable', { label: t('documents.heading') }),
            },
            h(
              'table',
              { class: 'documents', 'aria-labelledby': 'documents-heading' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...columns.map((c) => h('th', { scope: 'col' }, c)),
                  h('th', { scope: 'col', class: 'no-print' }, t('documents.columnActions')),
                ),
              ),
              h('tbody', {}, ...listed.map(row)),
            ),
          )
        : h('p', {}, t('documents.none')),
    );
    listHost.setAttribute('aria-busy', 'false');
    if (!wanted) return;
    const target = listHost.querySelector<HTMLElement>(
      `tr[data-document-id="${CSS.escape(wanted.documentId)}"] [data-act="${CSS.escape(wanted.act)}"]`,
    );
    (target ?? heading).focus({ preventScroll: true });
  };

  const read = async () => {
    const mine = ++generation;
    try {
      const list = await apiGet<DocumentList>(base);
      if (mine !== generation || disposed) return;
      listed = list.items;
      drawList();
    } catch (err) {
      if (mine !== generation || disposed) return;
      listHost.setAttribute('aria-busy', 'false');
      if (err instanceof ApiError && err.code === 'DOCUMENTS_NOT_CONFIGURED') {
        form.hidden = true;
        listHost.replaceChildren(h('p', {}, t('documents.notConfigured')));
        return;
      }
      listHost.replaceChildren(
        h('p', { class: 'error' }, ...tParts('documents.loadFailed', { message: english((err as Error).message) })),
      );
    }
  };

  // --- downloading and attaching ----------------------------------------------------------------------

  /** Saves the document only when it arrived whole: a transfer cut off or short is said, and nothing saved. */
  const download = async (d: DocumentResource, button: HTMLButtonElement) => {
    if (busy(button)) return;
    setBusy(button, true);
    say(joined(tParts('documents.downloading', { name: nameOf(d.name) })));
    try {
      const { blob, announced } = await apiBytes(`${documentPath(d.id)}/content`);
      if (blob.size !== d.size || (announced !== undefined && announced !== blob.size)) {
        say(
          joined(
            tParts('documents.downloadShort', {
              name: nameOf(d.name),
              received: fileSize(blob.size),
              size: fileSize(d.size),
            }),
          ),
          true,
        );
        return;
      }
      saveAs(blob, d.name);
      say(joined(tParts('documents.downloaded', { name: nameOf(d.name) })));
    } catch (err) {
      const message = english((err as Error).message);
      say(
        joined(
          tParts(err instanceof ApiError ? 'documents.downloadRefused' : 'documents.downloadFailed', {
            name: nameOf(d.name),
            message,
          }),
        ),
        true,
      );
    } finally {
      setBusy(button, false);
    }
  };

  /** attach-document, naming the document only: the API fills in its claim check. */
  const attach = async (d: DocumentResource, button: HTMLButtonElement) => {
    if (attaching.has(d.id)) return;
    attaching.add(d.id);
    setBusy(button, true);
    say(joined(tParts('documents.attaching', { name: nameOf(d.name) })));
    const idempotencyKey = attachKeys.get(d.id) ?? newIdempotencyKey();
    attachKeys.set(d.id, idempotencyKey);
    try {
      await apiPost<ProcessResource>(`/api/v1/processes/${encodeURIComponent(processId)}/actions`, {
        action: ATTACH_DOCUMENT,
        payload: { documentId: d.id },
        idempotencyKey,
      });
      attachKeys.delete(d.id);
      say(joined(tParts('documents.attached', { name: nameOf(d.name) })));
      // The button goes with the redraw: the focus goes on to the document's download.
      if (listHost.contains(document.activeElement)) focusNext = { documentId: d.id, act: 'download' };
      onAttached();
    } catch (err) {
      const message = english((err as Error).message);
      if (err instanceof ApiError && provesNothingApplied(err.status, false)) {
        // Refused: nothing applied, so trying again is a new intent.
        attachKeys.delete(d.id);
        say(joined(tParts('documents.attachRefused', { name: nameOf(d.name), message })), true);
      } else {
        say(joined(tParts('documents.attachNotConfirmed', { name: nameOf(d.name), message })), true);
      }
    } finally {
      attaching.delete(d.id);
      // The list may have been drawn again meanwhile: its button is the one to free.
      setBusy(button, false);
      const redrawn = listHost.querySelector<HTMLButtonElement>(
        `tr[data-document-id="${CSS.escape(d.id)}"] [data-act="attach"]`,
      );
      if (redrawn) setBusy(redrawn, false);
    }
  };

  // --- the upload form --------------------------------------------------------------------------------

  const fileInput = h('input', {
    type: 'file',
    id: 'document-file',
    name: 'document-file',
    'aria-required': 'true',
    'aria-describedby': 'document-file-hint document-file-error',
  });
  const kindSelect = h(
    'select',
    {
      id: 'document-kind',
      name: 'document-kind',
      'aria-required': 'true',
      'aria-describedby': 'document-kind-hint document-kind-error',
    },
    // Chosen by default, so that the page does not take the untouched list for something typed (main.ts).
    h('option', { value: '', selected: true }, t('action.choose')),
    ...DOCUMENT_KINDS.map((kind) => h('option', { value: kind }, kindLabel(kind))),
  );
  const kindHint = h('p', { id: 'document-kind-hint', class: 'hint' });
  const showKindHint = () => {
    const kind = kindSelect.value;
    if (!isDocumentKind(kind)) return kindHint.replaceChildren();
    const types = typesOf(kind);
    kindHint.textContent = types
      ? t('documents.kindTypes', { kind: kindLabel(kind), types })
      : t('documents.kindAnyType', { kind: kindLabel(kind) });
  };
  const languageInput = h('input', {
    type: 'text',
    id: 'document-language',
    name: 'document-language',
    autocomplete: 'off',
    spellcheck: 'false',
    size: 4,
    'aria-describedby': 'document-language-hint document-language-error',
  });
  const languageLabel = h('label', { for: 'document-language' });
  /** A translation must say its language (the directory's requirements read it); any other kind may. */
  const labelLanguage = () => {
    const required = kindSelect.value === 'translation';
    languageLabel.replaceChildren(
      ...tParts(required ? 'action.labelRequired' : 'action.labelOptional', { label: t('documents.languageLabel') }),
    );
    if (required) languageInput.setAttribute('aria-required', 'true');
    else languageInput.removeAttribute('aria-required');
  };
  const languageError = h('p', { id: 'document-language-error', class: 'field-error' });
  kindSelect.addEventListener('change', () => {
    showKindHint();
    labelLanguage();
  });
  labelLanguage();
  const fileError = h('p', { id: 'document-file-error', class: 'field-error' });
  const kindError = h('p', { id: 'document-kind-error', class: 'field-error' });
  const formError = h('div', { class: 'form-error', role: 'alert', tabindex: -1 });
  const progress = h('progress', { id: 'document-progress', max: 100, value: 0, 'aria-valuenow': 0 });
  const progressBox = h('div', { class: 'upload-progress', hidden: true }, progress);
  const uploadStatus = h('p', { class: 'upload-status', role: 'status' });
  const submit = h('button', { type: 'submit' }, t('documents.upload'));
  const resume = h('button', { type: 'button', hidden: true }, t('documents.resume'));
  const finishedNote = h('p', { class: 'hint', hidden: true }, t('documents.notWhileFinished'));
  const form = h(
    'form',
    {
      id: 'document-upload',
      class: 'action-form document-upload no-print',
      novalidate: true,
      'aria-labelledby': 'document-upload-heading',
      hidden: true,
    },
    h('h3', { id: 'document-upload-heading' }, t('documents.uploadHeading')),
    h(
      'div',
      { class: 'form-field', 'data-field': 'file' },
      h('label', { for: 'document-file' }, ...tParts('action.labelRequired', { label: t('documents.fileLabel') })),
      fileInput,
      h('p', { id: 'document-file-hint', class: 'hint' }, t('documents.fileHint')),
      fileError,
    ),
    h(
      'div',
      { class: 'form-field', 'data-field': 'kind' },
      h('label', { for: 'document-kind' }, ...tParts('action.labelRequired', { label: t('documents.kindLabel') })),
      kindSelect,
      kindHint,
      kindError,
    ),
    h(
      'div',
      { class: 'form-field', 'data-field': 'language' },
      languageLabel,
      languageInput,
      h('p', { id: 'document-language-hint', class: 'hint' }, t('documents.languageHint')),
      languageError,
    ),
    formError,
    progressBox,
    uploadStatus,
    h('div', { class: 'form-buttons' }, submit, resume),
  );

  const element = h(
    'section',
    { class: 'documents', 'aria-labelledby': 'documents-heading' },
    heading,
    status,
    alert,
    listHost,
    finishedNote,
    form,
  );

  /** Marks the fields (text at each, aria-invalid) and lists the rest above the buttons; the focus goes to the first. */
  const showErrors = (fields: FieldErrors, rest: readonly Shown[]) => {
    const marks: [HTMLElement, HTMLElement, Shown | undefined][] = [
      [fileInput, fileError, fields.file],
      [kindSelect, kindError, fields.kind],
      [languageInput, languageError, fields.language],
    ];
    for (const [control, error, message] of marks) {
      error.replaceChildren(...(message === undefined ? [] : [message]));
      control.setAttribute('aria-invalid', String(message !== undefined));
      control.closest('.form-field')?.classList.toggle('invalid', message !== undefined);
    }
    const count = marks.filter(([, , m]) => m !== undefined).length;
    const lines = [...(count ? [t('action.fieldsNeedAttention', { count })] : []), ...rest];
    formError.replaceChildren(...lines.map((line) => h('p', {}, line)));
    const first = marks.find(([, , m]) => m !== undefined)?.[0];
    if (lines.length) (first ?? formError).focus();
  };

  /** The upload under way, stopped by dispose(); and the one that stopped, which "Resume" takes up. */
  let running: AbortController | undefined;
  let stopped: { file: File; documentId: string } | undefined;
  const warnBeforeLeaving = (event: BeforeUnloadEvent) => event.preventDefault();

  const lock = (busy: boolean) => {
    fileInput.disabled = busy;
    kindSelect.disabled = busy;
    languageInput.disabled = busy;
    setBusy(submit, busy);
    setBusy(resume, busy);
    form.toggleAttribute('data-uploading', busy);
    form.setAttribute('aria-busy', String(busy));
    if (busy) window.addEventListener('beforeunload', warnBeforeLeaving);
    else window.removeEventListener('beforeunload', warnBeforeLeaving);
  };

  const showProgress = (file: File, percent: number, done: number, parts: number) => {
    progressBox.hidden = false;
    progress.value = percent;
    progress.setAttribute('aria-label', t('documents.progressLabel', { name: file.name }));
    progress.setAttribute('aria-valuenow', String(percent));
    progress.setAttribute(
      'aria-valuetext',
      t('documents.progressText', { percent: formatNumber(percent / 100, { style: 'percent' }), done, count: parts }),
    );
  };

  const sayUpload = (message: Shown) => uploadStatus.replaceChildren(...(message === '' ? [] : [message]));

  /** Sends the parts still missing, ends the upload, and follows the check to its outcome. */
  const finish = async (file: File, begun: DocumentResource, toSend: readonly number[], signal: AbortSignal) => {
    let doc = begun;
    stopped = { file, documentId: doc.id };
    const path = documentPath(doc.id);
    if (doc.status === 'uploading') {
      sayUpload(joined(tParts('documents.sending', { name: nameOf(file.name) })));
      // Resuming, the parts the API holds already count as sent.
      const held = file.size - toSend.reduce((sum, n) => sum + partOf(file, doc.partSize, n).size, 0);
      showProgress(
        file,
        percentOf(held, file.size, doc.parts - toSend.length, doc.parts),
        doc.parts - toSend.length,
        doc.parts,
      );
      await sendParts({
        file,
        partSize: doc.partSize,
        parts: doc.parts,
        toSend,
        send: (part, body, partSignal) => apiPutBytes(`${path}/parts/${part}`, body, partSignal),
        signal,
        onProgress: (sent, done) => showProgress(file, percentOf(sent, file.size, done, doc.parts), done, doc.parts),
        onRetry: (part, attempt, attempts) => sayUpload(t('documents.retrying', { part, attempt, attempts })),
      });
      try {
        doc = await withRetries(() => apiPost<DocumentResource>(`${path}/complete`, {}), UPLOAD_POLICY, signal);
      } catch (err) {
        // Completed already (its answer was lost): the document says how far its check is.
        if (!(err instanceof ApiError && err.code === 'DOCUMENT_NOT_UPLOADING')) throw err;
      }
    }
    started.set(doc.id, undefined);
    sayUpload(joined(tParts('documents.checking', { name: nameOf(file.name) })));
    void read();
    doc = await untilChecked(() => apiGet<DocumentResource>(path), signal);
    const name = nameOf(file.name);
    const problem = english(doc.problem ?? '');
    if (doc.status === 'available') sayUpload(joined(tParts('documents.outcomeAvailable', { name })));
    else if (doc.status === 'quarantined') sayUpload(joined(tParts('documents.outcomeQuarantined', { name, problem })));
    else if (doc.status === 'rejected') sayUpload(joined(tParts('documents.outcomeRejected', { name, problem })));
    stopped = undefined;
    form.reset();
    showKindHint();
    labelLanguage();
    progressBox.hidden = true;
    void read();
  };

  /** Runs an upload step, locked; a failure once the document exists offers to resume it. */
  const run = async (file: File, step: (signal: AbortSignal) => Promise<void>) => {
    const controller = new AbortController();
    running = controller;
    lock(true);
    resume.hidden = true;
    try {
      await step(controller.signal);
    } catch (err) {
      if (disposed || isAbort(err)) return;
      const cause = err instanceof PartNotSent ? err.cause : err;
      if (stopped) {
        resume.hidden = false;
        showErrors({}, [
          joined(
            tParts('documents.uploadStopped', { name: nameOf(file.name), message: english((cause as Error).message) }),
          ),
        ]);
      } else if (cause instanceof ApiError) {
        // Refused before anything was stored: said at the field the API names, the rest above the buttons.
        const fields: FieldErrors = {};
        const rest: Shown[] = [joined(tParts('documents.uploadRefused', { message: english(cause.message) }))];
        for (const detail of cause.details) {
          const field = fieldOfDetail(detail);
          if (field && fields[field] === undefined) fields[field] = english(detail.replace(/^body\.\w+:\s*/, ''));
          else rest.push(english(detail));
        }
        showErrors(fields, rest);
      } else {
        showErrors({}, [joined(tParts('documents.uploadRefused', { message: english((cause as Error).message) }))]);
      }
      sayUpload('');
    } finally {
      if (running === controller) running = undefined;
      if (!disposed) lock(false);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (running) return;
    const file = fileInput.files?.[0];
    const kind = kindSelect.value;
    const mediaType = file ? mediaTypeOf(file.type) : '';
    const fields: FieldErrors = {};
    if (!file) fields.file = t('documents.fileRequired');
    if (!isDocumentKind(kind)) fields.kind = t('documents.kindRequired');
    else if (file && !allowsMediaType(kind, mediaType)) {
      fields.file = t('documents.typeNotAllowed', {
        type: mediaType,
        kind: kindLabel(kind),
        types: typesOf(kind) ?? '*',
      });
    }
    const language = languageInput.value.trim().toLowerCase();
    if (language && !/^[a-z]{2}$/.test(language)) fields.language = t('documents.languageInvalid');
    else if (!language && kind === 'translation') fields.language = t('documents.languageRequired');
    if (!file || !isDocumentKind(kind) || fields.file || fields.language) return showErrors(fields, []);
    showErrors({}, []);
    say('');
    stopped = undefined;
    void run(file, async (signal) => {
      const fingerprint = fingerprintOf(file, kind, language);
      // The caller's upload of this very file that stopped (another page, a lost connection) resumes.
      const open = resumableUpload(listed, me, fingerprint, (id) => started.get(id));
      let doc = open && (await apiGet<DocumentResource>(documentPath(open.id)));
      if (doc && doc.status !== 'uploading') {
        started.set(doc.id, undefined);
        doc = undefined;
      }
      if (doc) sayUpload(joined(tParts('documents.resuming', { name: nameOf(file.name) })));
      else {
        sayUpload(joined(tParts('documents.starting', { name: nameOf(file.name) })));
        doc = await apiPost<DocumentResource>(base, {
          kind,
          name: file.name,
          mediaType,
          ...(language ? { language } : {}),
          size: file.size,
        });
        started.set(doc.id, fingerprint);
        void read();
      }
      await finish(file, doc, doc.missingParts ?? allParts(doc.parts), signal);
    });
  });

  // Resuming: the API lists the parts it holds; only the missing ones are sent again.
  resume.addEventListener('click', () => {
    if (running || !stopped) return;
    const { file, documentId } = stopped;
    showErrors({}, []);
    void run(file, async (signal) => {
      sayUpload(joined(tParts('documents.resuming', { name: nameOf(file.name) })));
      const doc = await withRetries(() => apiGet<DocumentResource>(documentPath(documentId)), UPLOAD_POLICY, signal);
      await finish(file, doc, doc.missingParts ?? [], signal);
    });
  });

  return {
    element,
    update(process) {
      current = process;
      const uploads = mayUpload(me, process);
      form.hidden = !uploads;
      // Those who could upload while it ran are told why they no longer can.
      finishedNote.hidden = uploads || !process.terminal || me.role === 'auditor';
      void read();
    },
    keepFocus() {
      const focused =
        document.activeElement instanceof HTMLElement && element.contains(document.activeElement)
          ? document.activeElement
          : undefined;
      return () => {
        if (focused?.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
      };
    },
    dispose() {
      disposed = true;
      generation++;
      running?.abort();
      window.removeEventListener('beforeunload', warnBeforeLeaving);
    },
  };
}
