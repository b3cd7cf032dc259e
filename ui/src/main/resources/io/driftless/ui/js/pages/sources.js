// The registered Git repositories: which credentials are set (never their values) and the
// signature policy.
import { h, fill, time, table, hidden } from '../dom.js';
import { get, query, enc } from '../api.js';
import { errorMessage, managedBy } from '../ui.js';
import { authLabel } from '../forms.js';

export const nav = 'sources';

export async function render(main, params, { url }) {
  document.title = 'Sources · Driftless';
  const body = h('tbody', {});
  const message = h('div', {});
  main.append(
    h('div', { class: 'title' }, h('h1', {}, 'Sources'),
      h('a', { href: '/register/source', class: 'button', id: 'register-source' }, 'Register a source')),
    message,
    h('div', { class: 'scroll' }, table({ class: 'sources' },
      ['Source', 'URL', 'Credentials', 'Webhook secret', 'Signed commits', 'Registered', 'Managed by',
        hidden('Actions')],
      body)));
  try {
    const owner = url.searchParams.get('owner') || null;
    const items = await all('/api/v1/sources', { owner });
    fill(body, items.map((s) => h('tr', { dataset: { source: s.name } },
      h('th', { scope: 'row' }, h('a', { href: query('/', { source: s.name }) }, s.name)),
      h('td', { class: 'url' }, h('code', {}, s.url)),
      h('td', {}, [authLabel(s.authType || 'none', s.authCredential),
        s.writeAuthType ? ` (write: ${authLabel(s.writeAuthType, s.writeAuthCredential)})` : ''].join('')),
      h('td', {}, s.hasWebhookSecret ? 'set' : h('span', { class: 'muted' }, 'not set')),
      h('td', {}, s.verify && s.verify.mode === 'head'
        ? `required (${(s.verify.trustedKeys || []).length} trusted key${(s.verify.trustedKeys || []).length === 1 ? '' : 's'})`
        : 'not required'),
      h('td', {}, time(s.createdAt)),
      managedBy(s.managedBy, '/sources'),
      h('td', {}, h('a', { href: `/sources/${enc(s.name)}/edit`, 'data-edit': s.name }, 'Change',
        hidden(` ${s.name}`))))));
    if (!items.length) fill(message, h('p', { class: 'empty' }, 'No source is registered yet.'));
  } catch (e) {
    fill(message, errorMessage(e));
  }
}

/** Reads a listing page by page; sources are few. */
async function all(path, filters) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(query(path, { ...filters, cursor, limit: 200 }));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
