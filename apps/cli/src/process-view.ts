import type { ProcessSummary, ProcessResource, TimelineEntry } from './api-types';
import { formatDue, shortTime, timeLeft } from './humanise';
import { indent, renderFields, renderTable, type Column } from './output';

/** `ca-review (Central-authority review)`; just `executed` when the label only repeats the id. */
export const stageOf = (p: Pick<ProcessResource, 'stage' | 'stageLabel'>): string =>
  p.stageLabel && p.stageLabel.toLowerCase() !== p.stage.replace(/-/g, ' ') ? `${p.stage} (${p.stageLabel})` : p.stage;

/** The fields of a listed process the table shows. */
type Listed = Pick<ProcessSummary, 'id' | 'type' | 'stage' | 'priority' | 'nextDueAt' | 'overdue'>;

export const listColumns = (now: Date): readonly Column<Listed>[] => [
  { header: 'id', value: (p) => p.id },
  { header: 'type', value: (p) => p.type },
  { header: 'stage', value: (p) => p.stage },
  { header: 'priority', value: (p) => p.priority },
  { header: 'next due', value: (p) => formatDue(p.nextDueAt, now) },
  { header: 'overdue', value: (p) => (p.overdue ? 'yes' : 'no') },
];

export const renderList = (items: readonly Listed[], now: Date): string =>
  items.length === 0 ? 'no processes' : renderTable(listColumns(now), items);

/** The new stage and what the caller may do now (after an action). */
export function renderStageAndActions(p: ProcessResource): string {
  return [
    renderFields([['stage', `${stageOf(p)}${p.terminal ? ', final' : ''}`]]),
    'allowed actions',
    indent(renderActions(p)),
  ].join('\n');
}

export function renderActions(p: Pick<ProcessResource, 'allowedActions' | 'terminal'>): string {
  if (p.allowedActions.length === 0) return p.terminal ? '(none: the process has ended)' : '(none for you now)';
  return renderTable(
    [
      { header: 'action', value: (a) => a.action },
      { header: 'label', value: (a) => a.label },
    ],
    p.allowedActions,
  );
}

export function renderDeadlines(p: Pick<ProcessResource, 'deadlines'>, now: Date): string {
  if (p.deadlines.length === 0) return '(none)';
  return renderTable(
    [
      { header: 'deadline', value: (d) => d.label || d.id },
      { header: 'due', value: (d) => shortTime(d.dueAt) },
      {
        header: 'time left',
        value: (d) => (d.status === 'running' || d.status === 'expired' ? timeLeft(d.dueAt, now) : '-'),
      },
      { header: 'status', value: (d) => d.status },
    ],
    p.deadlines,
  );
}

export function renderTimeline(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return '(no events)';
  return renderTable(
    [
      { header: 'seq', value: (e) => String(e.sequence) },
      { header: 'at', value: (e) => shortTime(e.occurredAt) },
      { header: 'action', value: (e) => e.action ?? e.type },
      {
        header: 'stage',
        value: (e) => (e.fromStage && e.fromStage !== e.stage ? `${e.fromStage} -> ${e.stage}` : e.stage),
      },
      { header: 'by', value: (e) => `${e.actor.userId} (${e.actor.agencyId ?? e.actor.role})` },
    ],
    entries,
  );
}

export function renderProcess(p: ProcessResource, now: Date, timeline?: readonly TimelineEntry[]): string {
  const parties = Object.entries(p.parties)
    .map(([slot, party]) => `${slot} ${party.agencyId} (${party.state})`)
    .join(', ');
  const fields: [string, string][] = [
    ['process', `${p.id} (${p.type})`],
    ['stage', `${stageOf(p)}${p.terminal ? ', final' : ''}${p.overdue ? ', OVERDUE' : ''}`],
    ...(p.caseId ? [['case', p.caseId] as [string, string]] : []),
    ['legal basis', p.legalBasis],
    ['priority', `${p.priority}, handling code ${p.handlingCode}`],
    ['parties', parties],
    ['started', `${shortTime(p.startedAt)}, updated ${shortTime(p.updatedAt)} (sequence ${p.sequence})`],
  ];
  const sections = [
    renderFields(fields),
    '',
    'deadlines',
    indent(renderDeadlines(p, now)),
    '',
    'allowed actions',
    indent(renderActions(p)),
  ];
  if (timeline) sections.push('', 'timeline', indent(renderTimeline(timeline)));
  return sections.join('\n');
}
