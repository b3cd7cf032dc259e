// Register an environment (/register/environment) or change one (/environments/{name}/edit):
// source, ref and path, renderer, variables, target and sync policy. A change sends only the
// fields that changed (PATCH); sync windows, notification targets and ignore rules, which this form
// does not edit, are kept. The API's validation messages are shown beside the field they name.
import { h, fill } from '../dom.js';
import { get, call, query, enc } from '../api.js';
import { toast } from '../ui.js';
import { field, FieldErrors, command, changed, showWhen, lines, onSubmit } from '../forms.js';

export const nav = 'overview';

export async function render(main, [name], { navigate }) {
  const editing = Boolean(name);
  document.title = `${editing ? `Change ${name}` : 'Register an environment'} · Driftless`;
  const [current, sources] = await Promise.all([
    editing ? get(`/api/v1/environments/${enc(name)}`) : null,
    get(query('/api/v1/sources', { limit: 200 })),
  ]);
  const t = (current && current.target) || {};
  const s = (current && current.sync) || {};

  const nameField = field('name', 'Name', {
    attrs: { required: true, autocomplete: 'off', spellcheck: 'false', readonly: editing },
    help: editing ? 'An environment keeps its name.' : "Lower-case letters, digits and '-'.",
  });
  const source = field('source', 'Source', {
    tag: 'select', options: sources.items.map((x) => [x.name, `${x.name} — ${x.url}`]) });
  const ref = field('ref', 'Ref', { attrs: { required: true, spellcheck: 'false', placeholder: 'main' },
    help: 'A branch, a tag or a commit.' });
  const path = field('path', 'Path in the repository', { attrs: { spellcheck: 'false', placeholder: 'environments/prod' },
    help: 'Empty for the whole repository.' });
  const renderer = field('renderer', 'Renderer', {
    tag: 'select', options: [['files', 'Files as they are'], ['manifests', 'Kubernetes manifests'], ['command', 'A command']] });
  const renderCommand = command('renderCommand', 'Render command (its output is the manifests)', current && current.renderCommand);
  showWhen(renderCommand.el, () => renderer.input.value === 'command', renderer.input);
  const values = field('variables', 'Variables, one NAME=value per line', {
    tag: 'textarea', attrs: { rows: 3, spellcheck: 'false' }, help: 'Substituted as ${NAME}.' });
  const files = field('variables.files', 'Files they apply to (globs, one per line)', {
    tag: 'textarea', attrs: { rows: 2, spellcheck: 'false', placeholder: '*.conf' } });

  const type = field('target.type', 'Target', {
    tag: 'select', options: [['directory', 'A directory on the server'], ['kubernetes', 'A Kubernetes cluster']] });
  const root = field('target.root', 'Directory', { attrs: { spellcheck: 'false', placeholder: '/srv/driftless/prod' },
    help: 'An absolute path under a root the server allows.' });
  const postApply = command('target.postApply', 'After applying (e.g. reload a service)', t.postApply);
  const healthCheck = command('target.healthCheck', 'Health check', t.healthCheck);
  const kubeconfig = field('target.kubeconfig', 'Kubeconfig file on the server', {
    attrs: { spellcheck: 'false' }, help: 'Empty: the cluster the server runs in.' });
  const context = field('target.context', 'Context', { attrs: { spellcheck: 'false' } });
  const namespace = field('target.namespace', 'Namespace', { attrs: { spellcheck: 'false', placeholder: 'default' } });
  const force = field('target.forceConflicts', 'Take over fields other managers own (force conflicts)', { attrs: { type: 'checkbox' } });
  const propagation = field('target.prunePropagation', 'Prune propagation', {
    tag: 'select', options: [['', 'Default (foreground)'], ['foreground', 'Foreground'], ['background', 'Background'], ['orphan', 'Orphan']] });
  const healthTimeout = field('target.healthTimeout', 'Health timeout', { attrs: { placeholder: '1m' } });
  const directoryGroup = h('div', {}, root.el, postApply.el, healthCheck.el);
  const kubernetesGroup = h('div', {}, kubeconfig.el, context.el, namespace.el, force.el, propagation.el);
  showWhen(directoryGroup, () => type.input.value === 'directory', type.input);
  showWhen(kubernetesGroup, () => type.input.value === 'kubernetes', type.input);

  const auto = field('sync.auto', 'Apply new commits automatically (auto-sync)', { attrs: { type: 'checkbox' } });
  const prune = field('sync.prune', 'Delete what left Git (prune)', { attrs: { type: 'checkbox' } });
  const selfHeal = field('sync.selfHeal', 'Revert changes made by hand (self-heal)', { attrs: { type: 'checkbox' } });
  const autoRollback = field('sync.autoRollback', 'Roll back when health fails', { attrs: { type: 'checkbox' } });
  const schedule = field('sync.schedule', 'Check', {
    tag: 'select', options: [['interval', 'Every interval'], ['cron', 'On a cron schedule']] });
  const interval = field('sync.interval', 'Interval', { attrs: { placeholder: '3m' } });
  const cron = field('sync.cron', 'Cron (Quartz: seconds minutes hours day month weekday)', {
    attrs: { spellcheck: 'false', placeholder: '0 */5 * * * ?' } });
  const zone = field('sync.timeZone', 'Time zone', { attrs: { spellcheck: 'false', placeholder: 'UTC' } });
  showWhen(interval.el, () => schedule.input.value === 'interval', schedule.input);
  showWhen(cron.el, () => schedule.input.value === 'cron', schedule.input);
  showWhen(zone.el, () => schedule.input.value === 'cron', schedule.input);

  // Fill in what is registered (or the defaults).
  if (current) {
    nameField.input.value = current.name;
    source.input.value = current.source;
    ref.input.value = current.ref;
    path.input.value = current.path || '';
    renderer.input.value = current.renderer || 'files';
    const v = current.variables || {};
    values.input.value = Object.entries(v.values || {}).map(([k, x]) => `${k}=${x}`).join('\n');
    files.input.value = (v.files || []).join('\n');
    type.input.value = t.type || 'directory';
    root.input.value = t.root || '';
    kubeconfig.input.value = t.kubeconfig || '';
    context.input.value = t.context || '';
    namespace.input.value = t.namespace || '';
    force.input.checked = t.forceConflicts !== false;
    propagation.input.value = t.prunePropagation || '';
    healthTimeout.input.value = t.healthTimeout || '';
    auto.input.checked = Boolean(s.auto);
    prune.input.checked = Boolean(s.prune);
    selfHeal.input.checked = Boolean(s.selfHeal);
    autoRollback.input.checked = Boolean(s.autoRollback);
    schedule.input.value = s.cron ? 'cron' : 'interval';
    interval.input.value = s.interval || '';
    cron.input.value = s.cron || '';
    zone.input.value = s.timeZone || '';
  } else {
    auto.input.checked = true;
    force.input.checked = true;
    ref.input.value = 'main';
  }
  for (const select of [renderer, type, schedule]) select.input.dispatchEvent(new Event('change'));

  const summary = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save changes' : 'Register');
  const kept = current ? keptNote(current) : null;
  const form = h('form', { class: 'edit', novalidate: true },
    summary,
    nameField.el,
    h('fieldset', { class: 'group' }, h('legend', {}, 'What to keep in sync'), source.el, ref.el, path.el),
    h('fieldset', { class: 'group' }, h('legend', {}, 'Rendering'), renderer.el, renderCommand.el, values.el, files.el),
    h('fieldset', { class: 'group' }, h('legend', {}, 'Where'), type.el, directoryGroup, kubernetesGroup, healthTimeout.el),
    h('fieldset', { class: 'group' }, h('legend', {}, 'Sync policy'),
      auto.el, prune.el, selfHeal.el, autoRollback.el, schedule.el, interval.el, cron.el, zone.el),
    kept,
    h('div', { class: 'buttons' },
      h('a', { href: editing ? `/environments/${enc(name)}` : '/', class: 'button quiet' }, 'Cancel'), submit));
  const errors = new FieldErrors(form, summary);

  function body() {
    const text = (f) => f.input.value.trim() || null;
    const b = {
      name: nameField.input.value.trim(),
      source: source.input.value,
      ref: ref.input.value.trim(),
      path: path.input.value.trim(),
      renderer: renderer.input.value,
      renderCommand: renderer.input.value === 'command' ? renderCommand.value() : null,
      variables: { values: variables(values.input.value), files: lines(files.input.value) },
    };
    b.target = type.input.value === 'directory'
      ? { type: 'directory', root: text(root), postApply: postApply.value(), healthCheck: healthCheck.value(),
        healthTimeout: text(healthTimeout) }
      : { type: 'kubernetes', kubeconfig: text(kubeconfig), context: text(context), namespace: text(namespace),
        forceConflicts: force.input.checked, prunePropagation: propagation.input.value || null,
        healthTimeout: text(healthTimeout) };
    b.sync = {
      auto: auto.input.checked, prune: prune.input.checked, selfHeal: selfHeal.input.checked,
      autoRollback: autoRollback.input.checked,
      interval: schedule.input.value === 'interval' ? text(interval) : null,
      cron: schedule.input.value === 'cron' ? text(cron) : null,
      timeZone: schedule.input.value === 'cron' ? text(zone) : null,
      windows: s.windows || [],
    };
    return b;
  }
  const original = editing ? body() : null;

  onSubmit(form, submit, errors, async () => {
    const b = body();
    if (b.variables.values instanceof Error) throw b.variables.values;
    if (editing) {
      const patch = changed(original, b);
      delete patch.name;
      // The renderer and its command are checked together.
      if ('renderer' in patch || 'renderCommand' in patch) {
        patch.renderer = b.renderer;
        patch.renderCommand = b.renderCommand;
      }
      await call(`/api/v1/environments/${enc(name)}`, { method: 'PATCH', body: patch });
      toast(`Environment ${name} changed.`);
      navigate(`/environments/${enc(name)}`);
    } else {
      await call('/api/v1/environments', { method: 'POST', body: b });
      toast(`Environment ${b.name} registered.`);
      navigate(`/environments/${enc(b.name)}`);
    }
  });

  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '/' }, 'Environments'), ' / ',
      editing ? [h('a', { href: `/environments/${enc(name)}` }, name), ' / Change'] : 'Register'),
    h('h1', {}, editing ? `Change environment ${name}` : 'Register an environment'),
    form);
  (editing ? ref : nameField).input.focus();
}

/** NAME=value lines as an object; an Error naming the field when a line is not NAME=value. */
function variables(text) {
  const values = {};
  for (const line of lines(text)) {
    const eq = line.indexOf('=');
    if (eq <= 0) {
      const e = new Error(`variables: each line is NAME=value, not "${line}"`);
      e.details = { field: 'variables' };
      return e;
    }
    values[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return values;
}

/** What this form leaves as it is: sync windows, notification targets, ignore rules. */
function keptNote(current) {
  const parts = [];
  const windows = (current.sync && current.sync.windows) || [];
  if (windows.length) parts.push(`${windows.length} sync window${windows.length === 1 ? '' : 's'}`);
  const targets = current.notifications || [];
  if (targets.length) {
    parts.push(`notifications to ${targets.map((n) => `${n.type} at ${n.host}`).join(', ')}`);
  }
  if ((current.ignore || []).length) parts.push(`${current.ignore.length} ignore rule${current.ignore.length === 1 ? '' : 's'}`);
  if (!parts.length) return null;
  return fill(h('p', { class: 'muted' }), `Kept as they are (change them with the CLI or the API): ${parts.join('; ')}.`);
}
