// One pull request's preview: for each environment its head would change, the plan (per-file
// diffs) or the error, computed against live without applying anything. The pull-request comment
// and commit statuses link here. A preview still computing is fetched again until done.
import { h, fill, time, sha } from '../dom.js';
import { get, query, enc } from '../api.js';
import { errorMessage, changeView, failureView, fact } from '../ui.js';

export const nav = 'overview';
const POLL_MILLIS = 3000;

const RESULT = {
  changes: ['changes', 'warn'],
  no_changes: ['no changes', 'ok'],
  failed: ['failed', 'bad'],
};

export async function render(main, [source, pr], { isCurrent }) {
  document.title = `${source} #${pr} preview · Driftless`;
  const body = h('div', {});
  main.append(body);
  let timer = null;

  async function load() {
    let preview;
    try {
      const page = await get(query('/api/v1/previews', { source, pr }));
      preview = page.items[0];
    } catch (e) {
      if (e.status !== 404) throw e;
    }
    if (!isCurrent()) return;
    if (!preview) {
      fill(body, heading(source, pr),
        h('p', { class: 'empty', role: 'status' },
          `No preview for this pull request: Driftless has not received pull request #${pr} of source ${source}.`));
      return;
    }
    show(preview);
    if (preview.state === 'pending') timer = setTimeout(reload, POLL_MILLIS);
  }

  async function reload() {
    timer = null;
    try {
      await load();
    } catch (e) {
      if (isCurrent()) body.append(errorMessage(e));
    }
  }

  function show(p) {
    const pending = p.state === 'pending';
    fill(body,
      heading(p.source, p.pr, h('span', { class: `badge ${pending ? 'busy' : 'ok'}`, 'data-state': p.state },
        pending ? 'computing' : p.state)),
      h('dl', { class: 'facts' },
        fact('Source', h('a', { href: '/sources' }, p.source)),
        fact('Pull request', `#${p.pr}`),
        fact('Head', sha(p.head)),
        fact('Base', h('code', {}, p.baseRef)),
        p.trust && p.trust !== 'trusted'
          ? fact('Head from', p.trust === 'approved' ? `a fork, approved by ${p.approvedBy}` : 'a fork (untrusted)')
          : null,
        fact('Computed', pending ? h('span', { class: 'muted' }, 'computing…') : time(p.updatedAt)),
        fact('First previewed', time(p.createdAt))),
      h('p', { class: 'muted' }, 'What merging this pull request would apply to each environment whose '
        + 'path it touches, computed against live at its head. Nothing was applied.'),
      p.trust === 'untrusted'
        ? h('p', { class: 'muted', id: 'preview-untrusted' }, 'This pull request comes from a fork: only counts '
          + 'and resource names are shown, no command ran and no live object it names was read, until an '
          + 'operator approves its head.')
        : null,
      p.message ? h('p', { class: 'empty', id: 'preview-message' }, p.message) : null,
      !p.message && p.environments.length === 0
        ? h('p', { class: 'empty' }, pending ? 'Computing the preview…' : 'No environment is touched.')
        : null,
      p.environments.map((e, i) => environment(e, i)));
  }

  await load();
  return () => clearTimeout(timer);
}

function heading(source, pr, badge) {
  return [
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: '/' }, 'Environments'), ` / previews / ${source} / #${pr}`),
    h('div', { class: 'title' }, h('h1', {}, `Preview of ${source} #${pr}`), badge || null),
  ];
}

function environment(e, i) {
  const [label, tone] = RESULT[e.result] || [e.result, 'muted'];
  const titleId = `env-${i}-title`;
  const changes = e.plan ? e.plan.changes : [];
  return h('section', { class: 'preview-env', 'aria-labelledby': titleId, dataset: { environment: e.environment, result: e.result } },
    h('div', { class: 'title' },
      h('h2', { id: titleId }, h('a', { href: `/environments/${enc(e.environment)}` }, e.environment)),
      h('span', { class: `badge ${tone}` }, label)),
    h('dl', { class: 'facts' },
      fact('Path', h('code', {}, e.path || '/')),
      fact('Summary', h('span', { class: 'summary' }, e.summary)),
      e.plan ? fact('Revision', sha(e.plan.revision)) : null),
    failureView(e.error, { id: `env-${i}-error`, level: 'h3' }),
    e.plan && changes.length === 0 ? h('p', { class: 'empty' }, 'Live already matches: nothing to apply.') : null,
    changes.map((c) => changeView(c)),
    e.plan && e.plan.drifted.length ? h('p', {}, 'Drifted: ', e.plan.drifted.join(', ')) : null,
    e.plan && e.plan.pruneSkipped.length
      ? h('p', { class: 'muted' }, 'Not pruned (prune is off): ', e.plan.pruneSkipped.join(', '))
      : null);
}
