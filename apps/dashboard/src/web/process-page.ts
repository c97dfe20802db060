import { actionPanel } from './action-panel';
import { ApiError, apiGet } from './api';
import type { LiveTransition, ProcessResource, ProcessType, TimelineEntry } from './api-types';
import { h } from './dom';
import { timeLeft, when } from './format';
import { stateDiagram } from './state-diagram';
import { announce, readSoon, type View } from './view';

/** Who acted, as the timeline and the case say it: user (role, agency). */
export const actorText = (a: TimelineEntry['actor']) => `${a.userId} (${a.role}${a.agencyId ? `, ${a.agencyId}` : ''})`;

function deadlinesTable(process: ProcessResource, now: number): HTMLElement {
  if (!process.deadlines.length) return h('p', {}, 'No deadlines so far.');
  return h(
    'table',
    { class: 'deadlines', 'aria-labelledby': 'deadlines-heading' },
    h('thead', {}, h('tr', {}, ...['Deadline', 'Due', 'Status', 'Time left'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...process.deadlines.map((d) =>
        h(
          'tr',
          { class: d.status === 'expired' ? 'overdue' : '' },
          h('th', { scope: 'row' }, d.label),
          h('td', {}, when(d.dueAt)),
          h('td', {}, d.status),
          h('td', {}, d.status === 'running' || d.status === 'expired' ? timeLeft(d.dueAt, now) : '—'),
        ),
      ),
    ),
  );
}

/**
 * A timeline, oldest first, each stage by its label; `processOf` adds a link to each entry's process
 * (a case's merged timeline, whose entries come from processes of several types).
 */
export function timelineList<E extends TimelineEntry>(
  entries: readonly E[],
  labelOf: (stage: string, entry: E) => string | undefined,
  processOf?: (entry: E) => string,
): HTMLElement {
  return h(
    'ol',
    { class: 'timeline', 'aria-label': 'Timeline' },
    ...entries.map((e) =>
      h(
        'li',
        { 'data-sequence': e.sequence },
        h('time', { datetime: e.occurredAt }, when(e.occurredAt)),
        h('strong', { class: 'action' }, e.action),
        h(
          'span',
          { class: 'move' },
          e.fromStage && e.fromStage !== e.stage
            ? `${labelOf(e.fromStage, e) ?? e.fromStage} → ${labelOf(e.stage, e) ?? e.stage}`
            : (labelOf(e.stage, e) ?? e.stage),
        ),
        h('span', { class: 'actor' }, `by ${actorText(e.actor)}`),
        processOf
          ? h('a', { class: 'timeline-process', href: `#/process/${encodeURIComponent(processOf(e))}` }, processOf(e))
          : null,
      ),
    ),
  );
}

/**
 * One process: what the caller may do now (a form per action), its state diagram with the current
 * stage, its deadlines with time left, its timeline.
 */
export function processView(root: HTMLElement, id: string, user: string): View {
  // One panel for the page's life: a form being filled in survives the page redrawing around it.
  const actions = actionPanel(() => void load(), user);
  let generation = 0;
  /** The process's type never changes: its declaration is read once, not on every live redraw. */
  let declared: ProcessType | undefined;
  const load = async () => {
    const mine = ++generation;
    try {
      const base = `/api/v1/processes/${encodeURIComponent(id)}`;
      const [process, timeline] = await Promise.all([
        apiGet<ProcessResource>(base),
        apiGet<{ items: TimelineEntry[] }>(`${base}/timeline`),
      ]);
      const definition = (declared ??= await apiGet<ProcessType>(
        `/api/v1/process-types/${encodeURIComponent(process.type)}`,
      ));
      // A newer read started meanwhile: its answer, not this older one, is drawn.
      if (mine !== generation) return;
      const labels = new Map(definition.stages.map((s) => [s.stage, s.label]));
      const visited = new Set(timeline.items.map((e) => e.stage));
      const now = Date.now();
      actions.redraw(process, definition, () =>
        root.replaceChildren(
          h('p', { class: 'no-print' }, h('a', { href: '#/board' }, '← Pipeline')),
          h('h1', {}, `${definition.title}: `, h('span', { class: 'process-id' }, process.id)),
          h(
            'dl',
            { class: 'facts' },
            ...(
              [
                ['Stage', process.stageLabel + (process.overdue ? ' (overdue)' : '')],
                ['Priority', process.priority],
                ['Legal basis', process.legalBasis],
                ['Handling code', process.handlingCode],
                [
                  'Case',
                  process.caseId
                    ? h('a', { href: `#/case/${encodeURIComponent(process.caseId)}` }, process.caseId)
                    : '—',
                ],
                ...Object.entries(process.parties).map(([slot, p]) => [slot, `${p.agencyId} (${p.state})`]),
                ['Started', when(process.startedAt)],
              ] as [string, string | HTMLElement][]
            ).flatMap(([term, value]) => [h('dt', {}, term), h('dd', { 'data-fact': term }, value)]),
          ),
          h(
            'p',
            { class: 'no-print' },
            h('button', { type: 'button', onclick: () => window.print() }, 'Print the request file'),
          ),
          h(
            'p',
            { class: 'print-only' },
            `Request file of ${process.id}, printed ${when(new Date(now).toISOString())} from Comity.`,
          ),
          actions.element,
          h('h2', {}, 'State diagram'),
          h(
            'div',
            { class: 'diagram-scroll', tabindex: 0, 'aria-label': 'State diagram, scrollable' },
            stateDiagram(definition, process.stage, visited),
          ),
          h('h2', { id: 'deadlines-heading' }, 'Deadlines'),
          deadlinesTable(process, now),
          h('h2', {}, 'Timeline'),
          timelineList(timeline.items, (stage) => labels.get(stage)),
        ),
      );
    } catch (err) {
      if (mine !== generation) return;
      const message =
        err instanceof ApiError && err.status === 403
          ? 'You may not see this process.'
          : err instanceof ApiError && err.status === 404
            ? 'There is no such process.'
            : `Could not load the process: ${(err as Error).message}`;
      root.replaceChildren(
        h('p', {}, h('a', { href: '#/board' }, '← Pipeline')),
        h('h1', {}, 'Process'),
        h('p', { class: 'error', role: 'alert' }, message),
      );
    }
  };
  root.replaceChildren(h('h1', {}, 'Process'), h('p', { role: 'status' }, 'Loading…'));
  void load();
  const reload = readSoon(() => void load());
  return {
    onTransition(event: LiveTransition) {
      if (event.processId !== id) return;
      announce(`This process moved: ${event.action}, now ${event.stage}`);
      // The live state comes from the workflow at once; the timeline from the read model a moment later.
      reload.soon();
    },
    refresh: () => void load(),
    dispose: () => reload.cancel(),
  };
}
