/**
 * The process list's filter: read from the page's address (`#/processes?type=mla&overdue=true`), so
 * a filtered list can be bookmarked and shared, checked against what the API accepts, and turned
 * into the query of GET /api/v1/processes. Pure, no DOM.
 */
import type { Priority, ProcessTypeList } from './api-types';
import { t } from './i18n';
import type { InboxRow } from './inbox-model';

export interface ListFilter {
  readonly type?: string;
  readonly stage?: string;
  readonly agency?: string;
  readonly caseId?: string;
  /** A party's state (ISO alpha-2): requests sent to it and from it. */
  readonly state?: string;
  readonly priority?: Priority;
  readonly overdue?: boolean;
}

/** The filters the board shares with the list (the board has no type, stage or overdue filter). */
export type PartyFilter = Pick<ListFilter, 'agency' | 'caseId' | 'state' | 'priority'>;

/** What the API takes as an agency id or a case reference (anything else would be a 400, said here first). */
const ID = /^[A-Za-z0-9._:-]{1,100}$/;
const CASE = /^[A-Za-z0-9._-]{3,100}$/;
/** The priorities a process may have, most urgent first, as the API names them. */
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal'];

/**
 * Agency, case, state and priority as typed, each kept when the API would take it, else named in
 * `ignored` with what is allowed. A state is taken in either case ("gr" is GR).
 */
export function checkPartyFilter(
  typed: { readonly [K in keyof PartyFilter]?: string | null },
  ignored: string[],
): PartyFilter {
  const filter: { -readonly [K in keyof PartyFilter]: PartyFilter[K] } = {};
  const agency = typed.agency?.trim();
  if (agency) {
    if (ID.test(agency)) filter.agency = agency;
    else ignored.push(t('list.ignoredAgency', { value: agency }));
  }
  const caseId = typed.caseId?.trim();
  if (caseId) {
    if (CASE.test(caseId)) filter.caseId = caseId;
    else ignored.push(t('list.ignoredCase', { value: caseId }));
  }
  const state = typed.state?.trim();
  if (state) {
    if (/^[A-Za-z]{2}$/.test(state)) filter.state = state.toUpperCase();
    else ignored.push(t('list.ignoredState', { value: state }));
  }
  const priority = typed.priority?.trim();
  if (priority) {
    const known = PRIORITIES.find((p) => p === priority);
    if (known) filter.priority = known;
    else ignored.push(t('list.ignoredPriority', { value: priority }));
  }
  return filter;
}

/**
 * The filter an address asks for, and what in it was left out because the API would refuse it (an
 * unknown type, a stage the type does not have, a malformed id), in words.
 */
export function parseListFilter(
  query: string,
  types: ProcessTypeList,
): { filter: ListFilter; ignored: readonly string[] } {
  const params = new URLSearchParams(query);
  const ignored: string[] = [];
  const filter: { -readonly [K in keyof ListFilter]: ListFilter[K] } = {};
  const type = params.get('type');
  const declared = type ? types.types.find((t) => t.type === type) : undefined;
  if (type && !declared) ignored.push(t('list.ignoredType', { value: type }));
  if (declared) filter.type = declared.type;
  const stage = params.get('stage');
  if (stage) {
    if (!declared) ignored.push(t('list.ignoredStageNoType', { value: stage }));
    else if (!declared.stages.some((s) => s.stage === stage))
      ignored.push(t('list.ignoredStageNotOf', { value: stage, type: declared.title }));
    else filter.stage = stage;
  }
  Object.assign(
    filter,
    checkPartyFilter(
      {
        agency: params.get('agency'),
        caseId: params.get('case'),
        state: params.get('state'),
        priority: params.get('priority'),
      },
      ignored,
    ),
  );
  const overdue = params.get('overdue');
  if (overdue === 'true') filter.overdue = true;
  else if (overdue !== null && overdue !== 'false' && overdue !== '')
    ignored.push(t('list.ignoredOverdue', { value: overdue }));
  return { filter, ignored };
}

/** The page's address for a filter (the inverse of parseListFilter). */
export function listAddress(filter: ListFilter): string {
  const params = new URLSearchParams();
  if (filter.type) params.set('type', filter.type);
  if (filter.stage) params.set('stage', filter.stage);
  if (filter.agency) params.set('agency', filter.agency);
  if (filter.caseId) params.set('case', filter.caseId);
  if (filter.state) params.set('state', filter.state);
  if (filter.priority) params.set('priority', filter.priority);
  if (filter.overdue) params.set('overdue', 'true');
  const query = params.toString();
  return `#/processes${query ? `?${query}` : ''}`;
}

/** The query of GET /api/v1/processes for a filter, one page at a time. */
export function listQuery(filter: ListFilter, limit: number, cursor?: string): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filter.type) params.set('type', filter.type);
  if (filter.stage) params.set('stage', filter.stage);
  if (filter.agency) params.set('agency', filter.agency);
  if (filter.caseId) params.set('caseId', filter.caseId);
  if (filter.state) params.set('state', filter.state);
  if (filter.priority) params.set('priority', filter.priority);
  if (filter.overdue) params.set('overdue', 'true');
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/processes?${params}`;
}

/**
 * A CSV cell: quoted when it must be, and a text a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@`, a tab or a carriage return first) kept as text with a leading apostrophe.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows shown, as CSV (RFC 4180, CRLF), one line per process with its running deadline. The column
 * names and yes/no stay English whatever the page's language, so that scripts can read the file.
 */
export function listCsv(rows: readonly InboxRow[]): string {
  const header = ['process', 'type', 'stage', 'waiting for', 'priority', 'deadline', 'due', 'overdue', 'case'];
  const lines = rows.map((r) =>
    [
      r.id,
      r.typeTitle,
      r.stageLabel,
      r.waitingFor,
      r.priority,
      r.deadline?.label ?? '',
      r.deadline?.dueAt ?? '',
      r.overdue ? 'yes' : 'no',
      r.caseId ?? '',
    ].map(cell),
  );
  return [header, ...lines].map((line) => line.join(',')).join('\r\n') + '\r\n';
}
