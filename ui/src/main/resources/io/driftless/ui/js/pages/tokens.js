// API tokens (admins only): the list, a form that creates one and shows it once, and revocation.
// A created token is shown in this page only and kept nowhere: leaving the page forgets it.
import { h, fill, time, table, hidden } from '../dom.js';
import { call, enc } from '../api.js';
import { toast, adminList, confirmDelete } from '../ui.js';
import { field, FieldErrors } from '../forms.js';

export const nav = 'tokens';

export async function render(main) {
  document.title = 'API tokens · Driftless';
  const body = h('tbody', {});
  const message = h('div', { 'aria-live': 'polite' });
  const created = h('div', { id: 'created', 'aria-live': 'polite' });

  const name = field('name', 'Name', {
    attrs: { required: true, autocomplete: 'off', spellcheck: 'false', placeholder: 'ci-deployer' },
    help: "Letters, digits, '.', '_' or '-': it names the actor in the audit log." });
  const role = field('role', 'Role', {
    tag: 'select', options: [['viewer', 'viewer: read'], ['operator', 'operator: sync, roll back, suspend'], ['admin', 'admin: register, delete, tokens']] });
  const summary = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create token');
  const form = h('form', { class: 'edit inline', id: 'create-token', novalidate: true, 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Create a token'), summary, name.el, role.el, h('div', { class: 'buttons' }, submit));
  const errors = new FieldErrors(form, summary);

  main.append(h('h1', {}, 'API tokens'), message, created,
    h('div', { class: 'scroll' }, table({ class: 'tokens' },
      ['Name', 'Role', 'Created', 'Last used', hidden('Actions')], body)),
    form);

  const load = () => adminList('/api/v1/tokens', {
    body, message, form, none: 'No token.', what: 'tokens',
    row: (t) => h('tr', { dataset: { token: t.name } },
      h('th', { scope: 'row' }, t.name),
      h('td', {}, h('span', { class: 'badge muted' }, t.role)),
      h('td', {}, time(t.createdAt)),
      h('td', {}, t.lastUsedAt ? time(t.lastUsedAt) : h('span', { class: 'muted' }, 'never')),
      h('td', {}, h('button', { type: 'button', class: 'quiet', 'data-revoke': t.name, onclick: () => revoke(t.name) },
        'Revoke', hidden(` ${t.name}`)))),
  });

  async function revoke(tokenName) {
    const revoked = await confirmDelete(`/api/v1/tokens/${enc(tokenName)}`, {
      title: `Revoke token ${tokenName}`,
      description: 'Every request with it is refused from now on, and its open event streams close within seconds.',
      action: 'Revoke',
      done: `Token ${tokenName} revoked.`,
    });
    if (revoked) fill(created);
    await load();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    errors.clear();
    try {
      const { data } = await call('/api/v1/tokens', {
        method: 'POST', body: { name: name.input.value.trim(), role: role.input.value } });
      showOnce(data);
      name.input.value = '';
      await load();
    } catch (err) {
      errors.show(err);
    } finally {
      submit.disabled = false;
    }
  });

  /** The new token, once: selected for copying, gone when the page is left. */
  function showOnce(issued) {
    const value = h('input', {
      id: 'new-token', type: 'text', readonly: true, value: issued.token, spellcheck: 'false',
      autocomplete: 'off', 'aria-describedby': 'new-token-help',
    });
    const copy = h('button', { type: 'button', onclick: async () => {
      value.select();
      try {
        await navigator.clipboard.writeText(issued.token);
        toast('Copied.');
      } catch (err) {
        toast('Selected: copy it with Ctrl+C.');
      }
    } }, 'Copy');
    fill(created, h('section', { class: 'card created', 'aria-labelledby': 'created-title' },
      h('h2', { id: 'created-title' }, `Token ${issued.name} (${issued.role}) created`),
      h('p', { id: 'new-token-help' }, 'Copy it now: it is shown this once and cannot be read again.'),
      h('div', { class: 'copy' }, h('label', { for: 'new-token', class: 'visually-hidden' }, 'New token'), value, copy),
      h('button', { type: 'button', class: 'quiet', onclick: () => fill(created) }, 'Done, hide it')));
    value.focus();
    value.select();
  }

  await load();
  return () => fill(created);
}
