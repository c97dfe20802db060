import { actionPanel } from './action-panel';
import { ApiError, apiGet } from './api';
import type { Caller, LiveTransition, ProcessResource, ProcessType, TimelineEntry } from './api-types';
import { documentsPanel } from './documents-panel';
import { h } from './dom';
import { timeLeft, when } from './format';
import { english, language, priorityName, roleName, t, tParts } from './i18n';
import { localizedProcess, localizedType, partyLabel } from './i18n/process-labels';
import { CHANNEL_LABELS } from './off-channel-form';
import { stateDiagram } from './state-diagram';
import { announce, readSoon, type View } from './view';

/** An action and a stage by their labels in `definition` (their codes where it has none), for announcements. */
export function moveLabels(
  definition: ProcessType | undefined,
  action: string,
  stage: string,
): { action: string; stage: string } {
  return {
    action: definition?.actions.find((a) => a.action === action)?.label ?? action,
    stage: definition?.stages.find((s) => s.stage === stage)?.label ?? stage,
  };
}

/** Who acted, as the timeline and the case say it: user (role, agency). */
export const actorText = (a: TimelineEntry['actor']) =>
  `${a.userId} (${roleName(a.role)}${a.agencyId ? `, ${a.agencyId}` : ''})`;

function deadlineStatus(status: string): string {
  switch (status) {
    case 'running':
      return t('process.deadlineRunning');
    case 'expired':
      return t('process.deadlineExpired');
    case 'met':
      return t('process.deadlineMet');
    case 'missed':
      return t('process.deadlineMissed');
    default:
      return status;
  }
}

function deadlinesTable(process: ProcessResource, now: number): HTMLElement {
  if (!process.deadlines.length) return h('p', {}, t('process.noDeadlines'));
  const columns = [
    t('process.columnDeadline'),
    t('process.columnDue'),
    t('process.columnStatus'),
    t('process.columnTimeLeft'),
  ];
  return h(
    'table',
    { class: 'deadlines', 'aria-labelledby': 'deadlines-heading' },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...process.deadlines.map((d) =>
        h(
          'tr',
          { class: d.status === 'expired' ? 'overdue' : '' },
          h('th', { scope: 'row' }, d.label),
          h('td', {}, when(d.dueAt)),
          h('td', {}, deadlineStatus(d.status)),
          h('td', {}, d.status === 'running' || d.status === 'expired' ? timeLeft(d.dueAt, now) : '—'),
        ),
      ),
    ),
  );
}

/** How and when a step taken outside Comity was taken (by post, …), its reference and for whom it was recorded. */
function offChannelNote(step: NonNullable<TimelineEntry['offChannel']>): HTMLElement {
  return h(
    'span',
    { class: 'off-channel', 'data-channel': step.channel },
    [
      t('process.offChannel', { channel: t(CHANNEL_LABELS[step.channel]), at: when(step.at) }),
      step.reference ? t('process.offChannelReference', { reference: step.reference }) : undefined,
      step.onBehalfOf ? t('process.offChannelFor', { agency: step.onBehalfOf.agencyId }) : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(' · '),
  );
}

/**
 * A timeline, oldest first, each action and stage by its label in the definition of the entry's
 * process (`definitionOf`; the code where it has none); `processOf` adds a link to each entry's
 * process (a case's merged timeline, whose entries come from processes of several types).
 */
export function timelineList<E extends TimelineEntry>(
  entries: readonly E[],
  definitionOf: (entry: E) => ProcessType | undefined,
  processOf?: (entry: E) => string,
): HTMLElement {
  const labelOf = (stage: string, e: E) => definitionOf(e)?.stages.find((s) => s.stage === stage)?.label ?? stage;
  const actionOf = (e: E) =>
    e.action === 'start'
      ? t('process.started')
      : (definitionOf(e)?.actions.find((a) => a.action === e.action)?.label ?? e.action);
  return h(
    'ol',
    { class: 'timeline', 'aria-label': t('process.timeline') },
    ...entries.map((e) =>
      h(
        'li',
        { 'data-sequence': e.sequence },
        h('time', { datetime: e.occurredAt }, when(e.occurredAt)),
        h('strong', { class: 'action', 'data-action': e.action }, actionOf(e)),
        h(
          'span',
          { class: 'move' },
          e.fromStage && e.fromStage !== e.stage
            ? `${labelOf(e.fromStage, e)} → ${labelOf(e.stage, e)}`
            : labelOf(e.stage, e),
        ),
        h('span', { class: 'actor' }, t('process.by', { actor: actorText(e.actor) })),
        e.offChannel ? offChannelNote(e.offChannel) : null,
        processOf
          ? h('a', { class: 'timeline-process', href: `#/process/${encodeURIComponent(processOf(e))}` }, processOf(e))
          : null,
      ),
    ),
  );
}

/**
 * One process: what the caller may do now (a form per action), its documents, its state diagram
 * with the current stage, its deadlines with time left, its timeline.
 */
export function processView(root: HTMLElement, id: string, me: Caller): View {
  // One panel for the page's life: a form being filled in survives the page redrawing around it.
  const actions = actionPanel(() => void load(), me.userId);
  // The same for the documents: an upload under way goes on while the page redraws around it.
  const documents = documentsPanel(id, me, () => void load());
  let generation = 0;
  /** The process's type never changes: its declaration is read once, not on every live redraw. */
  let declared: ProcessType | undefined;
  const load = async () => {
    const mine = ++generation;
    try {
      const base = `/api/v1/processes/${encodeURIComponent(id)}`;
      const [process, timeline] = await Promise.all([
        apiGet<ProcessResource>(base).then((p) => localizedProcess(p, language())),
        apiGet<{ items: TimelineEntry[] }>(`${base}/timeline`),
      ]);
      const definition = (declared ??= localizedType(
        await apiGet<ProcessType>(`/api/v1/process-types/${encodeURIComponent(process.type)}`),
        language(),
      ));
      // A newer read started meanwhile: its answer, not this older one, is drawn.
      if (mine !== generation) return;
      const visited = new Set(timeline.items.map((e) => e.stage));
      const now = Date.now();
      documents.update(process);
      const focusBack = documents.keepFocus();
      actions.redraw(process, definition, () =>
        root.replaceChildren(
          h('p', { class: 'no-print' }, h('a', { href: '#/board' }, `← ${t('common.navPipeline')}`)),
          h('h1', {}, t('process.title', { title: definition.title }), h('span', { class: 'process-id' }, process.id)),
          h(
            'dl',
            { class: 'facts' },
            // data-fact names the fact in English whatever the language: scripts and tests find it by that.
            ...(
              [
                [
                  'Stage',
                  t('process.factStage'),
                  process.overdue ? t('process.stageOverdue', { stage: process.stageLabel }) : process.stageLabel,
                ],
                ['Priority', t('process.factPriority'), priorityName(process.priority)],
                ['Legal basis', t('process.factLegalBasis'), process.legalBasis],
                ['Handling code', t('process.factHandlingCode'), process.handlingCode],
                [
                  'Case',
                  t('process.factCase'),
                  process.caseId
                    ? h('a', { href: `#/case/${encodeURIComponent(process.caseId)}` }, process.caseId)
                    : '—',
                ],
                ...Object.entries(process.parties).map(([slot, p]) => [
                  slot,
                  partyLabel(slot, language()),
                  `${p.agencyId} (${p.state})`,
                ]),
                ['Started', t('process.factStarted'), when(process.startedAt)],
              ] as [string, string, string | HTMLElement][]
            ).flatMap(([fact, term, value]) => [h('dt', {}, term), h('dd', { 'data-fact': fact }, value)]),
          ),
          h(
            'p',
            { class: 'no-print' },
            h('button', { type: 'button', onclick: () => window.print() }, t('process.print')),
          ),
          h(
            'p',
            { class: 'print-only' },
            t('process.printed', { id: process.id, when: when(new Date(now).toISOString()) }),
          ),
          actions.element,
          documents.element,
          h('h2', {}, t('process.stateDiagram')),
          h(
            'div',
            { class: 'diagram-scroll', tabindex: 0, 'aria-label': t('process.stateDiagramScrollable') },
            stateDiagram(definition, process.stage, visited),
          ),
          h('h2', { id: 'deadlines-heading' }, t('process.deadlines')),
          deadlinesTable(process, now),
          h('h2', {}, t('process.timeline')),
          timelineList(timeline.items, () => definition),
        ),
      );
      focusBack();
    } catch (err) {
      if (mine !== generation) return;
      const message =
        err instanceof ApiError && err.status === 403
          ? [t('process.forbidden')]
          : err instanceof ApiError && err.status === 404
            ? [t('process.notFound')]
            : tParts('process.loadFailed', { message: english((err as Error).message) });
      root.replaceChildren(
        h('p', {}, h('a', { href: '#/board' }, `← ${t('common.navPipeline')}`)),
        h('h1', {}, t('process.heading')),
        h('p', { class: 'error', role: 'alert' }, ...message),
      );
    }
  };
  root.replaceChildren(h('h1', {}, t('process.heading')), h('p', { role: 'status' }, t('common.loading')));
  void load();
  const reload = readSoon(() => void load());
  return {
    onTransition(event: LiveTransition) {
      if (event.processId !== id) return;
      announce(t('process.moved', moveLabels(declared, event.action, event.stage)));
      // The live state comes from the workflow at once; the timeline from the read model a moment later.
      reload.soon();
    },
    refresh: () => void load(),
    dispose: () => {
      reload.cancel();
      documents.dispose();
    },
  };
}
