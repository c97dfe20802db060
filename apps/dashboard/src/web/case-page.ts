import { ApiError, apiGet, processTypes } from './api';
import type { Caller, CaseTimeline, CaseView, LiveTransition, ProcessType } from './api-types';
import { caseRulesInForce } from './case-model';
import { h } from './dom';
import { when } from './format';
import { actorText, timelineList } from './process-page';
import { startPanel } from './start-panel';
import { announce, readSoon, type View } from './view';

function processesTable(
  found: CaseView,
  types: ReadonlyMap<string, ProcessType>,
  label: (type: string, stage: string) => string | undefined,
): HTMLElement {
  if (!found.processes.length) return h('p', {}, 'No process in this case yet.');
  return h(
    'table',
    { class: 'case-processes', 'aria-labelledby': 'case-processes-heading' },
    h('thead', {}, h('tr', {}, ...['Process', 'Type', 'Stage'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...found.processes.map((p) =>
        h(
          'tr',
          { 'data-process-id': p.id },
          h('th', { scope: 'row' }, h('a', { href: `#/process/${encodeURIComponent(p.id)}` }, p.id)),
          h('td', {}, types.get(p.type)?.title ?? p.type),
          h('td', {}, label(p.type, p.stage) ?? p.stage),
        ),
      ),
    ),
  );
}

function obligationsList(found: CaseView): HTMLElement {
  if (!found.obligations.length) return h('p', {}, 'No obligation opened so far.');
  return h(
    'ul',
    { class: 'obligations' },
    ...found.obligations.map((o) =>
      h(
        'li',
        { class: o.status },
        `${o.label} (${o.status}), from `,
        h('a', { href: `#/process/${encodeURIComponent(o.processId)}` }, o.processId),
      ),
    ),
  );
}

function rulesList(rules: readonly string[]): HTMLElement {
  if (!rules.length) return h('p', {}, 'The processes of this case bring no case rules.');
  return h('ul', { class: 'case-rules' }, ...rules.map((rule) => h('li', {}, rule)));
}

/**
 * A case: its facts, its processes and their stages, the obligations they opened, their merged
 * timeline, and (for a coordinator or an administrator) the form that starts a process in it.
 */
export function caseView(root: HTMLElement, id: string, me: Caller): View {
  const back = () => h('p', {}, h('a', { href: '#/cases' }, '← Cases'));
  let generation = 0;
  /** Drawn once: a start form being filled in survives the case redrawing around it. */
  let start: HTMLElement | undefined;
  const mayStart = me.role === 'coordinator' || me.role === 'admin';
  let processIds = new Set<string>();
  /** Whether the case has been drawn once; then a failed reload only says so. */
  let shown = false;
  const notice = h('div', { class: 'notice' });
  const load = async () => {
    const mine = ++generation;
    try {
      const base = `/api/v1/cases/${encodeURIComponent(id)}`;
      const [found, timeline, { types: declared }] = await Promise.all([
        apiGet<CaseView>(base),
        apiGet<CaseTimeline>(`${base}/timeline`),
        processTypes(),
      ]);
      if (mine !== generation) return;
      processIds = new Set(found.processes.map((p) => p.id));
      const byType = new Map(declared.map((t) => [t.type, t]));
      if (mayStart) start ??= startPanel(found.caseId, found.handlingCode, declared, me.userId);
      const label = (type: string, stage: string) => byType.get(type)?.stages.find((s) => s.stage === stage)?.label;
      // Moving the start form blurs what has the focus in it: it goes back where the user had it.
      const focused =
        start && document.activeElement instanceof HTMLElement && start.contains(document.activeElement)
          ? document.activeElement
          : undefined;
      shown = true;
      root.replaceChildren(
        back(),
        notice,
        h('h1', {}, `Case ${found.caseId}: ${found.title}`),
        h(
          'dl',
          { class: 'facts' },
          ...[
            ['Handling code', found.handlingCode],
            ['Opened by', actorText(found.openedBy)],
            ['Opened', when(found.openedAt)],
          ].flatMap(([term = '', value = '']) => [h('dt', {}, term), h('dd', { 'data-fact': term }, value)]),
        ),
        h('h2', { id: 'case-processes-heading' }, 'Processes'),
        processesTable(found, byType, label),
        h('h2', {}, 'Obligations'),
        obligationsList(found),
        h('h2', {}, 'Case rules in force'),
        rulesList(
          caseRulesInForce(
            found.processes.map((p) => p.type),
            declared,
          ),
        ),
        ...(start ? [start] : []),
        h('h2', {}, 'Timeline'),
        timeline.items.length
          ? timelineList(
              timeline.items,
              (stage, e) => label(e.processType, stage),
              (e) => e.processId,
            )
          : h('p', {}, 'Nothing has happened in this case yet.'),
      );
      notice.replaceChildren();
      if (focused?.isConnected) focused.focus({ preventScroll: true });
    } catch (err) {
      if (mine !== generation) return;
      const message =
        err instanceof ApiError && err.status === 403
          ? 'You may not see this case.'
          : err instanceof ApiError && err.status === 404
            ? `There is no case ${id}.`
            : err instanceof ApiError && err.status === 400
              ? `${id} cannot be a case reference: ${err.message}`
              : `Could not load the case: ${(err as Error).message}`;
      // A reload that fails keeps the page as it was (with a form being filled in) and says so.
      if (shown) notice.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Not up to date: ${message}`));
      else root.replaceChildren(back(), h('h1', {}, 'Case'), h('p', { class: 'error', role: 'alert' }, message));
    }
  };
  root.replaceChildren(h('h1', {}, 'Case'), h('p', { role: 'status' }, 'Loading…'));
  void load();
  const reload = readSoon(() => void load());
  return {
    onTransition(event: LiveTransition) {
      if (event.caseId !== id && !processIds.has(event.processId)) return;
      announce(`A process in this case moved: ${event.action}, now ${event.stage}`);
      // The stages come from the workflows at once; the timeline from the read model a moment later.
      reload.soon();
    },
    refresh: () => void load(),
    dispose: () => reload.cancel(),
  };
}
