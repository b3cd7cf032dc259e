// The live event stream (/api/v1/events). One stream serves every tab of the browser: a
// SharedWorker (stream-worker.js) reads it and passes each event to each tab. Where a browser has
// no SharedWorker, the tab reads the stream itself. The browser's EventSource cannot send an
// Authorization header, so the stream is read with fetch(); after a drop it reconnects with
// Last-Event-ID, so no event is missed.
import { session } from './api.js';
import { readEvents } from './sse.js';

const listeners = new Set();
const stateListeners = new Set();
let state = 'off';
let running = false;
let port = null; // to the shared worker
let controller = null; // the tab's own stream, without a shared worker
const tabId = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : String(Math.random()).slice(2);
let lock = null;

/** Calls fn(event) for each event ({id, type, environment, run, phase, status, ...}); returns an unsubscribe. */
export function onEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Calls fn(state) with 'connecting', 'live', 'reconnecting' or 'off'. */
export function onState(fn) {
  stateListeners.add(fn);
  fn(state);
  return () => stateListeners.delete(fn);
}

function setState(s) {
  state = s;
  for (const fn of stateListeners) fn(s);
}

export function start() {
  if (running) return;
  running = true;
  if (typeof SharedWorker === 'function') {
    try {
      shared();
      return;
    } catch (e) {
      port = null;
    }
  }
  own();
}

export function stop() {
  if (!running) return;
  running = false;
  if (port) {
    port.postMessage({ type: 'bye' });
    port.close();
    port = null;
  }
  if (controller) controller.abort();
  controller = null;
  setState('off');
}

// ---- through the shared worker

function shared() {
  const worker = new SharedWorker('/js/stream-worker.js', { type: 'module', name: 'driftless-events' });
  port = worker.port;
  port.onmessage = (m) => {
    const msg = m.data || {};
    if (msg.type === 'event') dispatch(msg.event);
    else if (msg.type === 'state') setState(msg.state);
    else if (msg.type === 'refused') session.signOut('revoked');
  };
  hello();
}

/** Introduces this tab and its token to the worker, once the tab holds its liveness lock. */
function hello() {
  const send = () => {
    if (port) port.postMessage({ type: 'hello', id: tabId, token: session.token() });
  };
  if (!navigator.locks) {
    send();
    return;
  }
  if (!lock) {
    // Held until the tab goes away: the worker forgets tabs whose lock the browser released.
    lock = new Promise((granted) => {
      navigator.locks.request(`driftless.tab.${tabId}`, () => {
        granted();
        return new Promise(() => {});
      });
    });
  }
  lock.then(send);
}

// A reload or a closed tab says goodbye at once, so its token stops carrying the stream.
window.addEventListener('pagehide', () => {
  if (port) port.postMessage({ type: 'bye' });
});
window.addEventListener('pageshow', (e) => {
  if (e.persisted && port) hello();
});

// ---- the tab's own stream (no SharedWorker)

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function own() {
  let delay = 1000;
  let lastEventId = null;
  setState('connecting');
  while (running) {
    controller = new AbortController();
    try {
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.token()}` };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch('/api/v1/events', {
        headers, signal: controller.signal, cache: 'no-store', credentials: 'omit',
      });
      if (response.status === 401) {
        session.signOut('revoked');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      setState('live');
      delay = 1000;
      await readEvents(response.body, (id, event) => {
        if (id) lastEventId = id;
        if (event) dispatch(event);
      });
    } catch (e) {
      if (!running) return;
    }
    if (!running) return;
    setState('reconnecting');
    await sleep(delay);
    delay = Math.min(delay * 2, 15000);
  }
}

function dispatch(event) {
  for (const fn of listeners) {
    try {
      fn(event);
    } catch (e) {
      console.error(e);
    }
  }
}
