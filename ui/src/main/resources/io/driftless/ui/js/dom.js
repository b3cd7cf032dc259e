// Small DOM helpers: elements are built with textContent only, so API data is never parsed as HTML.

/** h('a', {href: '/x', class: 'c'}, 'text', child) builds an element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Text named only for screen readers. */
export function hidden(text) {
  return h('span', { class: 'visually-hidden' }, text);
}

/**
 * A table of one header row: each heading is a column's text or node (e.g. hidden('Actions')),
 * then the body. The attributes go on the table.
 */
export function table(attrs, headings, body) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    body);
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const exact = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC',
});

/** "3 minutes ago" for an ISO instant. */
export function ago(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 5) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return relative.format(Math.round(seconds / size), unit);
    }
  }
  return '';
}

/** A <time> showing a relative time, with the exact UTC time on hover. */
export function time(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: exact.format(new Date(iso)) + ' UTC', 'data-relative': '' },
    ago(iso));
}

/** Refreshes every relative time on the page (called once a minute and after live updates). */
export function refreshTimes(root = document) {
  const now = Date.now();
  for (const t of root.querySelectorAll('time[data-relative]')) {
    t.textContent = ago(t.getAttribute('datetime'), now);
  }
}

/** "1.2 s", "340 ms", "2 min 5 s". */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function shortSha(revision) {
  return revision ? revision.slice(0, 7) : '';
}

/** A revision as its short form with the full one on hover. */
export function sha(revision) {
  if (!revision) return h('span', { class: 'muted' }, '—');
  return h('code', { class: 'sha', title: revision }, shortSha(revision));
}

/** Words for the API's lower_snake values: "out_of_sync" → "out of sync". */
export function words(value) {
  return value ? String(value).replaceAll('_', ' ') : '';
}
