import { SESSION_ENDED, session, tokenClaims } from './api';
import type { LiveTransition } from './api-types';
import { boardView } from './board';
import { processView } from './process-page';
import { signInView } from './sign-in';
import { statisticsView } from './statistics';
import type { View } from './view';

const main = document.getElementById('main') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
const liveState = document.getElementById('live-state') as HTMLElement;
const signOut = document.getElementById('sign-out') as HTMLButtonElement;
let view: View = {};
let stream: EventSource | undefined;

/**
 * Live updates: the API's server-sent events, through the dashboard's server. EventSource cannot
 * send headers, so the token goes as `access_token`; the stream carries only what this caller may see.
 */
function connect(token: string): void {
  stream?.close();
  stream = new EventSource(`/api/v1/stream?access_token=${encodeURIComponent(token)}`);
  let opened = false;
  stream.addEventListener('open', () => {
    liveState.textContent = 'live';
    if (opened) view.refresh?.();
    opened = true;
  });
  stream.addEventListener('error', () => {
    liveState.textContent = stream?.readyState === EventSource.CLOSED ? 'live updates stopped' : 'reconnecting…';
  });
  stream.addEventListener('process', (e) =>
    view.onTransition?.(JSON.parse((e as MessageEvent<string>).data) as LiveTransition),
  );
}

function route(notice?: string): void {
  view.dispose?.();
  const token = session.token();
  document.body.classList.toggle('signed-in', token !== null);
  if (!token) {
    stream?.close();
    stream = undefined;
    who.textContent = '';
    liveState.textContent = '';
    view = signInView(
      main,
      () => {
        if (location.hash.startsWith('#/sign-in') || !location.hash) location.hash = '#/board';
        else route();
      },
      notice,
    );
    return;
  }
  const claims = tokenClaims(token);
  who.textContent = `${claims.sub ?? '?'} · ${claims.role ?? '?'}${claims.agency_id ? ` · ${claims.agency_id}` : ''}`;
  if (!stream) connect(token);
  const hash = location.hash || '#/board';
  const process = /^#\/process\/(.+)$/.exec(hash);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (hash.startsWith(link.getAttribute('href') ?? '-')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (process?.[1]) view = processView(main, decodeURIComponent(process[1]));
  else if (hash.startsWith('#/statistics')) view = statisticsView(main);
  else view = boardView(main, claims.role === 'agency' ? claims.agency_id : undefined);
  main.focus({ preventScroll: true });
}

signOut.addEventListener('click', () => {
  session.signOut();
  location.hash = '#/sign-in';
  route();
});
window.addEventListener(SESSION_ENDED, () => {
  session.signOut();
  route('Your session ended: the API no longer accepts the token. Sign in again.');
});
window.addEventListener('hashchange', () => route());
route();
