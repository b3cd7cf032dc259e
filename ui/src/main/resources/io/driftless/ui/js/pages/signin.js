// Sign in with an API token; it is kept in sessionStorage for this browser tab's session only.
import { h } from '../dom.js';
import { call, session, ApiError } from '../api.js';

export const nav = null;

export async function render(main, params, { navigate }) {
  document.title = 'Sign in · Driftless';
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', required: true, autocomplete: 'current-password',
    spellcheck: 'false', 'aria-describedby': 'token-help',
  });
  const message = h('p', { id: 'signin-error', class: 'error', role: 'alert', hidden: true });
  const why = session.signedOutBecause();
  const notice = why ? h('p', { id: 'signin-notice', class: why === 'revoked' ? 'notice warn' : 'notice', role: 'status' },
    why === 'revoked'
      ? 'Signed out: this token was revoked or is no longer valid. Sign in with another token.'
      : 'Signed out.') : null;
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card signin', novalidate: false },
    h('h1', {}, 'Sign in to Driftless'),
    notice,
    h('label', { for: 'token' }, 'API token'),
    input,
    h('p', { id: 'token-help', class: 'muted' },
      'A token issued by an admin (driftless token create). It stays in this browser tab only and is forgotten when the tab closes.'),
    message,
    button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    button.disabled = true;
    message.hidden = true;
    try {
      await call('/api/v1/environments?limit=1', { token });
      session.signIn(token);
      const next = sessionStorage.getItem('driftless.next');
      sessionStorage.removeItem('driftless.next');
      navigate(next && next !== '/signin' ? next : '/', { replace: true });
    } catch (err) {
      message.textContent = err instanceof ApiError && err.status === 401
        ? 'This token is not valid (or was revoked).'
        : err.message;
      message.hidden = false;
      button.disabled = false;
      input.focus();
    }
  });
  main.append(form);
  input.focus();
}
