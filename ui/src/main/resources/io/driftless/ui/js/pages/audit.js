// Who did what and why, newest first; filtered and paginated by the server.
import { h, fill, time, table } from '../dom.js';
import { get, query, enc } from '../api.js';
import { errorMessage, Pager } from '../ui.js';

export const nav = 'audit';
const PAGE_SIZE = 50;

export async function render(main, params, { url }) {
  document.title = 'Audit log · Driftless';
  const field = (id, label, placeholder) => {
    const input = h('input', {
      id, name: id, type: 'search', placeholder, value: url.searchParams.get(id) || '', autocomplete: 'off',
    });
    return [h('label', { for: id }, label), input];
  };
  const [actorLabel, actor] = field('actor', 'Actor', 'admin');
  const [actionLabel, action] = field('action', 'Action', 'environment.rollback');
  const [objectLabel, object] = field('object', 'Object', 'name');
  const body = h('tbody', {});
  const message = h('div', { 'aria-live': 'polite' });
  const pager = new Pager(() => load());
  main.append(h('h1', {}, 'Audit log'),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      actorLabel, actor, actionLabel, action, objectLabel, object),
    message,
    h('div', { class: 'scroll' }, table({ class: 'audit' },
      ['When', 'Actor', 'Action', 'Object', 'Reason'], body)),
    pager.el);

  let loading = 0;
  async function load() {
    const mine = ++loading;
    const filters = { actor: actor.value.trim(), action: action.value.trim(), object: object.value.trim() };
    history.replaceState(null, '', query('/audit', filters));
    try {
      const page = await get(query('/api/v1/audit', { ...filters, cursor: pager.cursor, limit: PAGE_SIZE }));
      if (mine !== loading) return;
      fill(body, page.items.map((a) => h('tr', { dataset: { audit: a.id, action: a.action } },
        h('td', {}, time(a.at)),
        h('td', {}, a.actor),
        h('td', {}, h('code', {}, a.action)),
        h('td', {}, objectLink(a)),
        h('td', { class: 'reason' }, a.reason || h('span', { class: 'muted' }, '—')))));
      fill(message, page.items.length ? null : h('p', { class: 'empty' }, 'No entry matches.'));
      pager.update(page.nextCursor, page.items.length);
    } catch (e) {
      if (mine === loading) fill(message, errorMessage(e));
    }
  }
  let timer = null;
  for (const input of [actor, action, object]) {
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { pager.reset(); load(); }, 250);
    });
  }
  await load();
  return () => clearTimeout(timer);
}

function objectLink(a) {
  const label = `${a.objectType} ${a.objectName}`;
  if (a.objectType === 'environment') return h('a', { href: `/environments/${enc(a.objectName)}` }, label);
  if (a.objectType === 'source') return h('a', { href: '/sources' }, label);
  return label;
}
