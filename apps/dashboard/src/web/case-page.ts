import { ApiError, apiGet, processTypes } from './api';
import type { Caller, CaseTimeline, CaseView, LiveTransition, ProcessType } from './api-types';
import { caseRules, type CaseRule } from './case-model';
import { h, joined } from './dom';
import { when } from './format';
import { english, language, t, tParts } from './i18n';
import { obligationLabel } from './i18n/process-labels';
import { actorText, moveLabels, timelineList } from './process-page';
import { startPanel } from './start-panel';
import { announce, readSoon, type View } from './view';

function processesTable(
  found: CaseView,
  types: ReadonlyMap<string, ProcessType>,
  label: (type: string, stage: string) => string | undefined,
): HTMLElement {
  if (!found.processes.length) return h('p', {}, t('cases.noProcess'));
  return h(
    'table',
    { class: 'case-processes', 'aria-labelledby': 'case-processes-heading' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...[t('inbox.columnProcess'), t('inbox.columnType'), t('inbox.columnStage')].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
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

const obligationStatus = (status: CaseView['obligations'][number]['status']) =>
  status === 'open' ? t('cases.obligationOpen') : t('cases.obligationDischarged');

/** An obligation's label in the reader's language, by the type of the process that owes it. */
function obligationText(found: CaseView, o: CaseView['obligations'][number]): string {
  const type = found.processes.find((p) => p.id === o.processId)?.type;
  return type ? obligationLabel(type, o.id, o.label, language()) : o.label;
}

function obligationsList(found: CaseView): HTMLElement {
  if (!found.obligations.length) return h('p', {}, t('cases.noObligation'));
  return h(
    'ul',
    { class: 'obligations' },
    ...found.obligations.map((o) =>
      h(
        'li',
        { class: o.status },
        `${t('cases.obligationFrom', { obligation: obligationText(found, o), status: obligationStatus(o.status) })} `,
        h('a', { href: `#/process/${encodeURIComponent(o.processId)}` }, o.processId),
      ),
    ),
  );
}

/** A case rule said in the reader's language, what the definition says in English (a reason) marked. */
const ruleText = (rule: CaseRule) =>
  tParts(rule.key, {
    ...rule.params,
    ...Object.fromEntries(Object.entries(rule.english).map(([name, text]) => [name, english(text)])),
  });

function rulesList(rules: readonly CaseRule[]): HTMLElement {
  if (!rules.length) return h('p', {}, t('cases.noRules'));
  return h('ul', { class: 'case-rules' }, ...rules.map((rule) => h('li', {}, ...ruleText(rule))));
}

/**
 * A case: its facts, its processes and their stages, the obligations they opened, their merged
 * timeline, and (for a coordinator or an administrator) the form that starts a process in it.
 */
export function caseView(root: HTMLElement, id: string, me: Caller): View {
  const back = () => h('p', {}, h('a', { href: '#/cases' }, t('cases.back')));
  let generation = 0;
  /** The process types by name, once read: their labels name what moved. */
  let byType = new Map<string, ProcessType>();
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
      byType = new Map(declared.map((t) => [t.type, t]));
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
        h('h1', {}, t('cases.caseHeading', { caseId: found.caseId, title: found.title })),
        h(
          'dl',
          { class: 'facts' },
          // `data-fact` names a fact in English, whatever the language it is shown in.
          ...[
            ['Handling code', t('cases.fieldHandlingCode'), found.handlingCode],
            ['Opened by', t('cases.factOpenedBy'), actorText(found.openedBy)],
            ['Opened', t('cases.factOpened'), when(found.openedAt)],
          ].flatMap(([fact = '', term = '', value = '']) => [h('dt', {}, term), h('dd', { 'data-fact': fact }, value)]),
        ),
        h('h2', { id: 'case-processes-heading' }, t('cases.processesHeading')),
        processesTable(found, byType, label),
        h('h2', {}, t('cases.obligationsHeading')),
        obligationsList(found),
        h('h2', {}, t('cases.rulesHeading')),
        rulesList(
          caseRules(
            found.processes.map((p) => p.type),
            declared,
          ),
        ),
        ...(start ? [start] : []),
        h('h2', {}, t('cases.timelineHeading')),
        timeline.items.length
          ? timelineList(
              timeline.items,
              (e) => byType.get(e.processType),
              (e) => e.processId,
            )
          : h('p', {}, t('cases.nothingYet')),
      );
      notice.replaceChildren();
      if (focused?.isConnected) focused.focus({ preventScroll: true });
    } catch (err) {
      if (mine !== generation) return;
      // The API's message is in English.
      const message = joined(
        err instanceof ApiError && err.status === 403
          ? [t('cases.forbidden')]
          : err instanceof ApiError && err.status === 404
            ? [t('cases.noSuchCase', { caseId: id })]
            : err instanceof ApiError && err.status === 400
              ? tParts('cases.badReference', { caseId: id, error: english(err.message) })
              : tParts('cases.loadFailed', { error: english((err as Error).message) }),
      );
      // A reload that fails keeps the page as it was (with a form being filled in) and says so.
      if (shown)
        notice.replaceChildren(
          h('p', { class: 'error', role: 'alert' }, ...tParts('cases.notUpToDate', { problem: message })),
        );
      else
        root.replaceChildren(back(), h('h1', {}, t('cases.case')), h('p', { class: 'error', role: 'alert' }, message));
    }
  };
  root.replaceChildren(h('h1', {}, t('cases.case')), h('p', { role: 'status' }, t('common.loading')));
  void load();
  const reload = readSoon(() => void load());
  return {
    onTransition(event: LiveTransition) {
      if (event.caseId !== id && !processIds.has(event.processId)) return;
      announce(t('cases.processMoved', moveLabels(byType.get(event.processType), event.action, event.stage)));
      // The stages come from the workflows at once; the timeline from the read model a moment later.
      reload.soon();
    },
    refresh: () => void load(),
    dispose: () => reload.cancel(),
  };
}
