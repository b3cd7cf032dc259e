// Form pieces shared by the registration and change pages: labelled fields that know which API
// field they carry, so an error answer ({code, message, details: {field}}) is shown beside the
// field that caused it.
import { h, fill } from './dom.js';

let counter = 0;

/**
 * A labelled field: {el, input, error}. `name` is the API's field ("target.root"); the input is
 * built from `attrs` (tag 'input' unless `tag` says otherwise), or given as `input`.
 */
export function field(name, label, { tag = 'input', input, help, attrs = {}, options } = {}) {
  const id = `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}-${++counter}`;
  const errorId = `${id}-error`;
  const helpId = help ? `${id}-help` : null;
  const control = input || h(tag, { id, name, ...attrs },
    options ? options.map(([value, text]) => h('option', { value }, text)) : null);
  control.id = id;
  control.dataset.field = name;
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  control.setAttribute('aria-describedby', [helpId, errorId].filter(Boolean).join(' '));
  const checkbox = control.type === 'checkbox';
  const el = h('div', { class: checkbox ? 'field check' : 'field', dataset: { for: name } },
    checkbox ? [control, h('label', { for: id }, label)] : [h('label', { for: id }, label), control],
    help ? h('p', { id: helpId, class: 'muted small help' }, help) : null,
    error);
  return { el, input: control, error };
}

/**
 * The errors of one form: the API's message goes beside the field its details name (or the
 * nearest enclosing one: "target.postApply.argv" beside "target.postApply"), else at the top.
 */
export class FieldErrors {
  constructor(form, summary) {
    this.form = form;
    this.summary = summary;
  }

  clear() {
    for (const p of this.form.querySelectorAll('.field-error')) {
      p.hidden = true;
      p.textContent = '';
    }
    for (const c of this.form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
    fill(this.summary);
  }

  /** Shows an ApiError; returns the control it was put beside, if any. */
  show(e) {
    this.clear();
    const name = e.details && e.details.field;
    const control = name ? this.control(name) : null;
    if (control) {
      const error = document.getElementById(`${control.id}-error`);
      error.textContent = e.message;
      error.hidden = false;
      control.setAttribute('aria-invalid', 'true');
      if (!control.closest('[hidden]')) control.focus();
      fill(this.summary, h('p', { class: 'error', role: 'alert' },
        'The server refused this: see ', h('a', { href: `#${control.id}` }, labelOf(control)), '.'));
      return control;
    }
    fill(this.summary, h('p', { class: 'error', role: 'alert' }, e.message));
    return null;
  }

  control(name) {
    const controls = [...this.form.querySelectorAll('[data-field]')];
    for (let n = name; n; n = parent(n)) {
      const found = controls.find((c) => c.dataset.field === n);
      if (found) return found;
    }
    return null;
  }
}

/** "target.postApply.argv" → "target.postApply"; "notifications[1].url" → "notifications[1]". */
function parent(name) {
  const m = /^(.*)(\.[^.[\]]+|\[\d+\])$/.exec(name);
  return m ? m[1] : '';
}

function labelOf(control) {
  const label = control.id && document.querySelector(`label[for="${control.id}"]`);
  return label ? label.textContent : control.dataset.field;
}

/** Lines of a textarea, trimmed, blank ones dropped. */
export function lines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Shows `el` only while `when()` holds, re-checked whenever one of `controls` changes. */
export function showWhen(el, when, ...controls) {
  const update = () => { el.hidden = !when(); };
  for (const c of controls) c.addEventListener('change', update);
  update();
  return update;
}

/** What differs between two bodies, top-level field by field (for a PATCH). */
export function changed(original, current) {
  const patch = {};
  for (const [key, value] of Object.entries(current)) {
    if (JSON.stringify(value) !== JSON.stringify(original[key])) patch[key] = value;
  }
  return patch;
}

/** A source's kind of credentials as shown: a named credential by its name. */
export function authLabel(type, credential) {
  return credential ? `credential ${credential}` : type;
}

/**
 * Git credentials, write-only: {el, value()} where value() is the API's GitAuthBody, or undefined
 * when editing and "keep" is chosen. `prefix` is the API field ("auth", "writeAuth").
 */
export function credentials(prefix, legend, { current = null } = {}) {
  const types = [['none', 'None'], ['token', 'Token (HTTPS)'], ['basic', 'User name and password'], ['ssh', 'SSH key'],
    ['credential', 'A named credential']];
  if (current) types.unshift(['keep', `Keep what is set (${current})`]);
  const type = field(`${prefix}.type`, 'Kind', { tag: 'select', options: types });
  const username = field(`${prefix}.username`, 'User name', { attrs: { autocomplete: 'off' } });
  const token = field(`${prefix}.token`, 'Token', { attrs: { type: 'password', autocomplete: 'new-password' } });
  const password = field(`${prefix}.password`, 'Password', { attrs: { type: 'password', autocomplete: 'new-password' } });
  const privateKey = field(`${prefix}.privateKey`, 'Private key (PEM or OpenSSH)', {
    tag: 'textarea', attrs: { rows: 4, spellcheck: 'false', autocomplete: 'off' } });
  const passphrase = field(`${prefix}.passphrase`, 'Passphrase', { attrs: { type: 'password', autocomplete: 'new-password' } });
  const knownHosts = field(`${prefix}.knownHosts`, 'Known hosts (pinned host keys)', {
    tag: 'textarea', attrs: { rows: 2, spellcheck: 'false' } });
  const credential = field(`${prefix}.credential`, 'Credential name', {
    attrs: { autocomplete: 'off', spellcheck: 'false' },
    help: 'A token, basic or ssh-key credential from the Credentials page; an SSH key also needs known hosts.' });
  const is = (...kinds) => () => kinds.includes(type.input.value);
  showWhen(username.el, is('token', 'basic'), type.input);
  showWhen(token.el, is('token'), type.input);
  showWhen(password.el, is('basic'), type.input);
  for (const f of [privateKey, passphrase]) showWhen(f.el, is('ssh'), type.input);
  showWhen(knownHosts.el, is('ssh', 'credential'), type.input);
  showWhen(credential.el, is('credential'), type.input);
  const el = h('fieldset', { class: 'group' }, h('legend', {}, legend),
    h('p', { class: 'muted small' }, 'Stored encrypted and never shown again.'),
    type.el, username.el, token.el, password.el, privateKey.el, passphrase.el, credential.el, knownHosts.el);
  return {
    el,
    value() {
      const kind = type.input.value;
      if (kind === 'keep') return undefined;
      if (kind === 'none') return current ? { type: 'none' } : undefined;
      const body = { type: kind };
      const put = (key, f) => { if (f.input.value) body[key] = f.input.value; };
      if (kind === 'token' || kind === 'basic') put('username', username);
      if (kind === 'token') put('token', token);
      if (kind === 'basic') put('password', password);
      if (kind === 'ssh') {
        put('privateKey', privateKey);
        put('passphrase', passphrase);
      }
      if (kind === 'credential') put('credential', credential);
      if (kind === 'ssh' || kind === 'credential') put('knownHosts', knownHosts);
      return body;
    },
  };
}

/**
 * A command on the server host (post-apply, health check, render command): argv one argument per
 * line (a single line of plain words runs as it is, one with shell syntax through /bin/sh -c), and
 * a timeout; the server runs it only when its commands setting allows the program. value() is the
 * API's CommandBody or null when empty.
 */
export function command(prefix, legend, current) {
  const argv = field(`${prefix}.argv`, 'Command, one argument per line', {
    tag: 'textarea', attrs: { rows: 2, spellcheck: 'false' },
    help: 'Runs only if the server\'s commands setting allows the program. A single line with'
      + ' shell syntax runs through /bin/sh -c.' });
  const timeout = field(`${prefix}.timeout`, 'Timeout', { attrs: { placeholder: '30s' } });
  argv.input.dataset.field = prefix; // an error about the command as a whole lands here too
  if (current) {
    argv.input.value = (current.argv || []).join('\n');
    timeout.input.value = current.timeout || '';
  }
  const el = h('fieldset', { class: 'group' }, h('legend', {}, legend), argv.el, timeout.el);
  return {
    el,
    value() {
      const args = lines(argv.input.value);
      if (!args.length) return null;
      return { argv: args, timeout: timeout.input.value.trim() || null };
    },
  };
}

/**
 * Runs action() when the form is submitted: the submit button is disabled meanwhile, and enabled
 * again, with the errors shown, when it fails.
 */
export function onSubmit(form, submit, errors, action) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await action();
    } catch (err) {
      errors.show(err);
      submit.disabled = false;
    }
  });
}
