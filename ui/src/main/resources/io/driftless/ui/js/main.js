// The dashboard shell: client-side routes (the server answers index.html for them), the session,
// the live-stream indicator.
import { session } from './api.js';
import * as events from './events.js';
import { refreshTimes } from './dom.js';
import * as signin from './pages/signin.js';
import * as overview from './pages/overview.js';
import * as environment from './pages/environment.js';
import * as run from './pages/run.js';
import * as preview from './pages/preview.js';
import * as sources from './pages/sources.js';
import * as audit from './pages/audit.js';
import * as pipelines from './pages/pipelines.js';
import * as tokens from './pages/tokens.js';
import * as credentials from './pages/credentials.js';
import * as compare from './pages/compare.js';
import * as sourceForm from './pages/source-form.js';
import * as environmentForm from './pages/environment-form.js';

const ROUTES = [
  [/^\/$/, overview],
  [/^\/environments\/([^/]+)$/, environment],
  [/^\/environments\/([^/]+)\/edit$/, environmentForm],
  [/^\/register\/environment$/, environmentForm],
  [/^\/runs\/(\d+)$/, run],
  [/^\/runs\/(\d+)\/compare\/(\d+)$/, compare],
  [/^\/previews\/([^/]+)\/(\d+)$/, preview],
  [/^\/sources$/, sources],
  [/^\/sources\/([^/]+)\/edit$/, sourceForm],
  [/^\/register\/source$/, sourceForm],
  [/^\/tokens$/, tokens],
  [/^\/credentials$/, credentials],
  [/^\/audit$/, audit],
  [/^\/pipelines$/, pipelines],
  [/^\/signin$/, signin],
];

const main = document.getElementById('main');
let cleanup = null;
let generation = 0;

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

async function route() {
  const gen = ++generation;
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const url = new URL(location.href);
  let path = url.pathname;
  if (!session.token() && path !== '/signin') {
    sessionStorage.setItem('driftless.next', path + url.search);
    history.replaceState(null, '', '/signin');
    path = '/signin';
  }
  const signedIn = Boolean(session.token());
  document.getElementById('signout').hidden = !signedIn;
  document.querySelector('header nav').hidden = !signedIn;
  if (signedIn) events.start();

  let page = null;
  let params = [];
  for (const [pattern, module] of ROUTES) {
    const m = pattern.exec(path);
    if (m) {
      page = module;
      params = m.slice(1).map(decodeURIComponent);
      break;
    }
  }
  for (const a of document.querySelectorAll('header nav a')) {
    const current = page && a.dataset.nav === page.nav;
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  main.replaceChildren();
  main.removeAttribute('aria-busy');
  if (!page) {
    document.title = 'Not found · Driftless';
    main.append(Object.assign(document.createElement('h1'), { textContent: 'Page not found' }));
    return;
  }
  main.setAttribute('aria-busy', 'true');
  try {
    const done = await page.render(main, params, { navigate, url, isCurrent: () => gen === generation });
    if (gen === generation) cleanup = typeof done === 'function' ? done : null;
    else if (typeof done === 'function') done();
  } catch (e) {
    if (gen !== generation) return;
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = e.message;
    main.append(p);
  } finally {
    if (gen === generation) {
      main.removeAttribute('aria-busy');
      // A User Timing mark, so a page's render time can be read (performance.getEntriesByName).
      performance.mark('driftless:rendered');
      document.dispatchEvent(new Event('driftless:rendered'));
    }
  }
}

// Same-origin links navigate without a reload (modified clicks keep the browser's meaning).
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || a.target || a.hasAttribute('download')) return;
  if (url.pathname.startsWith('/api/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
});

window.addEventListener('popstate', route);

window.addEventListener('driftless:signedout', () => {
  events.stop();
  if (location.pathname !== '/signin') {
    sessionStorage.setItem('driftless.next', location.pathname + location.search);
    navigate('/signin', { replace: true });
  }
});

document.getElementById('signout').addEventListener('click', () => {
  sessionStorage.removeItem('driftless.next');
  session.signOut();
});

const live = document.getElementById('live');
const LIVE_TEXT = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', off: '' };
events.onState((state) => {
  live.textContent = LIVE_TEXT[state];
  live.dataset.state = state;
  live.title = state === 'live' ? 'Receiving live updates from the server' : '';
});

setInterval(() => refreshTimes(), 30_000);

route();
