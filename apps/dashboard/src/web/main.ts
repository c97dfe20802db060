import { apiGet, SESSION_ENDED, session } from './api';
import type { Caller, DashboardAuthSettings, Incidents, LiveTransition } from './api-types';
import { boardView } from './board';
import { caseView } from './case-page';
import { casesView } from './cases';
import { directoryView } from './directory';
import { h } from './dom';
import {
  english,
  formatNumber,
  LANGUAGES,
  language,
  onLanguageChange,
  roleName,
  setLanguage,
  t,
  translateStatic,
  type Language,
  type MessageKey,
} from './i18n';
import { forgetTabMemory } from './form-view';
import { inboxView } from './inbox';
import { incidentsSummary, incidentsView } from './incidents';
import { completeSignIn, loadAuthSettings, signOutAtProvider, TOKEN_REFRESHED } from './oidc';
import { processListView } from './process-list';
import { processView } from './process-page';
import { signInView } from './sign-in';
import { statisticsView } from './statistics';
import type { View } from './view';

const main = document.getElementById('main') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
const liveState = document.getElementById('live-state') as HTMLElement;
const signOut = document.getElementById('sign-out') as HTMLButtonElement;
const incidentsLink = document.getElementById('nav-incidents') as HTMLAnchorElement;
const incidentCount = document.getElementById('incident-count') as HTMLElement;
const incidentDetail = document.getElementById('incident-detail') as HTMLElement;
const languagePicker = document.getElementById('language') as HTMLSelectElement;
let view: View = {};
let stream: EventSource | undefined;
let auth: DashboardAuthSettings = { mode: 'local' };
/** Who the API takes the signed-in token to be (GET /api/v1/me), and for which token. */
let caller: { token: string; who: Caller } | undefined;
/** What the header says of the live stream, kept to say it again in another language. */
let liveKey: MessageKey | undefined;
const showLive = (key: MessageKey | undefined) => {
  liveKey = key;
  liveState.textContent = key ? t(key) : '';
};

/**
 * Live updates: the API's server-sent events, through the dashboard's server. EventSource cannot
 * send headers, so the token goes as `access_token`; the stream carries only what this caller may see.
 */
function connect(token: string): void {
  stream?.close();
  stream = new EventSource(`/api/v1/stream?access_token=${encodeURIComponent(token)}`);
  let opened = false;
  stream.addEventListener('open', () => {
    showLive('common.live');
    if (opened) view.refresh?.();
    opened = true;
  });
  stream.addEventListener('error', () => {
    showLive(stream?.readyState === EventSource.CLOSED ? 'common.liveStopped' : 'common.reconnecting');
  });
  stream.addEventListener('process', (e) => {
    view.onTransition?.(JSON.parse((e as MessageEvent<string>).data) as LiveTransition);
    incidents.soon();
  });
}

/**
 * The header's count of what needs attention, for those who oversee (coordinators, auditors,
 * administrators): read when they sign in, a moment after a process moves, and every minute (dead
 * letters and stalls do not come over the stream).
 */
const incidents = (() => {
  const EVERY_MS = 60_000;
  let poll: ReturnType<typeof setInterval> | undefined;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let watching: string | undefined;
  let counting = false;
  /** The last counts shown, to say them again in another language. */
  let shown: Incidents | undefined;
  const show = (counts: Incidents | undefined) => {
    shown = counts;
    const summary = counts && incidentsSummary(counts);
    incidentCount.textContent = summary?.total ? formatNumber(summary.total) : '';
    incidentDetail.textContent = summary ? ` (${summary.detail})` : '';
  };
  const count = () => {
    const token = watching;
    // One count at a time: a slow answer (Temporal slow to say) is not piled upon.
    if (!token || counting) return;
    counting = true;
    apiGet<Incidents>('/api/v1/incidents', token)
      .finally(() => (counting = false))
      .then(
        (counts) => {
          if (watching === token) show(counts);
        },
        () => {
          if (watching === token) show(undefined);
        },
      );
  };
  const stop = () => {
    clearInterval(poll);
    clearTimeout(soon);
    soon = undefined;
    watching = undefined;
    incidentsLink.hidden = true;
    show(undefined);
  };
  return {
    watch(token: string, who: Caller) {
      if (who.role === 'agency') return stop();
      incidentsLink.hidden = false;
      if (watching === token) return;
      stop();
      incidentsLink.hidden = false;
      watching = token;
      count();
      poll = setInterval(count, EVERY_MS);
    },
    soon() {
      // At most one count per two seconds however busy the stream (a debounce would never fire under
      // steady traffic); the read model follows the workflow a moment later anyway.
      if (!watching || soon) return;
      soon = setTimeout(() => {
        soon = undefined;
        count();
      }, 2_000);
    },
    relabel: () => show(shown),
    stop,
  };
})();

/**
 * A path segment of the address as typed: one that does not decode is taken as it is (the API then
 * says no such thing); a dot segment is none, since the browser would resolve it into another path.
 */
function segment(encoded: string): string | undefined {
  let decoded = encoded;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    // kept as typed
  }
  return /^\.{1,2}$/.test(decoded) ? undefined : decoded;
}

/** The sign-in page's notice (a session that ended), kept to say it again in another language. */
let shownNotice: string | undefined;

/**
 * Each page draws into a container of its own: a page left behind whose read is still under way
 * draws into its container, no longer in the document, never over the next page.
 */
function freshRoot(): HTMLElement {
  const root = h('div', { class: 'view' });
  main.replaceChildren(root);
  return root;
}

function route(notice?: string, { keepFocus = false } = {}): void {
  view.dispose?.();
  shownNotice = notice;
  const token = session.token();
  document.body.classList.toggle('signed-in', token !== null);
  if (!token) {
    stream?.close();
    stream = undefined;
    incidents.stop();
    who.textContent = '';
    showLive(undefined);
    caller = undefined;
    view = signInView(
      freshRoot(),
      auth,
      () => {
        if (location.hash.startsWith('#/sign-in') || !location.hash) location.hash = '#/board';
        else route();
      },
      notice,
    );
    return;
  }
  if (caller?.token !== token) {
    main.replaceChildren(h('p', { 'aria-busy': 'true' }, t('common.signingIn')));
    apiGet<Caller>('/api/v1/me', token).then(
      (who) => {
        caller = { token, who };
        route();
      },
      // A 401 ends the session (SESSION_ENDED); anything else is shown (the API's message, in English).
      (err: unknown) =>
        main.replaceChildren(h('p', { class: 'error', role: 'alert' }, english((err as Error).message))),
    );
    return;
  }
  const me = caller.who;
  who.textContent = `${me.userId} · ${roleName(me.role)}${me.agencyId ? ` · ${me.agencyId}` : ''}`;
  if (!stream) connect(token);
  incidents.watch(token, me);
  const hash = location.hash || '#/board';
  const [path = '', query = ''] = hash.split('?');
  const process = /^#\/process\/(.+)$/.exec(path);
  const inCase = /^#\/case\/(.+)$/.exec(path);
  // A case or a process page belongs to the section that lists them.
  const section = inCase ? '#/cases' : process ? '#/processes' : path;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (link.getAttribute('href') === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const id = process?.[1] ?? inCase?.[1];
  const named = id === undefined ? undefined : segment(id);
  if (id !== undefined && named === undefined) {
    freshRoot().replaceChildren(
      h('h1', {}, t('common.notFound')),
      h('p', { class: 'error', role: 'alert' }, t('common.noSuchPage')),
    );
    view = {};
  } else {
    const root = freshRoot();
    const ownAgency = me.role === 'agency' ? me.agencyId : undefined;
    if (process && named) view = processView(root, named, me);
    else if (inCase && named) view = caseView(root, named, me);
    else if (path === '#/cases') view = casesView(root, me);
    else if (path === '#/processes') view = processListView(root, query, ownAgency);
    else if (path === '#/incidents' && me.role !== 'agency') view = incidentsView(root, me.role !== 'auditor');
    else if (path === '#/statistics') view = statisticsView(root);
    else if (path === '#/directory') view = directoryView(root);
    else if (path === '#/inbox') view = inboxView(root, ownAgency);
    else view = boardView(root, ownAgency);
  }
  if (!keepFocus) main.focus({ preventScroll: true });
}

signOut.addEventListener('click', () => {
  session.signOut();
  forgetTabMemory();
  location.hash = '#/sign-in';
  if (auth.mode === 'oidc') signOutAtProvider(auth);
  route();
});
window.addEventListener(SESSION_ENDED, () => {
  session.signOut();
  route(t('common.sessionEnded'));
});
// The same user with a fresh access token: the live stream reconnects with it.
window.addEventListener(TOKEN_REFRESHED, (e) => {
  const token = (e as CustomEvent<string>).detail;
  session.signIn(token);
  if (caller) caller = { ...caller, token };
  connect(token);
  if (caller) incidents.watch(token, caller.who);
});
window.addEventListener('hashchange', () => route());

/** Whether the page holds something typed and not yet sent, which drawing it again would lose. */
function typedAndUnsent(): boolean {
  return [
    ...main.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'),
  ].some(
    (control) =>
      !control.disabled &&
      (control instanceof HTMLSelectElement
        ? [...control.options].some((o) => o.selected !== o.defaultSelected)
        : control.type === 'checkbox' || control.type === 'radio'
          ? control instanceof HTMLInputElement && control.checked !== control.defaultChecked
          : control.value !== control.defaultValue),
  );
}

/**
 * The header's language picker, each language in its own name: a change redraws the fixed text and
 * the page, after asking when that would lose what was typed; the focus stays on the picker.
 */
languagePicker.replaceChildren(
  ...LANGUAGES.map(({ code, name }) => h('option', { value: code, lang: code, selected: code === language() }, name)),
);
languagePicker.addEventListener('change', () => {
  // An upload under way (documents-panel.ts) stops when the page is drawn again: that is asked first too.
  const uploading = main.querySelector('[data-uploading]') !== null;
  const question = uploading ? t('documents.languageStopsUpload') : t('common.languageLosesInput');
  if ((uploading || typedAndUnsent()) && !window.confirm(question)) {
    languagePicker.value = language();
    return;
  }
  setLanguage(languagePicker.value as Language);
});
onLanguageChange(() => {
  translateStatic(document);
  if (liveKey) showLive(liveKey);
  incidents.relabel();
  route(shownNotice, { keepFocus: true });
});
translateStatic(document);

/** Back from the identity provider, the page first redeems the code; then it routes as usual. */
async function start(): Promise<void> {
  auth = await loadAuthSettings();
  if (auth.mode === 'oidc') {
    try {
      const signedIn = await completeSignIn(auth);
      if (signedIn) session.signIn(signedIn.accessToken);
    } catch (err) {
      session.signOut();
      route((err as Error).message);
      return;
    }
  }
  route();
}
void start();
