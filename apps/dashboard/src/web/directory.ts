import { apiGet, processTypes } from './api';
import { h, joined, type Shown } from './dom';
import type { Directory, DirectoryAuthority, DirectoryFilter, DirectoryState } from './directory-model';
import { filterDirectory } from './directory-model';
import { when } from './format';
import { english, formatNumber, language, locale, t, tParts } from './i18n';
import { labelsOf, type Labels } from './inbox-model';
import { announce, type View } from './view';

/** The filter last chosen, kept while the page lives so that a redraw in another language keeps it. */
let chosen: DirectoryFilter = { state: '', text: '' };

const none = '—';
const list = (items: readonly Node[]) => (items.length ? h('ul', { class: 'plain' }, ...items) : none);
const item = (...parts: (Shown | null | undefined | false)[]) => h('li', {}, ...parts);

/** A language code with its name in the reader's language where the browser knows it: "Arabic (ar)". */
function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([locale() ?? language()], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

function channelKind(kind: string): string {
  switch (kind) {
    case 'comity':
      return t('directory.channelComity');
    case 'email':
      return t('directory.channelEmail');
    case 'post':
      return t('directory.channelPost');
    case 'diplomatic':
      return t('directory.channelDiplomatic');
    default:
      return kind;
  }
}

function requirementKind(kind: string, documentKind: string | undefined): string {
  if (kind === 'translation') return t('directory.kindTranslation');
  if (kind === 'document') return t('directory.kindDocument', { kind: documentKind ?? none });
  return kind;
}

/** A list of the API's words (measures), each marked as English on a page that is not. */
const englishList = (words: readonly string[]): Shown =>
  joined(words.flatMap((w, i) => (i ? ['; ', english(w)] : [english(w)])));

function authorityRow(a: DirectoryAuthority, labels: Labels | undefined): HTMLElement {
  const competences = (a.competences ?? []).map((c) =>
    item(
      c.processTypes?.length
        ? h(
            'span',
            { class: 'competence-part' },
            t('directory.processTypes', { list: c.processTypes.map((p) => labels?.type(p) ?? p).join(', ') }),
          )
        : null,
      h(
        'span',
        { class: 'competence-part' },
        c.legalBases?.length
          ? t('directory.legalBases', { list: c.legalBases.join(', ') })
          : t('directory.allLegalBases'),
      ),
      c.measures?.length
        ? h('span', { class: 'competence-part' }, ...tParts('directory.measures', { list: englishList(c.measures) }))
        : null,
    ),
  );
  const channels = (a.channels ?? []).map((c) =>
    item(channelKind(c.kind), c.address ? ': ' : null, c.address ? english(c.address) : null),
  );
  const contacts = (a.contacts ?? []).map((c) =>
    item(
      h('span', { class: 'contact-name' }, english(c.name)),
      c.role ? h('span', {}, english(c.role)) : null,
      c.email ? h('a', { href: `mailto:${c.email}` }, c.email) : null,
      c.phone ? h('span', { class: 'phone' }, c.phone) : null,
    ),
  );
  const requirements = (a.requirements ?? []).map((r) =>
    item(h('span', { class: 'requirement' }, english(r.description)), ` (${requirementKind(r.kind, r.documentKind)})`),
  );
  return h(
    'tr',
    { 'data-authority': a.id },
    h('th', { scope: 'row' }, h('span', { class: 'authority-name' }, english(a.name)), h('code', {}, a.id)),
    h('td', {}, list(competences)),
    h('td', { class: 'languages' }, (a.languages ?? []).map(languageName).join(', ') || none),
    h('td', {}, list(channels)),
    h('td', {}, list(contacts)),
    h('td', {}, list(requirements)),
  );
}

const stateName = (s: DirectoryState) => joined([english(s.name), ` (${s.code})`]);

function stateSection(s: DirectoryState, labels: Labels | undefined): HTMLElement {
  const columns = [
    t('directory.columnAuthority'),
    t('directory.columnCompetences'),
    t('directory.columnLanguages'),
    t('directory.columnChannels'),
    t('directory.columnContacts'),
    t('directory.columnRequirements'),
  ];
  const caption = t('directory.tableCaption', { state: `${s.name} (${s.code})` });
  return h(
    'section',
    { class: 'directory-state', 'data-state': s.code, 'aria-labelledby': `directory-state-${s.code}` },
    h('h2', { id: `directory-state-${s.code}` }, stateName(s)),
    s.installation
      ? h(
          'p',
          { class: 'directory-installation', 'data-installation': s.installation.id },
          ...tParts('directory.installation', {
            id: h('code', {}, s.installation.id),
            endpoint: h('code', {}, s.installation.endpoint),
            fingerprint: h(
              'code',
              { title: s.installation.tlsCertificateSha256 },
              s.installation.tlsCertificateSha256.slice(0, 16),
            ),
          }),
        )
      : null,
    h(
      'div',
      { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-label': t('common.scrollable', { label: caption }) },
      h(
        'table',
        { class: 'directory' },
        h('caption', {}, ...tParts('directory.tableCaption', { state: stateName(s) })),
        h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...s.authorities.map((a) => authorityRow(a, labels))),
      ),
    ),
  );
}

function versionLine(d: Directory): HTMLElement {
  const version = formatNumber(d.version);
  return h(
    'p',
    { class: 'directory-version' },
    ...(d.importedAt && d.importedBy
      ? tParts('directory.versionImported', {
          version,
          at: h('time', { datetime: d.importedAt }, when(d.importedAt)),
          by: d.importedBy,
        })
      : [t('directory.version', { version })]),
  );
}

/**
 * The directory of competent authorities in force (GET /api/v1/directory), for every signed-in
 * role: per state, its authorities with what they are competent for, their languages, channels,
 * contacts and what a request to them must carry. Read-only: an admin imports a new version with
 * `comity directory import` (docs/directory.md).
 */
export function directoryView(root: HTMLElement): View {
  const output = h('div', { 'aria-busy': 'true' }, t('common.loading'));
  root.replaceChildren(h('h1', {}, t('directory.heading')), output);
  let generation = 0;

  const draw = (d: Directory, labels: Labels | undefined) => {
    if (!d.states.length) {
      output.replaceChildren(
        h('p', { class: 'directory-empty' }, t('directory.empty')),
        h(
          'p',
          { class: 'hint' },
          ...tParts('directory.emptyHint', { command: h('code', {}, 'comity directory import') }),
        ),
      );
      return;
    }
    if (chosen.state && !d.states.some((s) => s.code === chosen.state)) chosen = { ...chosen, state: '' };
    const state = h(
      'select',
      { name: 'state' },
      h('option', { value: '', selected: !chosen.state }, t('directory.allStates')),
      ...d.states.map((s) =>
        h(
          'option',
          { value: s.code, selected: s.code === chosen.state, lang: language() === 'en' ? undefined : 'en' },
          `${s.name} (${s.code})`,
        ),
      ),
    );
    const text = h('input', { type: 'search', name: 'authority', value: chosen.text, autocomplete: 'off' });
    const results = h('div', { class: 'directory-states' });
    const apply = (speak: boolean) => {
      chosen = { state: state.value, text: text.value };
      // What the filter shows is not input to lose: a redraw in another language keeps it (above).
      for (const option of state.options) option.defaultSelected = option.selected;
      text.defaultValue = text.value;
      const kept = filterDirectory(d.states, chosen);
      const count = kept.reduce((n, s) => n + s.authorities.length, 0);
      results.replaceChildren(
        ...(kept.length ? kept.map((s) => stateSection(s, labels)) : [h('p', {}, t('directory.noMatch'))]),
      );
      if (speak) announce(t('directory.shown', { count, shown: formatNumber(count) }));
    };
    state.addEventListener('change', () => apply(true));
    text.addEventListener('input', () => apply(true));
    output.replaceChildren(
      versionLine(d),
      ...(d.note ? [h('p', { class: 'directory-note' }, ...tParts('directory.note', { note: english(d.note) }))] : []),
      h(
        'form',
        {
          class: 'filters',
          role: 'search',
          'aria-label': t('directory.filtersLabel'),
          onsubmit: (e: Event) => e.preventDefault(),
        },
        h('label', { class: 'field' }, t('directory.stateFilter'), state),
        h('label', { class: 'field' }, t('directory.textFilter'), text),
      ),
      results,
    );
    apply(false);
  };

  const load = async () => {
    const mine = ++generation;
    output.setAttribute('aria-busy', 'true');
    try {
      const [directory, labels] = await Promise.all([
        apiGet<Directory>('/api/v1/directory'),
        // Without the process types' labels the codes are shown.
        processTypes().then(labelsOf, () => undefined),
      ]);
      if (mine === generation) draw(directory, labels);
    } catch (err) {
      if (mine === generation)
        output.replaceChildren(
          h(
            'p',
            { class: 'error', role: 'alert' },
            ...tParts('directory.loadFailed', { error: english((err as Error).message) }),
          ),
        );
    }
    if (mine === generation) output.setAttribute('aria-busy', 'false');
  };
  void load();
  // The directory changes only when an admin imports a version: nothing to follow on the stream.
  return {};
}
