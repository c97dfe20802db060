import { apiGet } from './api';
import type { LiveTransition, Pipeline, ProcessSummary, StalledProcesses } from './api-types';
import { lanes, pipelineQuery, type Column } from './board-model';
import { h } from './dom';
import { age, hasDeadline, shortId, timeLeft } from './format';
import { english, formatNumber, language, priorityName, t, tParts } from './i18n';
import { localizedPipeline, partyLabel } from './i18n/process-labels';
import { checkPartyFilter, PRIORITIES, type PartyFilter } from './list-model';
import { announce, readSoon, type View } from './view';

function card(item: ProcessSummary, now: number, stalled: ReadonlySet<string>): HTMLElement {
  const counterpart = Object.entries(item.parties)
    .map(([slot, p]) => `${partyLabel(slot, language())}: ${p.agencyId} (${p.state})`)
    .join(', ');
  return h(
    'li',
    { class: `card priority-${item.priority}${item.overdue ? ' overdue' : ''}`, 'data-process-id': item.id },
    h('a', { href: `#/process/${encodeURIComponent(item.id)}`, title: item.id }, shortId(item.id)),
    h('span', { class: `badge priority-${item.priority}` }, priorityName(item.priority)),
    item.overdue ? h('span', { class: 'badge overdue' }, t('board.overdue')) : null,
    stalled.has(item.id)
      ? h('span', { class: 'badge stalled', title: t('board.stalledHint') }, t('board.stalled'))
      : null,
    h('p', { class: 'parties' }, counterpart),
    h(
      'p',
      { class: 'due' },
      item.terminal
        ? t('board.finished', { age: age(item.updatedAt, now) })
        : hasDeadline(item.nextDueAt)
          ? t('board.nextDeadline', { time: timeLeft(item.nextDueAt, now) })
          : t('board.noDeadline'),
    ),
    item.caseId ? h('p', { class: 'case' }, t('board.case', { caseId: item.caseId })) : null,
  );
}

function column(type: string, col: Column, now: number, stalled: ReadonlySet<string>): HTMLElement {
  const headingId = `col-${type}-${col.stage}`;
  const oldest = col.terminal ? undefined : col.cards[0];
  return h(
    'section',
    {
      class: `column${col.terminal ? ' final' : ''}${col.overdue ? ' has-overdue' : ''}`,
      'data-stage': col.stage,
      'aria-labelledby': headingId,
    },
    h('h3', { id: headingId }, col.label),
    h(
      'p',
      { class: 'column-figures' },
      h(
        'span',
        {
          class: 'count',
          'aria-label': t('board.processCount', { count: col.count, number: formatNumber(col.count) }),
        },
        formatNumber(col.count),
      ),
      col.overdue
        ? h(
            'span',
            { class: 'badge overdue' },
            t('board.overdueCount', { count: col.overdue, number: formatNumber(col.overdue) }),
          )
        : null,
    ),
    oldest
      ? h(
          'p',
          { class: 'oldest' },
          ...tParts('board.oldest', {
            id: h('a', { href: `#/process/${encodeURIComponent(oldest.id)}` }, shortId(oldest.id)),
            age: age(oldest.updatedAt, now),
          }),
        )
      : null,
    h('ol', { class: 'cards' }, ...col.cards.map((item) => card(item, now, stalled))),
    col.more
      ? h(
          'p',
          { class: 'more' },
          h('a', { href: col.listAddress }, t('board.moreInList', { count: col.more, number: formatNumber(col.more) })),
        )
      : null,
  );
}

/**
 * `ownAgency`: an agency user's board is its agency's already (the API sees to that), so the field
 * shows it and cannot be changed rather than inviting a 403. What the API would refuse is left out
 * and named in `problems`.
 */
function filterForm(
  current: PartyFilter,
  onChange: (f: PartyFilter) => void,
  ownAgency: string | undefined,
  problems: HTMLElement,
): HTMLElement {
  const field = (label: string, input: HTMLInputElement | HTMLSelectElement) =>
    h('label', { class: 'field' }, label, input);
  const text = (name: keyof PartyFilter, placeholder: string) =>
    h('input', { name, type: 'text', value: current[name] ?? '', placeholder, autocomplete: 'off' });
  const priority = h(
    'select',
    { name: 'priority' },
    ...['', ...PRIORITIES].map((p) =>
      h('option', { value: p, selected: p === (current.priority ?? '') }, p ? priorityName(p) : t('board.anyPriority')),
    ),
  );
  const form = h(
    'form',
    { class: 'filters', 'aria-label': t('board.filterLabel') },
    field(
      t('board.agency'),
      ownAgency
        ? h('input', { name: 'agency', type: 'text', value: ownAgency, readonly: true })
        : text('agency', t('board.agencyExample')),
    ),
    field(t('board.state'), text('state', t('board.stateExample'))),
    field(t('board.priority'), priority),
    field(t('board.caseField'), text('caseId', t('board.caseReference'))),
    h('button', { type: 'submit' }, t('board.apply')),
    h('button', { type: 'reset' }, t('board.clear')),
  );
  const read = () => {
    const data = new FormData(form);
    const ignored: string[] = [];
    const filter = checkPartyFilter(
      {
        agency: ownAgency ? undefined : String(data.get('agency') ?? ''),
        state: String(data.get('state') ?? ''),
        priority: String(data.get('priority') ?? ''),
        caseId: String(data.get('caseId') ?? ''),
      },
      ignored,
    );
    problems.hidden = ignored.length === 0;
    problems.textContent = ignored.length ? t('board.leftOut', { what: ignored.join('; ') }) : '';
    onChange(filter);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    read();
  });
  form.addEventListener('reset', () => setTimeout(read));
  priority.addEventListener('change', read);
  return form;
}

/**
 * The pipeline board: per process type, a column per stage with its count and its first cards, as
 * the API aggregates them, read again as processes move.
 */
export function boardView(root: HTMLElement, ownAgency?: string): View {
  let filter: PartyFilter = {};
  let pipeline: Pipeline | undefined;
  /** Each read's number: an older answer arriving late is not drawn over a newer one. */
  let generation = 0;
  const board = h('div', { class: 'board', 'aria-busy': 'true' });
  const status = h('p', { class: 'status', role: 'status' });
  const problems = h('p', { class: 'error', role: 'alert', hidden: true });
  /** Processes whose workflow task keeps failing (not shown to agencies: the API names any process). */
  let stalled = new Set<string>();
  const stalledAlert = h('p', { class: 'alert stalled', role: 'alert', hidden: true });

  const draw = () => {
    if (!pipeline) return;
    const now = Date.now();
    board.replaceChildren(
      ...lanes(pipeline, filter).map((lane) =>
        h(
          'section',
          { class: 'lane', 'data-type': lane.type, 'aria-labelledby': `lane-${lane.type}` },
          h('h2', { id: `lane-${lane.type}` }, lane.title),
          h(
            'div',
            { class: 'columns', tabindex: 0, 'aria-label': t('board.stagesOf', { title: lane.title }) },
            ...lane.columns.map((c) => column(lane.type, c, now, stalled)),
          ),
        ),
      ),
    );
  };

  const load = async () => {
    const mine = ++generation;
    try {
      const [read, stuck] = await Promise.all([
        apiGet<Pipeline>(pipelineQuery(filter)).then((p) => localizedPipeline(p, language())),
        // Temporal not answering does not keep the board from showing what the read model holds.
        ownAgency
          ? undefined
          : apiGet<StalledProcesses>('/api/v1/stalled').then(
              (s) => s.items,
              () => undefined,
            ),
      ]);
      if (mine !== generation) return;
      pipeline = read;
      if (stuck) {
        stalled = new Set(stuck.map((p) => p.id));
        stalledAlert.hidden = stuck.length === 0;
        stalledAlert.textContent = stuck.length
          ? t('board.stalledProcesses', {
              count: stuck.length,
              number: formatNumber(stuck.length),
              ids: stuck.map((p) => shortId(p.id)).join(', '),
            })
          : '';
      }
      board.setAttribute('aria-busy', 'false');
      status.textContent = '';
      draw();
    } catch (err) {
      if (mine === generation)
        status.replaceChildren(...tParts('board.loadFailed', { message: english((err as Error).message) }));
    }
  };
  // The read model follows the stream within moments: read soon after a transition, and once more
  // a little later for a projection that lagged.
  const soon = readSoon(() => void load());
  const later = readSoon(() => void load(), 3_000);

  root.replaceChildren(
    h('h1', {}, t('board.title')),
    filterForm(
      filter,
      (f) => {
        filter = f;
        void load();
      },
      ownAgency,
      problems,
    ),
    problems,
    stalledAlert,
    status,
    board,
  );
  void load();
  // Times left and ages move on even when nothing happens.
  const tick = setInterval(draw, 30_000);

  return {
    onTransition(event: LiveTransition) {
      const lane = pipeline?.types.find((type) => type.type === event.processType);
      const label = lane?.stages.find((s) => s.stage === event.stage)?.label ?? event.stage;
      announce(
        t('board.moved', { type: lane?.title ?? event.processType, id: shortId(event.processId), stage: label }),
      );
      soon.soon();
      later.soon();
    },
    refresh: () => soon.soon(),
    dispose: () => {
      soon.cancel();
      later.cancel();
      clearInterval(tick);
    },
  };
}
