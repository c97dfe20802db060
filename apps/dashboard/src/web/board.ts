import { apiGet } from './api';
import type { LiveTransition, Pipeline, ProcessPage, ProcessSummary, StalledProcesses } from './api-types';
import { applyTransition, lanes, newest, noFilters, type BoardFilters, type Column } from './board-model';
import { h } from './dom';
import { age, hasDeadline, shortId, timeLeft } from './format';
import { announce, type View } from './view';

/** At most this many items are fetched (pages of 200); the board says so when there are more. */
const MAX_ITEMS = 1000;
/** Final stages show only their latest few cards; their count stays exact. */
const FINAL_CARDS = 5;

async function fetchItems(filters: BoardFilters): Promise<{ items: ProcessSummary[]; truncated: boolean }> {
  const items: ProcessSummary[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '200' });
    if (filters.agency.trim()) query.set('agency', filters.agency.trim());
    if (filters.caseId.trim()) query.set('caseId', filters.caseId.trim());
    if (cursor) query.set('cursor', cursor);
    const page = await apiGet<ProcessPage>(`/api/v1/processes?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_ITEMS);
  return { items, truncated: cursor !== undefined };
}

function card(item: ProcessSummary, now: number, stalled: ReadonlySet<string>): HTMLElement {
  const counterpart = Object.entries(item.parties)
    .map(([slot, p]) => `${slot}: ${p.agencyId} (${p.state})`)
    .join(', ');
  return h(
    'li',
    { class: `card priority-${item.priority}${item.overdue ? ' overdue' : ''}`, 'data-process-id': item.id },
    h('a', { href: `#/process/${encodeURIComponent(item.id)}`, title: item.id }, shortId(item.id)),
    h('span', { class: `badge priority-${item.priority}` }, item.priority),
    item.overdue ? h('span', { class: 'badge overdue' }, 'Overdue') : null,
    stalled.has(item.id)
      ? h('span', { class: 'badge stalled', title: 'Its workflow task keeps failing: it cannot move' }, 'Stalled')
      : null,
    h('p', { class: 'parties' }, counterpart),
    h(
      'p',
      { class: 'due' },
      item.terminal
        ? `finished ${age(item.updatedAt, now)} ago`
        : hasDeadline(item.nextDueAt)
          ? `next deadline: ${timeLeft(item.nextDueAt, now)}`
          : 'no deadline running',
    ),
    item.caseId ? h('p', { class: 'case' }, `case ${item.caseId}`) : null,
  );
}

function column(type: string, col: Column, now: number, stalled: ReadonlySet<string>): HTMLElement {
  const cards = col.terminal ? col.items.slice(-FINAL_CARDS).reverse() : col.items;
  const headingId = `col-${type}-${col.stage}`;
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
      h('span', { class: 'count', 'aria-label': `${col.items.length} processes` }, col.items.length),
      col.overdue ? h('span', { class: 'badge overdue' }, `${col.overdue} overdue`) : null,
    ),
    col.oldest && !col.terminal
      ? h(
          'p',
          { class: 'oldest' },
          'oldest: ',
          h('a', { href: `#/process/${encodeURIComponent(col.oldest.id)}` }, shortId(col.oldest.id)),
          `, here ${age(col.oldest.updatedAt, now)}`,
        )
      : null,
    h('ol', { class: 'cards' }, ...cards.map((item) => card(item, now, stalled))),
    col.terminal && col.items.length > FINAL_CARDS
      ? h('p', { class: 'more' }, `and ${col.items.length - FINAL_CARDS} more`)
      : null,
  );
}

/**
 * `ownAgency`: an agency user's board is its agency's already (the API sees to that), so the field
 * shows it and cannot be changed rather than inviting a 403.
 */
function filterForm(
  filters: BoardFilters,
  onChange: (f: BoardFilters) => void,
  ownAgency: string | undefined,
): HTMLElement {
  const field = (label: string, input: HTMLInputElement | HTMLSelectElement) =>
    h('label', { class: 'field' }, label, input);
  const text = (name: keyof BoardFilters, placeholder: string) =>
    h('input', { name, type: 'text', value: filters[name], placeholder, autocomplete: 'off' });
  const priority = h(
    'select',
    { name: 'priority' },
    ...['', 'urgent', 'high', 'normal'].map((p) =>
      h('option', { value: p, selected: p === filters.priority }, p || 'any priority'),
    ),
  );
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter the board' },
    field(
      'Agency',
      ownAgency
        ? h('input', { name: 'agency', type: 'text', value: ownAgency, readonly: true })
        : text('agency', 'e.g. gr-coastguard'),
    ),
    field('State', text('state', 'e.g. GR')),
    field('Priority', priority),
    field('Case', text('caseId', 'case id')),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'reset' }, 'Clear'),
  );
  const read = (): BoardFilters => {
    const data = new FormData(form);
    return {
      agency: String(data.get('agency') ?? ''),
      state: String(data.get('state') ?? ''),
      priority: String(data.get('priority') ?? '') as BoardFilters['priority'],
      caseId: String(data.get('caseId') ?? ''),
    };
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onChange(read());
  });
  form.addEventListener('reset', () => setTimeout(() => onChange(noFilters)));
  priority.addEventListener('change', () => onChange(read()));
  return form;
}

/** The pipeline board: per process type, a column per stage with its processes, live. */
export function boardView(root: HTMLElement, ownAgency?: string): View {
  let filters = noFilters;
  let pipeline: Pipeline | undefined;
  let items: ProcessSummary[] = [];
  let truncated = false;
  let refetch: ReturnType<typeof setTimeout> | undefined;
  /** Processes seen on the stream but not yet in the read model, and how many fetches have missed them. */
  const awaited = new Map<string, number>();
  const board = h('div', { class: 'board', 'aria-busy': 'true' });
  const status = h('p', { class: 'status', role: 'status' });
  /** Processes whose workflow task keeps failing (not shown to agencies: the API names any process). */
  let stalled = new Set<string>();
  const stalledAlert = h('p', { class: 'alert stalled', role: 'alert', hidden: true });

  const draw = () => {
    if (!pipeline) return;
    const now = Date.now();
    board.replaceChildren(
      ...lanes(pipeline, items, filters).map((lane) =>
        h(
          'section',
          { class: 'lane', 'data-type': lane.type, 'aria-labelledby': `lane-${lane.type}` },
          h('h2', { id: `lane-${lane.type}` }, lane.title),
          h(
            'div',
            { class: 'columns', tabindex: 0, 'aria-label': `${lane.title} stages` },
            ...lane.columns.map((c) => column(lane.type, c, now, stalled)),
          ),
        ),
      ),
    );
    status.textContent = truncated
      ? `Showing the first ${items.length} processes; narrow the filters to see the rest.`
      : '';
  };

  const schedule = (ms: number) => {
    clearTimeout(refetch);
    refetch = setTimeout(() => void load(), ms);
  };

  const load = async () => {
    try {
      pipeline ??= await apiGet<Pipeline>('/api/v1/pipeline');
      if (!ownAgency) {
        const { items: stuck } = await apiGet<StalledProcesses>('/api/v1/stalled');
        stalled = new Set(stuck.map((p) => p.id));
        stalledAlert.hidden = stuck.length === 0;
        stalledAlert.textContent = stuck.length
          ? `${stuck.length} process${stuck.length === 1 ? ' is' : 'es are'} stalled (the worker cannot run ${stuck.length === 1 ? 'it' : 'them'}; see the worker's log): ${stuck.map((p) => shortId(p.id)).join(', ')}`
          : '';
      }
      const fetched = await fetchItems(filters);
      items = newest(fetched.items, items);
      truncated = fetched.truncated;
      board.setAttribute('aria-busy', 'false');
      draw();
      for (const [id, misses] of awaited) {
        if (items.some((item) => item.id === id) || misses >= 10) awaited.delete(id);
        else awaited.set(id, misses + 1);
      }
      if (awaited.size) schedule(1000);
    } catch (err) {
      status.textContent = `Could not load the board: ${(err as Error).message}`;
    }
  };

  root.replaceChildren(
    h('h1', {}, 'Pipeline'),
    filterForm(
      filters,
      (f) => {
        filters = f;
        void load();
      },
      ownAgency,
    ),
    stalledAlert,
    status,
    board,
  );
  void load();
  // Times left and ages move on even when nothing happens.
  const tick = setInterval(draw, 30_000);

  return {
    onTransition(event: LiveTransition) {
      const known = applyTransition(items, event);
      if (!known) awaited.set(event.processId, 0);
      draw();
      const label =
        pipeline?.types.find((t) => t.type === event.processType)?.stages.find((s) => s.stage === event.stage)?.label ??
        event.stage;
      announce(`${event.processType} ${shortId(event.processId)}: ${known ? 'now' : 'new,'} ${label}`);
      // The read model follows the stream within moments; fetch once it has, for new processes and counts.
      schedule(500);
    },
    refresh: () => schedule(0),
    dispose: () => {
      clearTimeout(refetch);
      clearInterval(tick);
    },
  };
}
