// One environment: its status, the diff between Git and live now, the operator's actions, and the
// run history (a rollback button on each successful run).
import { h, fill, time, sha, duration, refreshTimes, words, table, hidden } from '../dom.js';
import { get, post, query, enc } from '../api.js';
import { onEvent } from '../events.js';
import {
  statusBadge, runBadge, healthBadge, errorMessage, toast, askReason, changeView, fact, Pager,
} from '../ui.js';

export const nav = 'overview';
const RUNS_PAGE = 20;

export async function render(main, [name], { navigate }) {
  document.title = `${name} · Driftless`;
  const base = `/api/v1/environments/${enc(name)}`;
  const header = h('div', {});
  const hostsSection = h('section', { id: 'hosts', 'aria-labelledby': 'hosts-title', hidden: true });
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Actions' });
  const activity = h('p', { id: 'activity', class: 'activity', 'aria-live': 'polite' });
  const diff = h('div', { id: 'live-diff' });
  const runsBody = h('tbody', {});
  const runsMessage = h('div', {});
  const pager = new Pager(() => loadRuns());
  // Two successful runs picked in the history are compared (what each applied).
  const picked = new Set();
  const compare = h('button', { type: 'button', id: 'compare', disabled: true, onclick: () => {
    const [a, b] = [...picked].sort((x, y) => x - y);
    navigate(`/runs/${a}/compare/${b}`);
  } }, 'Compare selected runs');
  const compareHelp = h('span', { id: 'compare-help', class: 'muted small' }, 'Pick two successful runs to compare what they applied.');
  function updateCompare() {
    compare.disabled = picked.size !== 2;
    compareHelp.textContent = picked.size === 2
      ? `Runs #${[...picked].sort((x, y) => x - y).join(' and #')} picked.`
      : 'Pick two successful runs to compare what they applied.';
  }

  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '/' }, 'Environments'), ' / ', name),
    header,
    actions,
    activity,
    hostsSection,
    h('section', { 'aria-labelledby': 'diff-title' },
      h('div', { class: 'title' },
        h('h2', { id: 'diff-title' }, 'Git vs live now'),
        h('button', { type: 'button', class: 'quiet', onclick: () => loadDiff() }, 'Refresh')),
      diff),
    h('section', { 'aria-labelledby': 'runs-title' },
      h('h2', { id: 'runs-title' }, 'Runs'),
      runsMessage,
      h('div', { class: 'actions compare' }, compare, compareHelp),
      h('div', { class: 'scroll' }, table({ class: 'runs' },
        [hidden('Compare'), 'Run', 'Status', 'Trigger', 'Revision', 'Changes', 'Started', 'Took',
          hidden('Actions')],
        runsBody)),
      pager.el));

  let env = null;

  async function loadEnvironment() {
    env = await get(base);
    const s = env.state || {};
    fill(header,
      h('div', { class: 'title' }, h('h1', {}, env.name), statusBadge(env.status)),
      h('dl', { class: 'facts' },
        fact('Source', h('a', { href: '/sources' }, env.source)),
        fact('Ref', h('code', {}, env.ref)),
        fact('Path', h('code', {}, env.path || '/')),
        fact('Renderer', env.renderer || '—'),
        fact('Target', targetText(env.target)),
        scopeFacts(env.target),
        fact('Synced revision', sha(s.syncedRevision)),
        fact('Head revision', sha(s.headRevision)),
        env.commit ? fact('Commit', h('span', {}, env.commit.message,
          h('span', { class: 'muted' }, ` — ${env.commit.author}`), ' ', time(env.commit.at))) : null,
        fact('Health', healthBadge(s.health)),
        fact('Drift', s.drift ? h('span', { class: 'badge warn' }, 'drift') : 'none'),
        s.pinnedRevision
          ? fact('Pinned', h('span', { id: 'pin' }, h('span', { class: 'badge pin' }, 'pinned'), ' at ', sha(s.pinnedRevision),
            s.pinnedByAutoRollback ? ' (automatic rollback: released by the next commit)' : ' until unpinned'))
          : null,
        fact('Auto-sync', env.sync && env.sync.auto ? 'on' : 'off'),
        fact('Last checked', time(s.lastCheckedAt))));
    renderHosts(env.hosts);
    fill(actions,
      button('Sync', 'primary', () => sync(false)),
      button('Dry run', '', () => sync(true)),
      s.suspended
        ? button('Resume', '', () => reasoned('resume', 'Resume', 'Resume syncing this environment'))
        : button('Suspend', '', () => reasoned('suspend', 'Suspend', 'Suspend: nothing is applied until resumed')),
      s.pinnedRevision ? button('Unpin', '', () => reasoned('unpin', 'Unpin', 'Unpin: follow the ref again')) : null,
      h('a', { href: `/environments/${enc(name)}/edit`, class: 'button quiet', id: 'edit' }, 'Change'));
  }

  // An ssh target's hosts, each with its state after the last run or check and the revision
  // last applied there in full.
  function renderHosts(hosts) {
    hostsSection.hidden = !hosts;
    if (!hosts) {
      fill(hostsSection);
      return;
    }
    fill(hostsSection,
      h('h2', { id: 'hosts-title' }, 'Hosts'),
      h('p', { id: 'hosts-summary' }, `${hosts.synced} synced, ${hosts.drifted} drifted, `
        + `${hosts.outOfSync} out of sync, ${hosts.failed} failed`),
      h('div', { class: 'scroll' }, table({ class: 'hosts' }, ['Host', 'State', 'Revision'],
        h('tbody', {}, Object.entries(hosts.states).map(([host, state]) => {
          const revision = (hosts.revisions || {})[host];
          return h('tr', { dataset: { host, state } },
            h('th', { scope: 'row' }, h('code', {}, host)),
            h('td', {}, statusBadge(state)),
            h('td', {}, revision ? h('code', { title: revision }, revision.slice(0, 8)) : '-'));
        })))));
  }

  async function loadDiff() {
    fill(diff, h('p', { class: 'muted' }, 'Computing what Git would change live…'));
    try {
      const plan = await get(`${base}/diff`);
      fill(diff,
        h('p', {}, 'At ', sha(plan.revision), ': ', plan.summary),
        plan.changes.length === 0 ? h('p', { class: 'empty' }, 'Live matches Git: nothing to apply.') : null,
        plan.changes.map((c) => changeView(c)),
        plan.drifted.length ? h('p', {}, 'Drifted: ', plan.drifted.join(', ')) : null,
        plan.pruneSkipped.length ? h('p', { class: 'muted' }, 'Not pruned (prune is off): ', plan.pruneSkipped.join(', ')) : null);
    } catch (e) {
      fill(diff, errorMessage(e));
    }
  }

  async function loadRuns() {
    try {
      const page = await get(query(`${base}/runs`, { cursor: pager.cursor, limit: RUNS_PAGE }));
      fill(runsBody, page.items.map(runRow));
      fill(runsMessage, page.items.length ? null : h('p', { class: 'empty' }, 'No run yet.'));
      pager.update(page.nextCursor, page.items.length);
    } catch (e) {
      fill(runsMessage, errorMessage(e));
    }
  }

  function runRow(r) {
    const took = r.startedAt && r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.startedAt) : null;
    const c = r.counts || {};
    const comparable = r.status === 'succeeded';
    const pick = comparable ? h('input', {
      type: 'checkbox', 'data-compare': r.id, checked: picked.has(r.id), 'aria-label': `Compare run ${r.id}`,
      'aria-describedby': 'compare-help',
      onchange: (e) => {
        if (e.target.checked) picked.add(r.id);
        else picked.delete(r.id);
        updateCompare();
      },
    }) : null;
    return h('tr', { dataset: { run: r.id, status: r.status, trigger: r.trigger ? r.trigger.type : '' } },
      h('td', { class: 'pick' }, pick),
      h('th', { scope: 'row' }, h('a', { href: `/runs/${r.id}` }, `#${r.id}`),
        r.rollbackOf ? h('div', { class: 'muted small' }, `rollback to #${r.rollbackOf}`) : null),
      h('td', {}, runBadge(r.status)),
      h('td', {}, r.trigger ? [words(r.trigger.type), r.trigger.actor ? h('div', { class: 'muted small' }, r.trigger.actor) : null] : '—'),
      h('td', {}, sha(r.revision)),
      h('td', {}, counts(c)),
      h('td', {}, time(r.startedAt || r.createdAt)),
      h('td', {}, duration(took)),
      h('td', {}, r.status === 'succeeded' && r.revision
        ? h('button', { type: 'button', class: 'quiet', 'data-rollback': r.id, onclick: () => rollback(r) },
          'Roll back', hidden(` to run ${r.id}`))
        : null));
  }

  async function act(label, fn) {
    for (const b of actions.querySelectorAll('button')) b.disabled = true;
    try {
      await fn();
    } catch (e) {
      toast(`${label} failed: ${e.message}`, 'bad');
      activity.textContent = `${label} failed: ${e.message}`;
    } finally {
      await refresh();
    }
  }

  const watched = new Set();
  function sync(dryRun) {
    return act(dryRun ? 'Dry run' : 'Sync', async () => {
      const { data } = await post(`${base}/sync`, dryRun ? { dryRun: true } : {});
      watched.add(data.run);
      activity.textContent = `${dryRun ? 'Dry run' : 'Sync'} queued as run #${data.run}${data.coalesced ? ' (joined a waiting run)' : ''}.`;
      toast(activity.textContent);
    });
  }

  async function reasoned(action, label, title) {
    const reason = await askReason({ title, action: label });
    if (!reason) return;
    await act(label, async () => {
      const { data } = await post(`${base}/${action}`, { reason });
      // Unpin and resume answer with the run that follows Git at once, or why there is none.
      const sync = data && data.sync;
      let then = '';
      if (sync && sync.queued) {
        watched.add(sync.run);
        then = ` Run #${sync.run} queued.`;
      } else if (sync) {
        then = ` No run queued: ${sync.message}.`;
      }
      activity.textContent = `${label}: done.${then}`;
      toast(activity.textContent);
    });
  }

  async function rollback(r) {
    const reason = await askReason({
      title: `Roll back ${name} to run #${r.id}`,
      description: `The environment is pinned to ${r.revision.slice(0, 7)} and synced at once; it stays pinned until unpinned.`,
      action: 'Roll back',
      danger: true,
    });
    if (!reason) return;
    await act('Rollback', async () => {
      const { data } = await post(`${base}/rollback`, { toRun: r.id, reason });
      watched.add(data.run);
      activity.textContent = `Rollback to run #${r.id} queued as run #${data.run}.`;
      toast(activity.textContent);
    });
  }

  async function refresh() {
    try {
      await loadEnvironment();
    } catch (e) {
      fill(header, errorMessage(e));
    }
    await loadRuns();
    refreshTimes(main);
  }

  await loadEnvironment();
  await Promise.all([loadRuns(), loadDiff()]);

  // Live: phases of this environment's runs as they happen, then a refresh when one finishes.
  let timer = null;
  const off = onEvent((event) => {
    if (event.environment !== name) return;
    if (event.type === 'run.started') {
      activity.textContent = `Run #${event.run} started.`;
    } else if (event.type === 'run.phase') {
      activity.textContent = `Run #${event.run}: ${words(event.phase)} done in ${duration(Math.round((event.seconds || 0) * 1000))}.`;
    } else if (event.type === 'run.finished') {
      activity.textContent = `Run #${event.run} ${words(event.status)}${event.error ? `: ${event.error}` : ''}.`;
      watched.delete(event.run);
    } else if (event.type === 'drift.found') {
      activity.textContent = `Drift found: ${(event.drifted || []).join(', ')}.`;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      refresh();
      if (event.type === 'run.finished' || event.type === 'drift.found') loadDiff();
    }, 200);
  });
  return () => {
    off();
    clearTimeout(timer);
  };
}

function button(label, cls, onclick) {
  return h('button', { type: 'button', class: cls, onclick }, label);
}

function counts(c) {
  const parts = [];
  if (c.creates) parts.push(h('span', { class: 'add' }, `+${c.creates}`));
  if (c.updates) parts.push(h('span', { class: 'upd' }, `~${c.updates}`));
  if (c.deletes) parts.push(h('span', { class: 'del' }, `−${c.deletes}`));
  if (c.failed) parts.push(h('span', { class: 'bad' }, `${c.failed} failed`));
  return parts.length ? h('span', { class: 'counts' }, parts.flatMap((p) => [p, ' '])) : h('span', { class: 'muted' }, 'none');
}

function targetText(target) {
  if (!target) return '—';
  if (target.type === 'directory') return h('span', {}, 'directory ', h('code', {}, target.root || ''));
  if (target.type === 'kubernetes') {
    return h('span', {}, 'kubernetes ', h('code', {}, target.context || (target.kubeconfig ? 'current context' : 'in-cluster')),
      ', namespace ', h('code', {}, target.namespace || 'default'));
  }
  if (target.type === 'ssh') {
    const hosts = target.hosts || [];
    return h('span', {}, 'ssh ', h('code', {}, target.root || ''), ` on ${hosts.length} ${hosts.length === 1 ? 'host' : 'hosts'}: `,
      codes(hosts));
  }
  if (target.type === 'driftless') return 'driftless (the registry)';
  return target.type;
}

// A config environment's scope, set by an admin and never by its documents: what the
// documents may use, and what a retirement does to an environment's files.
function scopeFacts(target) {
  if (!target || target.type !== 'driftless') return null;
  const scope = target.scope || {};
  const listed = (id, items, otherwise) => h('span', { id },
    items == null ? otherwise : (items.length ? codes(items) : 'none'));
  return [
    fact('Scope: sources', listed('scope-sources', scope.sources, 'every source')),
    fact('Scope: roots', listed('scope-roots', scope.roots, 'the server\'s allowed roots')),
    fact('Scope: namespaces', listed('scope-namespaces', scope.namespaces, 'any')),
    fact('Scope: commands', h('span', { id: 'scope-commands' },
      scope.commands ? 'allowed (the server\'s command policy applies)' : 'not allowed')),
    fact('Deletion', h('span', { id: 'scope-deletion' }, target.deletion === 'cascade'
      ? 'cascade: a retired environment\'s files are pruned, as a run of it'
      : 'orphan: a retired environment\'s files stay')),
  ];
}

function codes(items) {
  return items.flatMap((x, i) => (i ? [', ', h('code', {}, x)] : [h('code', {}, x)]));
}
