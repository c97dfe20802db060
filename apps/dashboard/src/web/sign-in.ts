import { ApiError, apiGet, session } from './api';
import { ROLES, type DashboardAuthSettings, type LocalSettings, type OidcSettings } from './api-types';
import { h } from './dom';
import { english, roleName, t, tParts } from './i18n';
import { beginSignIn, SignInError } from './oidc';
import type { View } from './view';

/**
 * Signing in: through the installation's identity provider when it has one (COMITY_AUTH_MODE=oidc);
 * else, on a local development system only, as a user picked on the page or with a pasted token.
 */
export function signInView(
  root: HTMLElement,
  auth: DashboardAuthSettings,
  onSignedIn: () => void,
  notice?: string,
): View {
  return auth.mode === 'oidc' ? providerSignIn(root, auth, notice) : localSignIn(root, auth, onSignedIn, notice);
}

function providerSignIn(root: HTMLElement, auth: OidcSettings, notice?: string): View {
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'button' }, t('signIn.signIn'));
  button.addEventListener('click', () => {
    button.setAttribute('disabled', '');
    beginSignIn(auth).catch((err: unknown) => {
      button.removeAttribute('disabled');
      error.replaceChildren(...tParts('signIn.failed', { message: said(err) }));
    });
  });
  root.replaceChildren(
    h('h1', {}, t('signIn.signIn')),
    ...(notice ? [h('p', { class: 'error', role: 'alert' }, notice)] : []),
    h('p', {}, t('signIn.withProvider')),
    h('div', { class: 'sign-in' }, button, error),
  );
  button.focus();
  return {};
}

/**
 * Local development: a user picked by id, role and agency, when the dashboard's server offers it
 * (it signs that user's token with the local key), and a pasted token beside it.
 */
function localSignIn(root: HTMLElement, auth: LocalSettings, onSignedIn: () => void, notice?: string): View {
  const pasted = pastedTokenForm(onSignedIn);
  const picker = auth.userPicker ? userPickerForm(onSignedIn) : undefined;
  root.replaceChildren(
    h('h1', {}, t('signIn.signIn')),
    ...(notice ? [h('p', { class: 'error', role: 'alert' }, notice)] : []),
    ...(picker ? [h('p', {}, t('signIn.localSystem')), picker.form, h('h2', {}, t('signIn.orPaste'))] : []),
    h(
      'p',
      {},
      ...tParts('signIn.pasteHint', {
        command: h('code', {}, 'npm run -s cli -- token --user officer-1 --role coordinator'),
        agencyOption: h('code', {}, '--role agency --agency <id>'),
      }),
    ),
    pasted.form,
  );
  (picker ?? pasted).focus();
  return {};
}

/** Checks a token against the API, then keeps it for this browser tab only. */
async function accept(token: string, onSignedIn: () => void): Promise<void> {
  await apiGet('/api/v1/pipeline', token);
  session.signIn(token);
  onSignedIn();
}

/** What went wrong: the page's own words for its sign-in errors, else the API's (or browser's) message, in English. */
const said = (err: unknown) => (err instanceof SignInError ? err.message : english((err as Error).message));

function failure(err: unknown): (string | Node)[] {
  return err instanceof ApiError && err.status === 401
    ? [t('signIn.notAccepted')]
    : tParts('signIn.failed', { message: said(err) });
}

/** A user id, a role and (for the agency role) an agency; the dashboard's server signs the token. */
function userPickerForm(onSignedIn: () => void): { form: HTMLFormElement; focus: () => void } {
  const user = h('input', {
    id: 'picker-user',
    name: 'userId',
    value: 'officer-1',
    required: true,
    autocomplete: 'off',
  });
  const role = h(
    'select',
    { id: 'picker-role', name: 'role' },
    ...ROLES.map((r) => h('option', { value: r }, roleName(r))),
  );
  const agency = h('input', {
    id: 'picker-agency',
    name: 'agencyId',
    autocomplete: 'off',
    'aria-describedby': 'picker-agency-hint',
  });
  const agencyField = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: 'picker-agency' }, t('signIn.agency')),
    agency,
    h('span', { id: 'picker-agency-hint', class: 'hint' }, t('signIn.agencyHint')),
  );
  const showAgency = () => {
    agencyField.hidden = role.value !== 'agency';
    agency.required = role.value === 'agency';
  };
  role.addEventListener('change', showAgency);
  const fields = { userId: user, role, agencyId: agency } as const;
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'sign-in', 'aria-label': t('signIn.pickUser') },
    h('div', { class: 'field' }, h('label', { for: 'picker-user' }, t('signIn.user')), user),
    h('div', { class: 'field' }, h('label', { for: 'picker-role' }, t('signIn.role')), role),
    agencyField,
    h('button', { type: 'submit' }, t('signIn.signInAsUser')),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    for (const field of Object.values(fields)) field.removeAttribute('aria-invalid');
    const body = {
      userId: user.value.trim(),
      role: role.value,
      ...(role.value === 'agency' ? { agencyId: agency.value.trim() } : {}),
    };
    pickedToken(body)
      .then((token) => accept(token, onSignedIn))
      .catch((err: unknown) => {
        // The server names each wrong field (`body.userId: ...`): mark it and say why.
        const wrong = err instanceof ApiError ? err.details.map((d) => /^body\.(\w+): (.*)$/.exec(d)) : [];
        const marked = wrong.flatMap((m) => (m && m[1] && m[1] in fields ? [m] : []));
        for (const m of marked) fields[m[1] as keyof typeof fields].setAttribute('aria-invalid', 'true');
        // The page names the field; the server's problem is in English.
        error.replaceChildren(
          ...(marked.length
            ? marked.flatMap((m, i) => [
                ...(i ? ['; '] : []),
                ...tParts('signIn.fieldProblem', {
                  field: labelOf(m[1] as keyof typeof fields),
                  problem: english(m[2] ?? ''),
                }),
              ])
            : failure(err)),
        );
        (marked[0] ? fields[marked[0][1] as keyof typeof fields] : user).focus();
      });
  });
  return { form, focus: () => user.focus() };
}

const labelOf = (field: 'userId' | 'role' | 'agencyId') =>
  ({ userId: t('signIn.user'), role: t('signIn.role'), agencyId: t('signIn.agency') })[field];

async function pickedToken(body: object): Promise<string> {
  const res = await fetch('/sign-in/local', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => ({}))) as {
    token?: string;
    code?: string;
    message?: string;
    details?: unknown;
  };
  if (!res.ok || typeof answer.token !== 'string') {
    const details = Array.isArray(answer.details)
      ? answer.details.filter((d): d is string => typeof d === 'string')
      : [];
    throw new ApiError(res.status, answer.code ?? `HTTP_${res.status}`, answer.message ?? res.statusText, details);
  }
  return answer.token;
}

/** Paste a bearer token; it is checked against the API and kept for this browser tab only. */
function pastedTokenForm(onSignedIn: () => void): { form: HTMLFormElement; focus: () => void } {
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
    { class: 'sign-in', 'aria-label': t('signIn.pasteLabel') },
    h('label', { for: 'token' }, t('signIn.bearerToken')),
    token,
    h('button', { type: 'submit' }, t('signIn.signIn')),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    accept(token.value.trim(), onSignedIn).catch((err: unknown) => {
      error.replaceChildren(...failure(err));
      token.focus();
    });
  });
  return { form, focus: () => token.focus() };
}
