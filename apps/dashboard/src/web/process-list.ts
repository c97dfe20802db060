import { ApiError, apiGet, processTypes, saveAs } from './api';
import type { LiveTransition, ProcessPage, ProcessTypeList } from './api-types';
import { h, scrollingTable } from './dom';
import { english, formatNumber, priorityName, t, tParts } from './i18n';
import { waitingColumns, waitingRow } from './inbox';
import { inboxRows, labelsOf, type InboxRow } from './inbox-model';
import { listCsv, listQuery, parseListFilter, PRIORITIES, type ListFilter } from './list-model';
import { announce, readSoon, type View } from './view';

const PAGE = 50;

const field = (id: string, label: string, control: HTMLElement) =>
  h('div', { class: 'form-field' }, h('label', { for: id }, label), control);

/**
 * Every process the caller may see, filtered by type, stage, agency, case, a party's state, priority
 * and whether it is past a deadline, most urgent first, paged by the API's cursor (the read model
 * keeps this fast at 100,000 processes). The filter lives in the address, so a list can be
 * bookmarked; a process id or a case reference typed in "Go to" opens its page.
 */
export function processListView(root: HTMLElement, query: string, ownAgency?: string): View {
  const status = h('p', { role: 'status' }, t('common.loading'));
  root.replaceChildren(h('h1', { id: 'list-heading' }, t('list.heading')), status);
  let generation = 0;
  let cursor: string | undefined;
  let filter: ListFilter = {};
  let rows: InboxRow[] = [];
  const body = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, t('list.showMore'));
  const stale = h('button', { type: 'button', hidden: true }, t('list.stale'));
  const csv = h('button', { type: 'button', hidden: true }, t('list.downloadCsv'));
  csv.addEventListener('click', () =>
    saveAs(
      new Blob([listCsv(rows)], { type: 'text/csv;charset=utf-8' }),
      `comity-processes-${new Date().toISOString().slice(0, 10)}.csv`,
    ),
  );

  const draw = (types: ProcessTypeList, ignored: readonly string[]) => {
    const typeSelect = h(
      'select',
      { id: 'list-type', name: 'type' },
      h('option', { value: '' }, t('list.anyType')),
      ...types.types.map((d) => h('option', { value: d.type, selected: d.type === filter.type }, d.title)),
    );
    const stageSelect = h('select', { id: 'list-stage', name: 'stage' });
    const stages = () => {
      const declared = types.types.find((d) => d.type === typeSelect.value);
      stageSelect.replaceChildren(
        h('option', { value: '' }, declared ? t('list.anyStage') : t('list.anyStageChooseType')),
        ...(declared?.stages ?? []).map((s) =>
          h('option', { value: s.stage, selected: s.stage === filter.stage }, s.label),
        ),
      );
      stageSelect.disabled = !declared;
    };
    stages();
    typeSelect.addEventListener('change', stages);
    const agencyInput = h('input', {
      id: 'list-agency',
      name: 'agency',
      type: 'text',
      autocomplete: 'off',
      value: ownAgency ?? filter.agency ?? '',
      readonly: ownAgency !== undefined,
    });
    const caseInput = h('input', {
      id: 'list-case',
      name: 'case',
      type: 'text',
      autocomplete: 'off',
      value: filter.caseId ?? '',
    });
    const stateInput = h('input', {
      id: 'list-state',
      name: 'state',
      type: 'text',
      autocomplete: 'off',
      placeholder: t('list.statePlaceholder'),
      value: filter.state ?? '',
    });
    const prioritySelect = h(
      'select',
      { id: 'list-priority', name: 'priority' },
      h('option', { value: '', selected: !filter.priority }, t('list.anyPriority')),
      ...PRIORITIES.map((p) => h('option', { value: p, selected: p === filter.priority }, priorityName(p))),
    );
    const overdueBox = h('input', {
      id: 'list-overdue',
      name: 'overdue',
      type: 'checkbox',
      checked: filter.overdue === true,
    });
    const filters = h(
      'form',
      {
        class: 'list-filters',
        'aria-label': t('list.filterLabel'),
        onsubmit: (event: Event) => {
          event.preventDefault();
          // Written as typed: the list reads the address back and names what it leaves out.
          const params = new URLSearchParams({
            type: typeSelect.value,
            stage: stageSelect.value,
            agency: ownAgency ? '' : agencyInput.value.trim(),
            case: caseInput.value.trim(),
            state: stateInput.value.trim(),
            priority: prioritySelect.value,
            overdue: overdueBox.checked ? 'true' : '',
          });
          for (const [name, value] of [...params]) if (!value) params.delete(name);
          const query = params.toString();
          location.hash = `#/processes${query ? `?${query}` : ''}`;
        },
      },
      field('list-type', t('list.fieldType'), typeSelect),
      field('list-stage', t('list.fieldStage'), stageSelect),
      field('list-agency', ownAgency ? t('list.fieldAgencyOwn') : t('list.fieldAgencyParty'), agencyInput),
      field('list-case', t('list.fieldCase'), caseInput),
      field('list-state', t('list.fieldState'), stateInput),
      field('list-priority', t('list.fieldPriority'), prioritySelect),
      h('div', { class: 'form-field' }, h('label', { class: 'choice' }, overdueBox, ` ${t('list.overdueOnly')}`)),
      h(
        'div',
        { class: 'form-buttons' },
        h('button', { type: 'submit' }, t('list.show')),
        h('a', { href: '#/processes' }, t('list.clear')),
      ),
    );
    const goHint = h('p', { id: 'go-to-hint', class: 'hint' }, t('list.goHint'));
    const goInput = h('input', {
      id: 'go-to',
      name: 'go-to',
      type: 'text',
      autocomplete: 'off',
      'aria-describedby': 'go-to-hint',
    });
    const goTo = h(
      'form',
      {
        class: 'go-to',
        'aria-label': t('list.goLabel'),
        onsubmit: (event: Event) => {
          event.preventDefault();
          const typed = goInput.value.trim();
          // What an id or a reference can be (never a dot segment, which the browser would resolve away).
          const valid = /^[A-Za-z0-9._:-]{1,200}$/.test(typed) && !/^\.{1,2}$/.test(typed);
          goInput.setAttribute('aria-invalid', String(!valid));
          goHint.textContent = valid ? t('list.goHint') : t('list.goInvalid');
          if (!valid) return goInput.focus();
          // A process id is one the list would show; else it is taken as a case reference.
          apiGet(`/api/v1/processes/${encodeURIComponent(typed)}`).then(
            () => (location.hash = `#/process/${encodeURIComponent(typed)}`),
            (err: unknown) =>
              (location.hash =
                err instanceof ApiError && err.status === 404
                  ? `#/case/${encodeURIComponent(typed)}`
                  : `#/process/${encodeURIComponent(typed)}`),
          );
        },
      },
      field('go-to', t('list.goField'), goInput),
      goHint,
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit' }, t('list.go'))),
    );
    root.replaceChildren(
      h('h1', { id: 'list-heading' }, t('list.heading')),
      h('div', { class: 'list-tools' }, filters, goTo),
      ...(ignored.length
        ? [h('p', { class: 'error', role: 'alert' }, t('list.leftOut', { what: ignored.join('; ') }))]
        : []),
      status,
      scrollingTable(t('list.heading'), waitingColumns(), body, { class: 'inbox process-list' }),
      h('div', { class: 'form-buttons' }, more, csv, stale),
    );
  };

  const load = async (pages: number) => {
    const mine = ++generation;
    try {
      const types = await processTypes();
      const labels = labelsOf(types);
      const parsed = parseListFilter(query, types);
      filter = ownAgency ? { ...parsed.filter, agency: ownAgency } : parsed.filter;
      const read: InboxRow[] = [];
      let next: string | undefined;
      for (let i = 0; i < pages; i++) {
        const page = await apiGet<ProcessPage>(listQuery(filter, PAGE, next));
        read.push(...inboxRows(page.items, labels));
        next = page.nextCursor;
        if (!next) break;
      }
      if (mine !== generation) return;
      if (!body.isConnected) draw(types, parsed.ignored);
      rows = read;
      cursor = next;
      const now = Date.now();
      // Redrawn lines: the focus goes back to the line it was on.
      const focusedLine = body.contains(document.activeElement)
        ? document.activeElement?.closest('tr')?.getAttribute('data-process-id')
        : undefined;
      body.replaceChildren(...rows.map((r) => waitingRow(r, now)));
      if (focusedLine)
        body
          .querySelector<HTMLElement>(`tr[data-process-id="${CSS.escape(focusedLine)}"] a`)
          ?.focus({ preventScroll: true });
      stale.hidden = true;
      more.hidden = !cursor;
      csv.hidden = rows.length === 0;
      csv.textContent = t('list.downloadCsvShown', { count: rows.length, shown: formatNumber(rows.length) });
      status.textContent = rows.length
        ? t('list.count', { count: rows.length, shown: `${formatNumber(rows.length)}${cursor ? '+' : ''}` })
        : t('list.noMatch');
    } catch (err) {
      if (mine === generation)
        status.replaceChildren(...tParts('list.loadFailed', { error: english((err as Error).message) }));
    }
  };
  const shownCount = () => t('list.shown', { count: rows.length, shown: formatNumber(rows.length) });
  more.addEventListener('click', () => {
    if (!cursor) return;
    void load(Math.ceil(rows.length / PAGE) + 1).then(() => announce(shownCount()));
  });
  void load(1);
  const pagesShown = () => Math.max(1, Math.ceil(rows.length / PAGE));
  stale.addEventListener(
    'click',
    () =>
      void load(pagesShown()).then(() => {
        announce(shownCount());
        // The button went with what it announced: the focus goes to the list it read again.
        document.querySelector<HTMLElement>('.table-scroll')?.focus();
      }),
  );
  const reload = readSoon(() => void load(pagesShown()));
  return {
    // One page is read again at once; more than one only when asked, not on every transition.
    onTransition: (_event: LiveTransition) => {
      if (pagesShown() === 1) reload.soon();
      else stale.hidden = false;
    },
    refresh: () => reload.soon(),
    dispose: () => reload.cancel(),
  };
}
