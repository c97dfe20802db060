import { ApiError, apiGet, session } from './api';
import type { DashboardAuthSettings, OidcSettings } from './api-types';
import { h } from './dom';
import { beginSignIn } from './oidc';
import type { View } from './view';

/**
 * Signing in: through the installation's identity provider when it has one (COMITY_AUTH_MODE=oidc);
 * else, on a local development system only, by pasting a locally minted token.
 */
export function signInView(
  root: HTMLElement,
  auth: DashboardAuthSettings,
  onSignedIn: () => void,
  notice?: string,
): View {
  return auth.mode === 'oidc' ? providerSignIn(root, auth, notice) : pastedTokenSignIn(root, onSignedIn, notice);
}

function providerSignIn(root: HTMLElement, auth: OidcSettings, notice?: string): View {
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'button' }, 'Sign in');
  button.addEventListener('click', () => {
    button.setAttribute('disabled', '');
    beginSignIn(auth).catch((err: unknown) => {
      button.removeAttribute('disabled');
      error.textContent = `Sign-in failed: ${(err as Error).message}`;
    });
  });
  root.replaceChildren(
    h('h1', {}, 'Sign in'),
    ...(notice ? [h('p', { class: 'error', role: 'alert' }, notice)] : []),
    h('p', {}, "Sign in with your organisation's account. You see what your role and agency allow."),
    h('div', { class: 'sign-in' }, button, error),
  );
  button.focus();
  return {};
}

/** Paste a bearer token; it is checked against the API and kept for this browser tab only. */
function pastedTokenSignIn(root: HTMLElement, onSignedIn: () => void, notice?: string): View {
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
