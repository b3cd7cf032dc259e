// Shared pieces of the pages: status badges, messages, reason dialogs, diffs, pagination.
import { h, fill, words } from './dom.js';
import { get, call, ApiError, query } from './api.js';

const STATUS = {
  synced: ['Synced', 'ok'],
  out_of_sync: ['OutOfSync', 'warn'],
  drifted: ['Drifted', 'warn'],
  running: ['Progressing', 'busy'],
  failed: ['Failed', 'bad'],
  suspended: ['Suspended', 'muted'],
  pinned: ['Pinned', 'pin'],
  unknown: ['Unknown', 'muted'],
};

/** The environment status as the overview names it (Synced, OutOfSync, Progressing...). */
export function statusBadge(status) {
  const [label, tone] = STATUS[status] || [words(status), 'muted'];
  return h('span', { class: `badge ${tone}`, 'data-status': status }, label);
}

const RUN_TONE = {
  succeeded: 'ok', failed: 'bad', running: 'busy', queued: 'busy', interrupted: 'bad', no_op: 'muted',
};

export function runBadge(status) {
  return h('span', { class: `badge ${RUN_TONE[status] || 'muted'}`, 'data-run-status': status },
    words(status));
}

const HEALTH_TONE = { healthy: 'ok', degraded: 'bad', progressing: 'busy', unknown: 'muted' };

export function healthBadge(health) {
  if (!health) return h('span', { class: 'muted' }, '—');
  return h('span', { class: `badge ${HEALTH_TONE[health] || 'muted'}` }, words(health));
}

export function errorMessage(e) {
  return h('p', { class: 'error', role: 'alert' }, e.message);
}

let toastTimer = null;
/** A short message in the polite live region. */
export function toast(message, tone = 'ok') {
  const el = document.getElementById('toast');
  el.dataset.tone = tone;
  el.textContent = message;
  el.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('shown'), 6000);
}

/**
 * Asks for a reason in a modal dialog; resolves with the reason, or null when cancelled.
 * Every change of state through the API is audited with who and why.
 */
export function askReason({ title, action, description, danger = false }) {
  return new Promise((resolve) => {
    const input = h('textarea', {
      id: 'reason', name: 'reason', required: true, rows: 3, maxlength: 1000,
      placeholder: 'Why? (kept in the audit log)',
    });
    const dialog = h('dialog', { class: 'reason', 'aria-labelledby': 'reason-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'reason-title' }, title),
        description ? h('p', {}, description) : null,
        h('label', { for: 'reason' }, 'Reason'),
        input,
        h('div', { class: 'buttons' },
          h('button', { type: 'submit', value: 'cancel', class: 'quiet', formnovalidate: true }, 'Cancel'),
          h('button', { type: 'submit', value: 'ok', class: danger ? 'danger' : 'primary' }, action))));
    dialog.addEventListener('close', () => {
      const ok = dialog.returnValue === 'ok' && input.value.trim();
      dialog.remove();
      resolve(ok ? input.value.trim() : null);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

/** Asks to confirm an action in a modal dialog; resolves true when confirmed. */
export function confirmAction({ title, action, description }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'reason', 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, title),
        description ? h('p', {}, description) : null,
        h('div', { class: 'buttons' },
          h('button', { type: 'submit', value: 'cancel', class: 'quiet' }, 'Cancel'),
          h('button', { type: 'submit', value: 'ok', class: 'danger' }, action))));
    dialog.addEventListener('close', () => {
      const ok = dialog.returnValue === 'ok';
      dialog.remove();
      resolve(ok);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * An admins-only list (tokens, credentials): fills `body` with `row(item)` for each item of `path`,
 * or says `none`; on a 403 says that only admins manage `what` and hides `form`. Resolves whether
 * it loaded.
 */
export async function adminList(path, { body, message, form, row, none, what }) {
  try {
    const page = await get(path);
    fill(body, page.items.map(row));
    fill(message, page.items.length ? null : h('p', { class: 'empty' }, none));
    return true;
  } catch (e) {
    fill(message, e instanceof ApiError && e.status === 403
      ? h('p', { class: 'error', role: 'alert' }, `Only admins manage ${what}: ${e.message}`)
      : errorMessage(e));
    form.hidden = true;
    return false;
  }
}

/**
 * Deletes `path` after a confirmation ({title, description, action}), then toasts `done`; a
 * refusal is toasted with the server's reason. Resolves whether it deleted.
 */
export async function confirmDelete(path, { done, ...question }) {
  if (!await confirmAction(question)) return false;
  try {
    await call(path, { method: 'DELETE' });
    toast(done);
    return true;
  } catch (e) {
    toast(`${question.action} failed: ${e.message}`, 'bad');
    return false;
  }
}

/** A unified diff with additions and removals coloured, line by line. */
export function diffView(text) {
  if (text === null || text === undefined) {
    return h('p', { class: 'muted' }, 'No diff available.');
  }
  const lines = text.replace(/\n$/, '').split('\n');
  const code = h('code', {});
  for (const line of lines) {
    let cls = 'ctx';
    if (line.startsWith('+++') || line.startsWith('---')) cls = 'file';
    else if (line.startsWith('@@')) cls = 'hunk';
    else if (line.startsWith('+')) cls = 'add';
    else if (line.startsWith('-')) cls = 'del';
    code.append(h('span', { class: `line ${cls}` }, `${line || ' '}\n`));
  }
  return h('pre', { class: 'diff', tabindex: 0 }, code);
}

/** A term and its value in a <dl class="facts">. */
export function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** One planned change: its action and resource key, then its diff (open). */
export function changeView(c, { id, message } = {}) {
  return h('details', { class: 'change', id, open: true },
    h('summary', {}, h('span', { class: `action ${c.action}` }, c.action), ' ', h('code', {}, c.key),
      c.adopt ? h('span', { class: 'badge muted' }, 'adopt') : null,
      c.drift ? h('span', { class: 'badge warn' }, 'drift') : null),
    message ? h('p', { class: 'muted' }, message) : null,
    diffView(c.diff));
}

/** An error of a run or a preview: code, message and details (a malformed file's file, line). */
export function failureView(error, { id = 'error-title', level = 'h2' } = {}) {
  if (!error) return null;
  return h('section', { class: 'failure', role: 'alert', 'aria-labelledby': id },
    h(level, { id }, 'Error'),
    h('p', {}, h('code', {}, error.code), ' ', error.message),
    error.details && Object.keys(error.details).length
      ? h('dl', { class: 'facts' }, Object.entries(error.details).map(([k, v]) => fact(k, v)))
      : null);
}

/** Cursor pagination controls: Newer/Older by keeping the cursors seen. */
export class Pager {
  constructor(onChange) {
    this.cursors = [null];
    this.next = null;
    this.onChange = onChange;
    this.el = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  }

  get cursor() {
    return this.cursors[this.cursors.length - 1];
  }

  reset() {
    this.cursors = [null];
  }

  update(nextCursor, shown) {
    this.next = nextCursor;
    const page = this.cursors.length;
    fill(this.el,
      h('button', { type: 'button', class: 'quiet', disabled: page === 1, onclick: () => {
        this.cursors.pop();
        this.onChange();
      } }, '← Previous'),
      h('span', { class: 'muted' }, `Page ${page}${shown !== undefined ? ` · ${shown} shown` : ''}`),
      h('button', { type: 'button', class: 'quiet', disabled: !nextCursor, onclick: () => {
        this.cursors.push(this.next);
        this.onChange();
      } }, 'Next →'));
  }
}

// Who declares an object in documents (environments as code), linked to the listing (environments
// or sources) of that owner's objects; an object registered by REST shows 'REST'.
export function managedBy(m, listing = '/') {
  if (!m) return h('td', { class: 'managed-by' }, h('span', { class: 'muted' }, 'REST'));
  return h('td', { class: 'managed-by', dataset: { owner: m.owner } },
    h('a', { href: query(listing, { owner: m.owner }) }, m.owner),
    m.file ? h('div', { class: 'muted small' }, m.file) : null);
}
