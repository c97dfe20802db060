import { ApiError, apiGet, session } from './api';
import { h } from './dom';
import type { View } from './view';

/** Paste a bearer token; it is checked against the API and kept for this browser tab only. */
export function signInView(root: HTMLElement, onSignedIn: () => void, notice?: string): View {
  const token = h('textarea', {
    id: 'token',
    name: 'token',
    rows: 4,
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'sign-in' },
    h('label', { for: 'token' }, 'Bearer token'),
    token,
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = token.value.trim();
    apiGet('/api/v1/pipeline', value).then(
      () => {
        session.signIn(value);
        onSignedIn();
      },
      (err: unknown) => {
        error.textContent =
          err instanceof ApiError && err.status === 401
            ? 'The API did not accept this token.'
            : `Sign-in failed: ${(err as Error).message}`;
        token.focus();
      },
    );
  });
  root.replaceChildren(
    h('h1', {}, 'Sign in'),
    ...(notice ? [h('p', { class: 'error', role: 'alert' }, notice)] : []),
    h(
      'p',
      {},
      'Paste a token. On a local system: ',
      h('code', {}, 'npm run -s cli -- token --user officer-1 --role coordinator'),
      ' (agency users add ',
      h('code', {}, '--role agency --agency <id>'),
      '). You see what the API lets that token see.',
    ),
    form,
  );
  token.focus();
  return {};
}
