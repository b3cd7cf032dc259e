// Promotion chains (dev → staging → prod), drawn from the environments' promotion rules: each
// stage with its revision, health and how long since its last run, and between two stages the
// newest promotion into the next one (its state and pull request) with a Promote button. The
// server refuses a promotion to a viewer (403) and says why it refuses anything else.
import { h, fill, time, sha } from '../dom.js';
import { get, post, query, enc } from '../api.js';
import { statusBadge, healthBadge, errorMessage, toast, askReason } from '../ui.js';

export const nav = 'pipelines';
const LIMIT = 1000;
const STATE_TONE = {
  open: 'busy', merged: 'busy', diverged: 'warn', applied: 'ok', superseded: 'muted', failed: 'bad',
};

export async function render(main) {
  document.title = 'Pipelines · Driftless';
  const message = h('div', { 'aria-live': 'polite' });
  const chains = h('div', { class: 'pipelines' });
  main.append(h('h1', {}, 'Pipelines'), message, chains);

  async function load() {
    try {
      const [environments, promotions] = await Promise.all([
        get(query('/api/v1/environments', { limit: LIMIT })),
        get(query('/api/v1/promotions', { limit: LIMIT })),
      ]);
      const drawn = pipelines(environments.items);
      fill(chains, drawn.map((chain) => chainView(chain, promotions.items)));
      fill(message, drawn.length ? null : h('p', { class: 'empty' },
        'No pipeline: give an environment a promotion rule (promotion.from) to chain it to another.'));
    } catch (e) {
      fill(message, errorMessage(e));
    }
  }

  function chainView(chain, promotions) {
    const items = [];
    chain.forEach((env, i) => {
      if (i > 0) items.push(link(chain[i - 1], env, promotions));
      items.push(stage(env));
    });
    return h('section', { class: 'pipeline', 'aria-label': chain.map((e) => e.name).join(' → ') },
      h('ol', { class: 'stages' }, items));
  }

  function link(from, to, promotions) {
    const newest = promotions.find((p) => p.environment === to.name);
    const button = h('button', {
      type: 'button', class: 'promote', dataset: { into: to.name },
      onclick: () => promote(from, to),
    }, `Promote ${from.name} → ${to.name}`);
    return h('li', { class: 'link', dataset: { promotionInto: to.name } },
      h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      newest ? promotionView(newest) : h('p', { class: 'muted' }, 'No promotion yet'),
      button);
  }

  function promotionView(p) {
    return h('div', { class: 'promotion', dataset: { promotion: p.id, state: p.state } },
      h('span', { class: `badge ${STATE_TONE[p.state] || 'muted'}` }, p.state), ' ',
      sha(p.revision), ' ', time(p.createdAt),
      p.pullRequest ? ' ' : null,
      p.pullRequest ? h('a', { class: 'pull-request', href: p.pullRequest.url, rel: 'noopener' },
        `pull request #${p.pullRequest.number}`) : null,
      p.failure ? h('p', { class: 'failure' }, p.failure) : null);
  }

  async function promote(from, to) {
    const reason = await askReason({
      title: `Promote ${from.name} into ${to.name}`,
      action: 'Promote',
      description: `What ${from.name} applied healthily, by ${to.name}'s promotion rule`
        + ` (${to.promotion.via || 'pull-request'}).`,
    });
    if (!reason) return;
    try {
      const { data } = await post(`/api/v1/environments/${enc(to.name)}/promote`, { reason });
      toast(data.message);
    } catch (e) {
      toast(`Promote failed: ${e.message}`, 'bad');
    }
    await load();
  }

  await load();
}

function stage(env) {
  const state = env.state || {};
  return h('li', { class: 'stage', dataset: { environment: env.name } },
    h('a', { href: `/environments/${enc(env.name)}` }, env.name), ' ', statusBadge(env.status),
    h('dl', {},
      h('dt', {}, 'Revision'), h('dd', { class: 'revision' }, sha(state.syncedRevision)),
      h('dt', {}, 'Health'), h('dd', {}, healthBadge(state.health)),
      h('dt', {}, 'Last run'), h('dd', {}, time(env.lastRun && env.lastRun.finishedAt))));
}

/** Every chain from an environment that promotes but receives nothing, to each end of it. */
export function pipelines(environments) {
  const byName = new Map(environments.map((e) => [e.name, e]));
  const receivers = new Map();
  for (const e of environments) {
    const from = e.promotion && e.promotion.from;
    if (from && byName.has(from)) {
      if (!receivers.has(from)) receivers.set(from, []);
      receivers.get(from).push(e);
    }
  }
  const chains = [];
  const walk = (env, path) => {
    const next = (receivers.get(env.name) || []).filter((r) => !path.includes(r));
    if (!next.length) {
      if (path.length > 1) chains.push(path);
      return;
    }
    for (const r of next) walk(r, [...path, r]);
  };
  for (const e of environments) {
    const from = e.promotion && e.promotion.from;
    if (receivers.has(e.name) && !(from && byName.has(from))) walk(e, [e]);
  }
  return chains;
}
