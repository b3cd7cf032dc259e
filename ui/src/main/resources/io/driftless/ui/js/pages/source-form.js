// Register a source (/register/source) or change one (/sources/{name}/edit): URL, credentials
// (write-only), webhook secret, signature policy. The API's validation messages are shown beside
// the field they name.
import { h } from '../dom.js';
import { get, call, enc } from '../api.js';
import { toast } from '../ui.js';
import { field, FieldErrors, credentials, authLabel, changed, showWhen, onSubmit } from '../forms.js';

export const nav = 'sources';
const KEY_END = '-----END PGP PUBLIC KEY BLOCK-----';

export async function render(main, [name], { navigate }) {
  const editing = Boolean(name);
  document.title = `${editing ? `Change ${name}` : 'Register a source'} · Driftless`;
  const current = editing ? await get(`/api/v1/sources/${enc(name)}`) : null;

  const nameField = field('name', 'Name', {
    attrs: { required: true, autocomplete: 'off', spellcheck: 'false', readonly: editing },
    help: editing ? 'A source keeps its name.' : "Lower-case letters, digits and '-'.",
  });
  const url = field('url', 'Repository URL', {
    attrs: { required: true, autocomplete: 'off', spellcheck: 'false', placeholder: 'https://git.example.com/team/config.git' },
    help: 'Credentials go below, never in the URL.',
  });
  const auth = credentials('auth', 'Read credentials', {
    current: current && current.authType !== 'none' ? authLabel(current.authType, current.authCredential) : null });
  const writeAuth = credentials('writeAuth', 'Write credentials (restore commits, promotions)', {
    current: current && current.writeAuthType ? authLabel(current.writeAuthType, current.writeAuthCredential) : null });
  const secret = field('webhookSecret', 'Webhook secret', {
    attrs: { type: 'password', autocomplete: 'new-password' },
    help: editing
      ? `Now ${current.hasWebhookSecret ? 'set' : 'not set'}. Leave empty to keep it as it is.`
      : 'Push events for this repository must be signed with it.',
  });
  const removeSecret = editing && current.hasWebhookSecret
    ? field('webhookSecret.remove', 'Remove the webhook secret', { attrs: { type: 'checkbox' } }) : null;
  const mode = field('verify.mode', 'Signed commits', {
    tag: 'select', options: [['none', 'Not required'], ['head', 'Required: the head must be signed by a trusted key']] });
  const keys = field('verify.trustedKeys', 'Trusted keys (ASCII-armored OpenPGP public keys)', {
    tag: 'textarea', attrs: { rows: 5, spellcheck: 'false' } });
  showWhen(keys.el, () => mode.input.value === 'head', mode.input);

  if (current) {
    nameField.input.value = current.name;
    url.input.value = current.url;
    mode.input.value = (current.verify && current.verify.mode) || 'none';
    keys.input.value = ((current.verify && current.verify.trustedKeys) || []).join('\n');
    mode.input.dispatchEvent(new Event('change'));
  }

  const summary = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save changes' : 'Register');
  const form = h('form', { class: 'edit', novalidate: true },
    summary,
    nameField.el, url.el, auth.el, writeAuth.el,
    h('fieldset', { class: 'group' }, h('legend', {}, 'Webhook'), secret.el, removeSecret ? removeSecret.el : null),
    h('fieldset', { class: 'group' }, h('legend', {}, 'Signature policy'), mode.el, keys.el),
    h('div', { class: 'buttons' },
      h('a', { href: '/sources', class: 'button quiet' }, 'Cancel'), submit));
  const errors = new FieldErrors(form, summary);

  function body() {
    const b = { name: nameField.input.value.trim(), url: url.input.value.trim() };
    const a = auth.value();
    if (a !== undefined) b.auth = a;
    const w = writeAuth.value();
    if (w !== undefined) b.writeAuth = w;
    if (removeSecret && removeSecret.input.checked) b.webhookSecret = '';
    else if (secret.input.value) b.webhookSecret = secret.input.value;
    b.verify = { mode: mode.input.value, trustedKeys: mode.input.value === 'head' ? splitKeys(keys.input.value) : [] };
    return b;
  }
  const original = editing ? body() : null;

  onSubmit(form, submit, errors, async () => {
    if (editing) {
      const patch = changed(original, body());
      delete patch.name;
      await call(`/api/v1/sources/${enc(name)}`, { method: 'PATCH', body: patch });
      toast(`Source ${name} changed.`);
    } else {
      await call('/api/v1/sources', { method: 'POST', body: body() });
      toast(`Source ${nameField.input.value.trim()} registered.`);
    }
    navigate('/sources');
  });

  main.append(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '/sources' }, 'Sources'), ' / ',
      editing ? `Change ${name}` : 'Register'),
    h('h1', {}, editing ? `Change source ${name}` : 'Register a source'),
    form);
  (editing ? url : nameField).input.focus();
}

/** Splits pasted armored keys at each END line. */
function splitKeys(text) {
  return text.split(KEY_END).map((k) => k.trim()).filter(Boolean).map((k) => `${k}\n${KEY_END}\n`);
}
