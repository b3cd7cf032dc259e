// One event stream for every tab of this browser (a SharedWorker): a browser keeps six HTTP/1.1
// connections per host, so a stream per tab would leave the seventh tab without one.
//
// Each tab says hello with the token it signed in with (the token stays in the tab's
// sessionStorage; the worker only holds it while a tab does). The stream is read with one tab's
// token; when no tab holds that token any more (signed out, closed), another tab's token takes
// over, resuming with Last-Event-ID so no event is missed. When the server refuses the stream's
// token (revoked), every tab that holds it is told so, and another tab's token takes over.
import { readEvents } from './sse.js';

const tabs = new Map(); // MessagePort → {id, token}
const refused = new Set(); // tokens the server refused: a revoked token never becomes valid again
let stream = null; // {token, controller}
let lastEventId = null;
let state = 'off';

self.addEventListener('connect', (e) => {
  const port = e.ports[0];
  port.onmessage = (m) => message(port, m.data || {});
});

function message(port, msg) {
  if (msg.type === 'hello' && typeof msg.token === 'string' && msg.token) {
    if (refused.has(msg.token)) {
      port.postMessage({ type: 'refused' });
      return;
    }
    tabs.set(port, { id: String(msg.id || ''), token: msg.token });
    port.postMessage({ type: 'state', state });
    follow();
  } else if (msg.type === 'bye') {
    tabs.delete(port);
    follow();
  }
}

/** Keeps the stream on a token a tab still holds: the current one, else another tab's; else none. */
function follow() {
  const held = new Set([...tabs.values()].map((t) => t.token));
  if (stream && held.has(stream.token)) return;
  if (stream) {
    stream.controller.abort();
    stream = null;
  }
  const next = held.values().next();
  if (next.done) {
    setState('off');
    return;
  }
  stream = { token: next.value, controller: new AbortController() };
  run(stream);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function run(s) {
  let delay = 1000;
  setState('connecting');
  while (stream === s) {
    try {
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${s.token}` };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch('/api/v1/events', {
        headers, signal: s.controller.signal, cache: 'no-store', credentials: 'omit',
      });
      if (response.status === 401) {
        refuse(s);
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      if (stream !== s) return;
      setState('live');
      delay = 1000;
      await readEvents(response.body, (id, event) => {
        if (stream !== s) return;
        if (id) lastEventId = id;
        if (event) broadcast({ type: 'event', event });
      });
    } catch (e) {
      // dropped, or aborted because another token took over
    }
    if (stream !== s) return;
    setState('reconnecting');
    await sleep(delay);
    delay = Math.min(delay * 2, 15000);
  }
}

/** The server refused the stream's token: its tabs are signed out, another token takes over. */
function refuse(s) {
  refused.add(s.token);
  if (stream === s) stream = null;
  for (const [port, tab] of tabs) {
    if (tab.token === s.token) {
      port.postMessage({ type: 'refused' });
      tabs.delete(port);
    }
  }
  follow();
}

function setState(s) {
  state = s;
  broadcast({ type: 'state', state });
}

function broadcast(msg) {
  for (const port of tabs.keys()) port.postMessage(msg);
}

// A tab that crashed says no goodbye; it held a Web Lock named after it, which the browser released
// with the tab. Tabs whose lock is gone are forgotten, and their token with them.
setInterval(async () => {
  if (!tabs.size || !self.navigator.locks) return;
  const { held } = await self.navigator.locks.query();
  const alive = new Set(held.map((l) => l.name));
  let changed = false;
  for (const [port, tab] of tabs) {
    if (tab.id && !alive.has(`driftless.tab.${tab.id}`)) {
      tabs.delete(port);
      changed = true;
    }
  }
  if (changed) follow();
}, 10_000);
