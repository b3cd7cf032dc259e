// What differs between what two runs of an environment applied (GET /runs/{a}/compare/{b}):
// each resource added, removed or changed, with its coloured diff.
import { h, fill, time, sha } from '../dom.js';
import { get, enc } from '../api.js';
import { runBadge, diffView, fact } from '../ui.js';

export const nav = 'overview';

export async function render(main, [a, b]) {
  document.title = `Compare runs #${a} and #${b} · Driftless`;
  const [from, to, compared] = await Promise.all([
    get(`/api/v1/runs/${enc(a)}`),
    get(`/api/v1/runs/${enc(b)}`),
    get(`/api/v1/runs/${enc(a)}/compare/${enc(b)}`),
  ]);
  const env = from.environment;
  document.title = `Compare runs #${a} and #${b} · ${env} · Driftless`;
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const r of compared.resources) counts[r.change] = (counts[r.change] || 0) + 1;

  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: '/' }, 'Environments'), ' / ', h('a', { href: `/environments/${enc(env)}` }, env), ' / Compare'),
    h('h1', {}, `Compare run #${compared.from} with #${compared.to}`),
    h('dl', { class: 'facts', id: 'compared' },
      fact('From', runFact(from, compared.fromRevision)),
      fact('To', runFact(to, compared.toRevision)),
      env !== to.environment ? fact('Note', `run #${to.id} is of environment ${to.environment}`) : null,
      fact('Differences', compared.resources.length
        ? `${counts.changed} changed, ${counts.added} added, ${counts.removed} removed`
        : 'none')),
    compared.resources.length
      ? h('section', { 'aria-labelledby': 'differences-title' },
        h('h2', { id: 'differences-title' }, 'Resources'),
        h('div', { id: 'differences' }, compared.resources.map((r) =>
          h('details', { class: 'change', open: true, dataset: { key: r.key, change: r.change } },
            h('summary', {}, h('span', { class: `action ${ACTION[r.change] || ''}` }, r.change), ' ', h('code', {}, r.key)),
            r.diff === null && r.change === 'changed'
              ? h('p', { class: 'muted' }, 'The content differs (not shown: binary or sensitive).')
              : diffView(r.diff)))))
      : h('p', { class: 'empty' }, 'The two runs applied the same content.'));
}

const ACTION = { added: 'create', removed: 'delete', changed: 'update' };

function runFact(run, revision) {
  return fill(h('span', {}),
    h('a', { href: `/runs/${run.id}` }, `#${run.id}`), ' ', runBadge(run.status), ' at ', sha(revision), ' ',
    time(run.finishedAt || run.startedAt || run.createdAt));
}
