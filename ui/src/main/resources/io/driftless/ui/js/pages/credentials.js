// Named credentials (admins only): the list with public parts and users, a form that adds one or
// rotates the secret of one, and removal. A secret goes to the server and is never shown again:
// the form's secret fields are emptied as soon as the server answers.
import { h, fill, time, table, hidden } from '../dom.js';
import { call, enc } from '../api.js';
import { toast, adminList, confirmDelete } from '../ui.js';
import { field, FieldErrors } from '../forms.js';

export const nav = 'credentials';

/** Which fields each type takes, as the API names them. */
const TYPES = {
  token: ['username', 'token', 'origins'],
  basic: ['username', 'password', 'origins'],
  'ssh-key': ['privateKey', 'passphrase', 'origins'],
  'age-identity': ['identity'],
  'pgp-key': ['privateKey'],
};

export async function render(main) {
  document.title = 'Credentials · Driftless';
  const body = h('tbody', {});
  const message = h('div', { 'aria-live': 'polite' });
  const secret = { autocomplete: 'off', spellcheck: 'false' };
  const name = field('name', 'Name', {
    attrs: { required: true, ...secret, placeholder: 'gh-bot' },
    help: "Lower-case letters, digits and '-': sources refer to it by this name." });
  const type = field('type', 'Type', {
    tag: 'select',
    options: [['token', 'token: an HTTPS access token'], ['basic', 'basic: user and password'],
      ['ssh-key', 'ssh-key: an SSH private key'], ['age-identity', 'age-identity: SOPS age key'],
      ['pgp-key', 'pgp-key: SOPS OpenPGP key']] });
  const fields = {
    username: field('username', 'User', { attrs: secret }),
    token: field('token', 'Token', { attrs: { type: 'password', ...secret } }),
    password: field('password', 'Password', { attrs: { type: 'password', ...secret } }),
    privateKey: field('privateKey', 'Private key', { tag: 'textarea', attrs: { rows: 6, ...secret },
      help: 'SSH: OpenSSH or PEM. OpenPGP: armored, without a passphrase.' }),
    passphrase: field('passphrase', 'Passphrase (optional)', { attrs: { type: 'password', ...secret } }),
    identity: field('identity', 'age key file', { tag: 'textarea', attrs: { rows: 4, ...secret },
      help: 'As age-keygen writes it: AGE-SECRET-KEY-1… lines.' }),
    origins: field('origins', 'May be sent to', { tag: 'textarea',
      attrs: { rows: 2, spellcheck: 'false', placeholder: 'https://github.com/acme/' },
      help: 'One https:// or ssh:// URL prefix per line: only sources under them may use it. '
        + 'Required for token and basic.' }),
  };
  const title = h('h2', { id: 'credential-title' }, 'Add a credential');
  const summary = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Add credential');
  const cancel = h('button', { type: 'button', class: 'quiet', hidden: true, onclick: () => adding() },
    'Cancel rotation');
  const form = h('form', { class: 'edit inline', id: 'credential-form', novalidate: true,
    'aria-labelledby': 'credential-title' },
  title, summary, name.el, type.el, ...Object.values(fields).map((f) => f.el),
  h('div', { class: 'buttons' }, submit, cancel));
  const errors = new FieldErrors(form, summary);
  let rotating = null;

  main.append(h('h1', {}, 'Credentials'),
    h('p', { class: 'muted' }, 'Secrets kept under a name, which sources refer to. Only their type, user '
      + 'and public parts are ever shown.'),
    message,
    h('div', { class: 'scroll' }, table({ class: 'credentials' },
      ['Name', 'Type', 'Public parts', 'May be sent to', 'Used by', 'Added by', 'Changed', hidden('Actions')], body)),
    form);

  function showFields() {
    const takes = TYPES[type.input.value] || [];
    for (const [key, f] of Object.entries(fields)) f.el.hidden = !takes.includes(key);
  }
  type.input.addEventListener('change', showFields);

  function adding() {
    rotating = null;
    fill(title, 'Add a credential');
    submit.textContent = 'Add credential';
    name.input.disabled = false;
    type.input.disabled = false;
    cancel.hidden = true;
    errors.clear();
    showFields();
  }

  function rotate(c) {
    rotating = c.name;
    fill(title, `Rotate credential ${c.name}`);
    submit.textContent = 'Replace secret';
    name.input.value = c.name;
    name.input.disabled = true;
    type.input.value = c.type;
    type.input.disabled = true;
    fields.username.input.value = c.username || '';
    fields.origins.input.value = c.origins.join('\n');
    cancel.hidden = false;
    errors.clear();
    showFields();
    (TYPES[c.type][0] === 'username' ? fields[TYPES[c.type][1]] : fields[TYPES[c.type][0]]).input.focus();
  }

  const load = () => adminList('/api/v1/credentials', {
    body, message, form, none: 'No credential.', what: 'credentials',
    row: (c) => h('tr', { dataset: { credential: c.name } },
      h('th', { scope: 'row' }, c.name),
      h('td', {}, h('span', { class: 'badge muted' }, c.type), c.username ? ` ${c.username}` : null),
      h('td', {}, c.publicKeys.length
        ? c.publicKeys.map((k) => h('code', { class: 'key' }, k))
        : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'origins' }, c.origins.length
        ? c.origins.map((o) => h('code', {}, o))
        : h('span', { class: 'muted' }, '—')),
      h('td', {}, c.usedBy.length ? c.usedBy.join(', ') : h('span', { class: 'muted' }, 'nothing')),
      h('td', {}, c.createdBy),
      h('td', {}, time(c.updatedAt)),
      h('td', {},
        h('button', { type: 'button', class: 'quiet', 'data-rotate': c.name, onclick: () => rotate(c) },
          'Rotate', hidden(` ${c.name}`)),
        h('button', { type: 'button', class: 'quiet', 'data-remove': c.name, onclick: () => remove(c.name) },
          'Remove', hidden(` ${c.name}`)))),
  });

  async function remove(credentialName) {
    const removed = await confirmDelete(`/api/v1/credentials/${enc(credentialName)}`, {
      title: `Remove credential ${credentialName}`,
      description: 'Its secret is deleted. A credential that sources use is not removed.',
      action: 'Remove',
      done: `Credential ${credentialName} removed.`,
    });
    if (removed && rotating === credentialName) adding();
    await load();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    errors.clear();
    const request = { type: type.input.value };
    if (!rotating) request.name = name.input.value.trim();
    for (const key of TYPES[request.type]) {
      const value = fields[key].input.value;
      if (key === 'origins') {
        const origins = value.split('\n').map((o) => o.trim()).filter((o) => o);
        if (origins.length) request.origins = origins;
      } else if (value) {
        request[key] = value;
      }
    }
    try {
      const { data } = rotating
        ? await call(`/api/v1/credentials/${enc(rotating)}`, { method: 'PUT', body: request })
        : await call('/api/v1/credentials', { method: 'POST', body: request });
      toast(`Credential ${data.name} ${rotating ? 'rotated' : 'added'}.`);
      name.input.value = '';
      fields.username.input.value = '';
      fields.origins.input.value = '';
      adding();
      await load();
    } catch (err) {
      errors.show(err);
    } finally {
      for (const key of ['token', 'password', 'privateKey', 'passphrase', 'identity']) fields[key].input.value = '';
      submit.disabled = false;
    }
  });

  showFields();
  await load();
}
