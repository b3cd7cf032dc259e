// One run: what triggered it, its phase timeline with durations, the plan, the per-file diffs,
// hook output and the error if any. A run still going is followed live.
import { h, fill, time, sha, duration, words, table } from '../dom.js';
import { get, query, enc } from '../api.js';
import { onEvent } from '../events.js';
import { runBadge, errorMessage, changeView, failureView, fact } from '../ui.js';

export const nav = 'overview';
const CHANGES_PAGE = 50;

export async function render(main, [id]) {
  document.title = `Run #${id} · Driftless`;
  const summary = h('div', {});
  const timeline = h('section', { 'aria-labelledby': 'phases-title' });
  const failure = h('div', {});
  const hooks = h('div', {});
  const planBody = h('tbody', {});
  const diffs = h('div', { id: 'diffs' });
  const more = h('div', {});
  main.append(summary, failure, timeline,
    h('section', { 'aria-labelledby': 'plan-title' },
      h('h2', { id: 'plan-title' }, 'Plan'),
      h('div', { class: 'scroll' }, table({ class: 'plan' },
        ['#', 'Action', 'Resource', 'Result', 'Note'], planBody))),
    h('section', { 'aria-labelledby': 'diffs-title' }, h('h2', { id: 'diffs-title' }, 'Changes'), diffs, more),
    hooks);

  let run = await get(`/api/v1/runs/${enc(id)}`);
  show(run);
  await loadChanges(null, true);

  function show(r) {
    document.title = `Run #${r.id} · ${r.environment} · Driftless`;
    const took = r.startedAt && r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.startedAt) : null;
    const t = r.trigger || {};
    fill(summary,
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
        h('a', { href: '/' }, 'Environments'), ' / ',
        h('a', { href: `/environments/${enc(r.environment)}` }, r.environment), ` / run #${r.id}`),
      h('div', { class: 'title' }, h('h1', {}, `Run #${r.id}`), runBadge(r.status),
        r.drift ? h('span', { class: 'badge warn' }, 'drift') : null),
      h('dl', { class: 'facts' },
        fact('Environment', h('a', { href: `/environments/${enc(r.environment)}` }, r.environment)),
        fact('Trigger', `${words(t.type)}${t.actor ? ` by ${t.actor}` : ''}`),
        t.reason ? fact('Reason', t.reason) : null,
        r.rollbackOf ? fact('Rollback to', h('a', { href: `/runs/${r.rollbackOf}` }, `run #${r.rollbackOf}`)) : null,
        fact('Revision', sha(r.revision)),
        fact('Queued', time(r.createdAt)),
        fact('Started', time(r.startedAt)),
        fact('Finished', time(r.finishedAt)),
        fact('Took', duration(took)),
        fact('Changes', `${r.counts.creates} create, ${r.counts.updates} update, ${r.counts.deletes} delete`
          + ` (${r.counts.applied} applied, ${r.counts.failed} failed, ${r.counts.skipped} skipped)`)));
    fill(failure, failureView(r.error));
    // Bars sit where each phase ran within the run, as wide as it took.
    const begin = Math.min(...r.phases.map((p) => Date.parse(p.startedAt)));
    const end = Math.max(...r.phases.map((p) => Date.parse(p.startedAt) + p.durationMillis));
    const span = Math.max(1, end - begin);
    fill(timeline,
      h('h2', { id: 'phases-title' }, 'Phases'),
      r.phases.length === 0
        ? h('p', { class: 'muted' }, r.status === 'queued' ? 'Waiting to start.' : 'No phase recorded.')
        : h('ol', { class: 'timeline' }, r.phases.map((p) => {
          const bar = h('span', { class: 'bar' });
          const offset = (100 * (Date.parse(p.startedAt) - begin)) / span;
          bar.style.setProperty('--offset', `${Math.min(99, offset)}%`);
          bar.style.setProperty('--share', `${Math.max(1, (100 * p.durationMillis) / span)}%`);
          bar.title = `${words(p.phase)}: ${duration(p.durationMillis)}`;
          return h('li', { dataset: { phase: p.phase } },
            h('span', { class: 'phase' }, words(p.phase)),
            h('span', { class: 'track' }, bar),
            h('span', { class: 'took' }, duration(p.durationMillis)),
            h('span', { class: 'muted small' }, time(p.startedAt)));
        })));
    fill(hooks, r.hooks && r.hooks.length ? h('section', { 'aria-labelledby': 'hooks-title' },
      h('h2', { id: 'hooks-title' }, 'Hook output'),
      r.hooks.map((c) => h('details', { class: 'hook', open: true },
        h('summary', {}, h('code', {}, c.name), ' ',
          h('span', { class: `badge ${c.exitCode === 0 && !c.timedOut ? 'ok' : 'bad'}` },
            c.timedOut ? 'timed out' : `exit ${c.exitCode}`), ' ', duration(c.durationMillis)),
        h('pre', { class: 'output', tabindex: 0 }, c.output || '(no output)')))) : null);
  }

  async function loadChanges(cursor, first) {
    try {
      const page = await get(query(`/api/v1/runs/${enc(id)}/changes`, { cursor, limit: CHANGES_PAGE }));
      if (first && page.items.length === 0) {
        fill(diffs, h('p', { class: 'empty' }, run.status === 'running' || run.status === 'queued'
          ? 'No change recorded yet.' : 'This run changed nothing.'));
      }
      if (first) planBody.replaceChildren();
      for (const c of page.items) {
        planBody.append(h('tr', {},
          h('td', {}, c.seq),
          h('td', {}, h('span', { class: `action ${c.action}` }, c.action)),
          h('td', {}, h('a', { href: `#change-${c.seq}` }, h('code', {}, c.key))),
          h('td', {}, c.result ? words(c.result) : '—'),
          h('td', {}, [c.adopt ? 'adopted ' : '', c.drift ? 'drift ' : '', c.message || ''].join('').trim())));
        diffs.append(changeView(c, { id: `change-${c.seq}`, message: c.message }));
      }
      fill(more, page.nextCursor
        ? h('button', { type: 'button', class: 'quiet', onclick: () => loadChanges(page.nextCursor, false) }, 'Load more changes')
        : null);
    } catch (e) {
      fill(more, errorMessage(e));
    }
  }

  const off = onEvent(async (event) => {
    if (String(event.run) !== String(id)) return;
    try {
      run = await get(`/api/v1/runs/${enc(id)}`);
      show(run);
      if (event.type === 'run.finished') {
        diffs.replaceChildren();
        await loadChanges(null, true);
      }
    } catch (e) {
      fill(failure, errorMessage(e));
    }
  });
  return off;
}
