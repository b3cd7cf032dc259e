// Every environment with its status, revision, last run, health and drift. The server filters and
// paginates, so a thousand environments cost one page; live events refresh the rows they touch.
import { h, fill, time, sha, refreshTimes, table } from '../dom.js';
import { get, query, enc } from '../api.js';
import { onEvent } from '../events.js';
import { statusBadge, runBadge, healthBadge, errorMessage, Pager, managedBy } from '../ui.js';

export const nav = 'overview';
const PAGE_SIZE = 50;
const STATUSES = [
  ['', 'Any status'], ['synced', 'Synced'], ['out_of_sync', 'OutOfSync'], ['running', 'Progressing'],
  ['failed', 'Failed'], ['suspended', 'Suspended'], ['pinned', 'Pinned'], ['unknown', 'Unknown'],
];

export async function render(main, params, { url }) {
  document.title = 'Environments · Driftless';
  const search = h('input', {
    id: 'search', type: 'search', name: 'prefix', placeholder: 'Name starts with…',
    value: url.searchParams.get('prefix') || '', autocomplete: 'off',
  });
  const status = h('select', { id: 'status', name: 'status' },
    STATUSES.map(([v, label]) => h('option', { value: v, selected: v === (url.searchParams.get('status') || '') }, label)));
  const source = h('select', { id: 'source', name: 'source' }, h('option', { value: '' }, 'Any source'));
  const wanted = url.searchParams.get('source') || '';
  if (wanted) source.append(h('option', { value: wanted, selected: true }, wanted));
  // Environments as code: only those declared in documents applied by one owner.
  const owner = h('input', {
    id: 'owner', type: 'search', name: 'owner', placeholder: 'Owner',
    value: url.searchParams.get('owner') || '', autocomplete: 'off',
  });
  const body = h('tbody', {});
  const environments = table({ class: 'environments' },
    ['Environment', 'Status', 'Revision', 'Last run', 'Health', 'Drift', 'Managed by'], body);
  environments.prepend(h('caption', { class: 'visually-hidden' }, 'Environments'));
  const message = h('div', { 'aria-live': 'polite' });
  const pager = new Pager(() => load());
  const rows = new Map();

  main.append(
    h('div', { class: 'title' }, h('h1', {}, 'Environments'),
      h('a', { href: '/register/environment', class: 'button', id: 'register-environment' }, 'Register an environment')),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'search' }, 'Search'), search,
      h('label', { for: 'status' }, 'Status'), status,
      h('label', { for: 'source' }, 'Source'), source,
      h('label', { for: 'owner' }, 'Managed by'), owner),
    message,
    h('div', { class: 'scroll' }, environments),
    pager.el);

  let loading = 0;
  async function load() {
    const mine = ++loading;
    const filters = {
      prefix: search.value.trim(), status: status.value, source: source.value.trim(), owner: owner.value.trim(),
    };
    history.replaceState(null, '', query('/', filters));
    try {
      const page = await get(query('/api/v1/environments', { ...filters, cursor: pager.cursor, limit: PAGE_SIZE }));
      if (mine !== loading) return;
      rows.clear();
      fill(body, page.items.map((e) => {
        const tr = row(e);
        rows.set(e.name, tr);
        return tr;
      }));
      fill(message, page.items.length ? null
        : h('p', { class: 'empty' }, filters.prefix || filters.status || filters.source || filters.owner
          ? 'No environment matches these filters.'
          : 'No environment is registered yet (driftless env create, or POST /api/v1/environments).'));
      pager.update(page.nextCursor, page.items.length);
    } catch (e) {
      if (mine === loading) fill(message, errorMessage(e));
    }
  }

  let timer = null;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { pager.reset(); load(); }, 200);
  };
  search.addEventListener('input', reload);
  owner.addEventListener('input', reload);
  source.addEventListener('change', reload);
  status.addEventListener('change', reload);

  await Promise.all([load(), loadSources()]);

  // The source filter offers the registered sources (a handful), so it can only name real ones.
  async function loadSources() {
    try {
      const page = await get('/api/v1/sources?limit=1000');
      for (const s of page.items) {
        if (s.name !== wanted) source.append(h('option', { value: s.name }, s.name));
      }
    } catch (e) {
      fill(message, errorMessage(e));
    }
  }

  // Live: an event refreshes its environment's row (coalesced, so a burst costs one request).
  const pending = new Set();
  let flush = null;
  const off = onEvent((event) => {
    if (!rows.has(event.environment)) return;
    pending.add(event.environment);
    flush = flush || setTimeout(async () => {
      const names = [...pending];
      pending.clear();
      flush = null;
      for (const name of names) {
        try {
          const e = await get(`/api/v1/environments/${enc(name)}`);
          const old = rows.get(name);
          if (old) {
            const tr = row(e);
            old.replaceWith(tr);
            rows.set(name, tr);
          }
        } catch (err) {
          // removed meanwhile: the next load drops it
        }
      }
      refreshTimes(body);
    }, 250);
  });
  return () => {
    off();
    clearTimeout(timer);
    clearTimeout(flush);
  };
}

function row(e) {
  const state = e.state || {};
  const commit = e.commit;
  const revision = state.pinnedRevision || state.syncedRevision || state.headRevision;
  const last = e.lastRun;
  return h('tr', { dataset: { environment: e.name, status: e.status } },
    h('th', { scope: 'row' },
      h('a', { href: `/environments/${enc(e.name)}` }, e.name),
      h('div', { class: 'muted small' }, `${e.source} · ${e.ref}${e.path ? ` · ${e.path}` : ''}`)),
    h('td', {}, statusBadge(e.status)),
    h('td', { class: 'revision' },
      sha(revision),
      commit ? h('div', { class: 'commit' },
        h('span', { class: 'subject' }, commit.message),
        h('span', { class: 'muted small' }, ` — ${commit.author}`)) : null),
    h('td', {}, last
      ? [h('a', { href: `/runs/${last.id}` }, `#${last.id}`), ' ', runBadge(last.status), ' ',
        time(last.finishedAt || last.startedAt || last.createdAt)]
      : h('span', { class: 'muted' }, 'never')),
    h('td', {}, healthBadge(state.health)),
    h('td', {}, state.drift ? h('span', { class: 'badge warn' }, 'drift') : h('span', { class: 'muted' }, 'none')),
    managedBy(e.managedBy));
}
