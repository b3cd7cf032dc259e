// The live event stream (/api/v1/events). The browser's EventSource cannot send an Authorization
// header, so the stream is read with fetch() and parsed here; after a drop it reconnects with
// Last-Event-ID, so no event is missed.
import { session } from './api.js';

const listeners = new Set();
const stateListeners = new Set();
let controller = null;
let lastEventId = null;
let running = false;
let state = 'off';

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
  loop();
}

export function stop() {
  running = false;
  lastEventId = null;
  if (controller) controller.abort();
  controller = null;
  setState('off');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function loop() {
  let delay = 1000;
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
        session.signOut();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      setState('live');
      delay = 1000;
      await read(response.body);
    } catch (e) {
      if (!running) return;
    }
    if (!running) return;
    setState('reconnecting');
    await sleep(delay);
    delay = Math.min(delay * 2, 15000);
  }
}

async function read(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = blockEnd(buffer)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^(\r\n|\r|\n){2}/, '');
      dispatch(block);
    }
  }
}

function blockEnd(buffer) {
  const m = /(\r\n|\r|\n)(\r\n|\r|\n)/.exec(buffer);
  return m ? m.index : -1;
}

/** Parses one SSE block (id:, event:, data: lines; ':' lines are keep-alive comments). */
function dispatch(block) {
  let id = null;
  const data = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (id) lastEventId = id;
  if (!data.length) return;
  let event;
  try {
    event = JSON.parse(data.join('\n'));
  } catch (e) {
    return;
  }
  for (const fn of listeners) {
    try {
      fn(event);
    } catch (e) {
      console.error(e);
    }
  }
}
